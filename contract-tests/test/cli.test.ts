import { describe, expect, it } from "vitest";
import { contractCommand, parseArguments, runCli } from "../cli.js";

async function run(argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, {}, (text) => lines.push(text));
  return { code, output: lines.join("\n") };
}

describe("npm run contract arguments", () => {
  it("takes targets repeated and comma-separated, once each", () => {
    expect(parseArguments(["--target", "msw", "--target", "mock,prism", "--target=msw"], {}).targets).toEqual(["msw", "mock", "prism"]);
  });

  it("reads seed and runs from flags or the environment", () => {
    expect(parseArguments(["-t", "live"], { CONTRACT_SEED: "9", CONTRACT_RUNS: "3" })).toMatchObject({ seed: 9, propertyRuns: 3 });
    expect(parseArguments(["-t", "live", "--seed", "4", "--runs", "0"], {})).toMatchObject({ seed: 4, propertyRuns: 0 });
    expect(() => parseArguments(["-t", "live"], { CONTRACT_RUNS: "lots" })).toThrow('CONTRACT_RUNS needs a whole number, got "lots"');
  });

  it("leaves out the checks named with --exclude-check", () => {
    const options = parseArguments(["-t", "live", "--exclude-check", "negative_data_rejection,ignored_auth"], {});
    expect([...options.excludedChecks]).toEqual(["negative_data_rejection", "ignored_auth"]);
    expect(() => parseArguments(["-t", "live", "--exclude-check", "no_such_check"], {})).toThrow('unknown check "no_such_check"');
  });

  it("refuses an unknown target, a missing target, a bad number and an unknown flag", () => {
    expect(() => parseArguments(["--target", "staging"], {})).toThrow('unknown target "staging"');
    expect(() => parseArguments([], {})).toThrow("name at least one --target");
    expect(() => parseArguments(["-t", "mock", "--runs", "many"], {})).toThrow("--runs needs a whole number");
    expect(() => parseArguments(["-t", "mock", "--no-such-flag"], {})).toThrow("unknown option '--no-such-flag'");
  });
});

describe("the contract command", () => {
  it("is a commander command named contract, ready to mount in the bin", () => {
    const command = contractCommand();
    expect(command.name()).toBe("contract");
    expect(command.options.map((option) => option.long)).toContain("--exclude-check");
  });

  it("prints help with examples and exit codes, and exits 0", async () => {
    const { code, output } = await run(["--help"]);
    expect(code).toBe(0);
    expect(output).toContain("Examples:");
    expect(output).toContain("npm run contract -- --target live");
    expect(output).toMatch(/Exit codes:\n {2}0 {2}every check passed\n {2}1 {2}a check failed/);
    expect(output).toContain("2  usage error");
  });

  it("exits 2 with the reason on a usage error, before sending anything", async () => {
    const unknownFlag = await run(["--target", "mock", "--bogus"]);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.output).toContain("unknown option '--bogus'");
    const noTarget = await run([]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.output).toContain("name at least one --target");
    expect(noTarget.output).toContain("add --help");
    expect((await run(["--target", "nowhere"])).output).toContain('unknown target "nowhere" (one of msw, mock, prism, live)');
  });
});
