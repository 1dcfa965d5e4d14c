import { describe, expect, it } from "vitest";
import { setBounded } from "../bounded-map.js";

describe("setBounded", () => {
  it("keeps the newest `limit` entries, forgetting the oldest first", () => {
    const map = new Map<string, number>();
    for (let index = 0; index < 25; index += 1) setBounded(map, `k${index}`, index, 10);
    expect([...map.keys()]).toEqual(Array.from({ length: 10 }, (_, index) => `k${index + 15}`));
  });

  it("updates an existing key in place, without moving it up the queue", () => {
    const map = new Map<string, number>();
    for (const key of ["a", "b", "c"]) setBounded(map, key, 1, 3);
    setBounded(map, "a", 2, 3);
    setBounded(map, "d", 1, 3);
    expect([...map.entries()]).toEqual([
      ["b", 1],
      ["c", 1],
      ["d", 1],
    ]);
  });

  it("copes with entries deleted by other code and never holds more than the limit", () => {
    const map = new Map<string, number>();
    for (let index = 0; index < 1_000; index += 1) {
      setBounded(map, `k${index}`, index, 5);
      if (index % 3 === 0) map.delete(`k${index}`);
      expect(map.size).toBeLessThanOrEqual(5);
    }
    // k999 arrived over the limit (evicting k992) and was then deleted by the caller.
    expect([...map.keys()]).toEqual(["k994", "k995", "k997", "k998"]);
  });
});
