/**
 * `map.set(key, value)`, then forget the oldest entries past `limit`, for state that must not grow
 * without bound. The oldest come from an insertion queue kept beside the map: `map.keys().next()`
 * walks every deleted slot V8 has not compacted yet, which once the map is full costs about 7 µs per
 * call at 10,000 entries (a fifth of a create-link answer).
 */
interface InsertionQueue {
  keys: string[];
  head: number;
}

const queues = new WeakMap<Map<string, unknown>, InsertionQueue>();

export function setBounded<Value>(map: Map<string, Value>, key: string, value: Value, limit: number): void {
  const isNew = !map.has(key);
  map.set(key, value);
  let queue = queues.get(map);
  // Entries deleted by other code stay in the queue; rebuild it from the map when they pile up.
  if (queue === undefined || queue.keys.length - queue.head > 2 * limit + 1) {
    queue = { keys: [...map.keys()], head: 0 };
    queues.set(map, queue);
  } else if (isNew) {
    queue.keys.push(key);
  }
  while (map.size > limit && queue.head < queue.keys.length) map.delete(queue.keys[queue.head++] as string);
  if (queue.head > 1024 && queue.head * 2 > queue.keys.length) {
    queue.keys = queue.keys.slice(queue.head);
    queue.head = 0;
  }
}
