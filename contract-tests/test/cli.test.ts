import { describe, expect, it } from "vitest";
import { parseArguments, UsageError } from "../cli.js";

describe("npm run contract arguments", () => {
  it("takes targets repeated and comma-separated, once each", () => {
    expect(parseArguments(["--target", "msw", "--target", "mock,prism", "--target=msw"], {}).targets).toEqual(["msw", "mock", "prism"]);
  });

  it("reads seed and runs from flags or the environment", () => {
    expect(parseArguments(["-t", "live"], { CONTRACT_SEED: "9", CONTRACT_RUNS: "3" })).toMatchObject({ seed: 9, propertyRuns: 3 });
    expect(parseArguments(["-t", "live", "--seed", "4", "--runs", "0"], {})).toMatchObject({ seed: 4, propertyRuns: 0 });
  });

  it("leaves out the checks named with --exclude-check", () => {
    const options = parseArguments(["-t", "live", "--exclude-check", "negative_data_rejection,ignored_auth"], {});
    expect([...options.excludedChecks]).toEqual(["negative_data_rejection", "ignored_auth"]);
    expect(() => parseArguments(["-t", "live", "--exclude-check", "no_such_check"], {})).toThrow('unknown check "no_such_check"');
  });

  it("refuses an unknown target, a missing target and a bad number", () => {
    expect(() => parseArguments(["--target", "staging"], {})).toThrow(UsageError);
    expect(() => parseArguments([], {})).toThrow("name at least one --target");
    expect(() => parseArguments(["-t", "mock", "--runs", "many"], {})).toThrow("--runs needs a whole number");
  });
});
