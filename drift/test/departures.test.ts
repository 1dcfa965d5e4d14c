import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { DepartureFormatError, readDeparture } from "../../openapi/marks.js";
import { digest } from "../canonical.js";
import { driftOf } from "../drift.js";
import { ourSpecText, publishedFromOurs } from "./fixtures.js";

describe("x-departure marks", () => {
  test("a full mark reads into what departs", () => {
    const node = { "x-departure": { reason: "ours", "enum-added": [null, "x"], "required-added": ["a"], published: { format: null } } };
    expect(readDeparture(node, "/s")).toEqual({
      reason: "ours",
      oursOnly: false,
      enumAdded: [null, "x"],
      enumRemoved: [],
      requiredAdded: ["a"],
      requiredRemoved: [],
      published: { format: null },
    });
  });

  test.each([
    ["a bare text", "we changed it", "must be an object"],
    ["no reason", { "ours-only": true }, "needs a `reason`"],
    ["an unknown key", { reason: "r", "required-by-us": ["a"] }, 'unknown key "required-by-us"'],
    ["ours-only false", { reason: "r", "ours-only": false }, "`ours-only` can only be true"],
    ["an empty list", { reason: "r", "enum-added": [] }, "`enum-added` must be a non-empty list"],
    ["required names that are not text", { reason: "r", "required-added": [1] }, "`required-added` lists property names"],
    ["an empty published map", { reason: "r", published: {} }, "`published` must map"],
  ])("%s is refused, naming the pointer", (_name, mark, problem) => {
    expect(() => readDeparture({ "x-departure": mark }, "/components/schemas/x")).toThrow(DepartureFormatError);
    expect(() => readDeparture({ "x-departure": mark }, "/components/schemas/x")).toThrow(`x-departure at /components/schemas/x: ${problem}`);
  });

  test("a malformed mark in our spec stops drift with its pointer, not a stack of a later failure", () => {
    const text = ourSpecText("kinde").replace("reason: *clientReads\n        required-added: [errors]", "reason: *clientReads\n        required-added: errors");
    expect(text).not.toBe(ourSpecText("kinde"));
    const published = JSON.stringify(publishedFromOurs("kinde"));
    expect(() => driftOf({ provider: "kinde", ours: { file: "kinde.yaml", text }, published: { source: "p.json", text: published } })).toThrow(
      "x-departure at /components/schemas/error_response: `required-added` must be a non-empty list",
    );
  });

  test("every mark in both specs reads, and every digest is of the documented form", () => {
    for (const provider of ["kombo", "kinde"] as const) {
      const marks: unknown[] = [];
      const collect = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(collect);
        else if (typeof node === "object" && node !== null) {
          if ("x-departure" in node) marks.push(readDeparture(node, provider));
          Object.values(node).forEach(collect);
        }
      };
      collect(parse(ourSpecText(provider), { maxAliasCount: -1 }));
      expect(marks.length).toBeGreaterThan(5);
    }
    expect(digest("a  b\n c")).toBe(digest("a b c"));
    expect(digest({ b: 1, a: 2 })).toBe(digest({ a: 2, b: 1 }));
    expect(digest("text")).toMatch(/^sha256:[0-9a-f]{16}$/);
  });
});
