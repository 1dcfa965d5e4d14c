import type { CheckName } from "../checks/registry.js";
import type { ProviderId } from "../providers.js";
import type { TargetName } from "../targets/target.js";

export type CaseFamily = "example" | "property" | "negative" | "auth" | "forced" | "stateful" | "fixture" | "coverage";

/** One check that failed on one answer, with all it takes to see why and replay it. */
export interface Failure {
  target: TargetName;
  provider: ProviderId;
  scenario: string;
  operation: string;
  /**
   * The check that failed; `status_coverage` when a target that can force any status left a declared one
   * unanswered; `suite_error` when the suite could not run the scenario (or start the target).
   */
  check: CheckName | "status_coverage" | "suite_error";
  path: string;
  expected: string;
  got: string;
  curl: string;
  /** The earlier requests of a stateful scenario, as `curl` lines, in order: replay them first. */
  steps?: string[];
  note?: string;
}

export interface ScenarioResult {
  target: TargetName;
  provider: ProviderId;
  family: CaseFamily;
  name: string;
  outcome: "passed" | "failed" | "skipped";
  skippedBecause?: string;
  failures: Failure[];
  requests: number;
  durationMs: number;
}

/** target -> operation (`provider operationId`) -> declared status -> answers seen. */
export type CoverageMatrix = Record<string, Record<string, Record<string, number>>>;

export interface SuiteResult {
  targets: TargetName[];
  seed: number;
  scenarios: ScenarioResult[];
  coverage: CoverageMatrix;
  /** Targets in which nothing ran at all (every provider skipped). */
  emptyTargets: TargetName[];
  durationMs: number;
}

export function tally(result: SuiteResult): { passed: number; failed: number; skipped: number } {
  const count = (outcome: ScenarioResult["outcome"]) => result.scenarios.filter((scenario) => scenario.outcome === outcome).length;
  return { passed: count("passed"), failed: count("failed"), skipped: count("skipped") };
}

/** 0 exactly when no check failed and every target ran something. */
export function exitCode(result: SuiteResult): number {
  return tally(result).failed > 0 || result.emptyTargets.length > 0 ? 1 : 0;
}
