import { describe, expect, it } from "vitest";
import { fileOf, tallySelfTime, type CpuProfile, type FrameLocator } from "../profile-summary.js";

const root = "/repo";
const locate: FrameLocator = (url, lineNumber) => ({ file: fileOf(url, root), line: lineNumber + 1 });
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

/** (root) -> handle (engine.ts) -> validate (ajv) ; handle -> handle (recursion) ; (idle) */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)", ""), children: [2, 5] },
    { id: 2, callFrame: frame("handle", "file:///repo/mocks/engine/engine.ts", 9), children: [3, 4] },
    { id: 3, callFrame: frame("validate", "file:///repo/node_modules/ajv/dist/core.js"), children: [] },
    { id: 4, callFrame: frame("handle", "file:///repo/mocks/engine/engine.ts", 9), children: [] },
    { id: 5, callFrame: frame("(idle)", ""), children: [] },
  ],
  startTime: 0,
  endTime: 100,
  samples: [2, 3, 3, 4, 5, 5],
  timeDeltas: [10, 10, 10, 10, 50, 10],
};

describe("tallySelfTime", () => {
  const tally = tallySelfTime(profile, locate);

  it("adds sample time per frame and per file, idle left out", () => {
    expect(tally.totalMicroseconds).toBe(40);
    expect(tally.frames).toEqual([
      { label: "handle  mocks/engine/engine.ts:10", microseconds: 20 },
      { label: "validate  ajv (dependency):1", microseconds: 20 },
    ]);
    expect(tally.files.map((file) => file.label).sort()).toEqual(["ajv (dependency)", "mocks/engine/engine.ts"]);
  });

  it("counts a recursing project frame once in its total time", () => {
    expect(tally.inclusive).toEqual([{ label: "handle  mocks/engine/engine.ts:10", microseconds: 40 }]);
  });
});

describe("fileOf", () => {
  it("names dependencies by package, project files relative, built-ins as they are", () => {
    expect(fileOf("file:///repo/node_modules/@scope/pkg/x.js", root)).toBe("@scope/pkg (dependency)");
    expect(fileOf("file:///repo/mocks/engine/engine.ts", root)).toBe("mocks/engine/engine.ts");
    expect(fileOf("node:internal/url", root)).toBe("node:internal/url");
    expect(fileOf("", root)).toBe("(native / V8)");
  });
});
