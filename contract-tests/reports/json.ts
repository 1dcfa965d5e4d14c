import { unexercised } from "../runner/coverage.js";
import { tally, targetTally, type SuiteResult } from "../model/results.js";

/** The whole run as data: per target its tally, failures, warnings (apart), skipped scenarios and coverage. */
export function jsonReport(result: SuiteResult): unknown {
  return {
    seed: result.seed,
    strict: result.strict,
    durationMs: result.durationMs,
    summary: tally(result),
    targets: result.targets.map((target) => {
      const scenarios = result.scenarios.filter((scenario) => scenario.target === target);
      return {
        target,
        summary: targetTally(result, target),
        ranNothing: result.emptyTargets.includes(target),
        failures: scenarios.flatMap((scenario) => scenario.failures),
        warnings: scenarios.flatMap((scenario) => scenario.warnings),
        skipped: scenarios
          .filter((scenario) => scenario.outcome === "skipped")
          .map((scenario) => ({ provider: scenario.provider, scenario: scenario.name, because: scenario.skippedBecause ?? "" })),
        coverage: result.coverage[target] ?? {},
        notExercised: unexercised(result.coverage, target),
      };
    }),
  };
}
