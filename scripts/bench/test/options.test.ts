import { describe, expect, it } from "vitest";
import { commandOfScript } from "../npm-script.js";
import { BenchOptionError, defaultOptions, parseBenchOptions } from "../options.js";

describe("parseBenchOptions", () => {
  it("defaults to the full run", () => {
    expect(parseBenchOptions([])).toEqual(defaultOptions);
  });

  it("makes --quick short and lets explicit options win whatever their order", () => {
    const options = parseBenchOptions(["--duration", "2", "--quick", "--connections=1,8"]);
    expect(options.quick).toBe(true);
    expect(options.durationSeconds).toBe(2);
    expect(options.warmupSeconds).toBeLessThan(defaultOptions.warmupSeconds);
    expect(options.connections).toEqual([1, 8]);
    expect(options.contractTargets).toEqual([]);
  });

  it("skips the memory run in --quick unless --memory asks for it, and takes its size and the browser starts", () => {
    expect(parseBenchOptions([]).memoryRequests).toBe(1_000_000);
    expect(parseBenchOptions(["--quick"]).memoryRequests).toBe(0);
    expect(parseBenchOptions(["--quick", "--memory"]).memoryRequests).toBe(1_000_000);
    expect(parseBenchOptions(["--memory-requests", "50000", "--browser-starts", "0"])).toMatchObject({ memoryRequests: 50_000, browserStarts: 0 });
    expect(() => parseBenchOptions(["--memory-requests", "-3"])).toThrow(/--memory-requests/);
  });

  it("turns the contract timing off with --contract none", () => {
    expect(parseBenchOptions(["--contract", "none"]).contractTargets).toEqual([]);
    expect(parseBenchOptions(["--contract", "mock"]).contractTargets).toEqual(["mock"]);
  });

  it("takes the engines and scenarios to run as lists", () => {
    const options = parseBenchOptions(["--engines", "ours,ours-quiet", "--scenarios=create-link"]);
    expect(options.engines).toEqual(["ours", "ours-quiet"]);
    expect(options.scenarios).toEqual(["create-link"]);
    expect(defaultOptions.engines).toEqual([]);
  });

  it("rejects nonsense with the flag's name", () => {
    expect(() => parseBenchOptions(["--duration", "-1"])).toThrow(/--duration needs a positive number/);
    expect(() => parseBenchOptions(["--connections", "1,2.5"])).toThrow(/whole number/);
    expect(() => parseBenchOptions(["--duration"])).toThrow(BenchOptionError);
    expect(() => parseBenchOptions(["--fast"])).toThrow(/unknown option "--fast"/);
  });
});

describe("commandOfScript", () => {
  it("runs tsx scripts as node --import tsx, without npm or the tsx CLI in between", () => {
    expect(commandOfScript("tsx cli/commands/mock.ts --quiet")).toEqual({
      command: process.execPath,
      args: ["--import", "tsx", "cli/commands/mock.ts", "--quiet"],
      env: {},
    });
  });

  it("keeps leading environment assignments and falls back to a shell for anything else", () => {
    expect(commandOfScript("MOCK_LOG=off node dist/cli.js")).toEqual({
      command: process.execPath,
      args: ["dist/cli.js"],
      env: { MOCK_LOG: "off" },
    });
    expect(commandOfScript("concurrently a b").command).toBe("sh");
  });
});
