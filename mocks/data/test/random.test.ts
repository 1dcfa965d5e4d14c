import { describe, expect, it } from "vitest";
import { randomId } from "../random.js";

describe("randomId", () => {
  it("gives letters and digits of the asked length, different every time", () => {
    const ids = Array.from({ length: 2_000 }, () => randomId(48));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("handles the empty and the very long", () => {
    expect(randomId(0)).toBe("");
    expect(randomId(10_000)).toMatch(/^[A-Za-z0-9]{10000}$/);
  });
});
