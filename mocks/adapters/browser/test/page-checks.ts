/** What the browser test's scenarios (run in the page) say when the app sees something else than the mock promises. */

export function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(problem);
}

export function within<T>(milliseconds: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing after ${milliseconds} ms`)), milliseconds)),
  ]);
}
