import type { Violation } from "../../openapi/violation.js";
import type { CheckName, SuiteCheckName } from "../checks/registry.js";
import type { ProviderId } from "./provider-contract.js";
import type { ReceiverCheckName } from "./receiver-checks.js";
import type { TargetName } from "../targets/target.js";

export type CaseFamily = "example" | "property" | "negative" | "undeclared" | "auth" | "forced" | "stateful" | "fixture" | "coverage" | "webhook";

/**
 * A violation one check found on one answer (a failure, or a warning when it is lenient), with all it
 * takes to see why and replay it.
 */
export interface Finding extends Violation {
  target: TargetName;
  provider: ProviderId;
  scenario: string;
  operation: string;
  /**
   * The check that failed; `status_coverage` when a target that can force any status left a declared one
   * unanswered; `suite_error` when the suite could not run the scenario (or start the target); a receiver
   * check (`connect-contracts webhooks`) for what the user's webhook endpoint did.
   */
  check: CheckName | SuiteCheckName | ReceiverCheckName | "suite_error";
  got: string;
  curl: string;
  /** The earlier requests of a stateful scenario, as `curl` lines, in order: replay them first. */
  steps?: string[];
  note?: string;
}

type Outcome = "passed" | "failed" | "lenient" | "skipped";

export interface ScenarioResult {
  target: TargetName;
  provider: ProviderId;
  family: CaseFamily;
  name: string;
  /** `lenient`: no check failed, but the target accepted something the spec does not declare. */
  outcome: Outcome;
  skippedBecause?: string;
  failures: Finding[];
  warnings: Finding[];
  requests: number;
  durationMs: number;
}

/** target -> operation (`provider operationId`) -> declared status -> answers seen. */
export type CoverageMatrix = Record<string, Record<string, Record<string, number>>>;

export interface SuiteResult {
  targets: TargetName[];
  seed: number;
  /** `--strict`: lenient answers were counted as failures. */
  strict: boolean;
  scenarios: ScenarioResult[];
  coverage: CoverageMatrix;
  /** Targets in which nothing ran at all (every provider skipped). */
  emptyTargets: TargetName[];
  durationMs: number;
}

export type Tally = Record<Outcome, number>;

function count(scenarios: readonly ScenarioResult[]): Tally {
  const tally: Tally = { passed: 0, failed: 0, lenient: 0, skipped: 0 };
  for (const scenario of scenarios) tally[scenario.outcome]++;
  return tally;
}

/** The run as a whole, as the last line shows it: a lenient scenario passed (it failed no check). */
export function tally(result: SuiteResult): { passed: number; failed: number; skipped: number; lenient: number } {
  const { passed, failed, lenient, skipped } = count(result.scenarios);
  return { passed: passed + lenient, failed, skipped, lenient };
}

/** One target's outcomes, lenient apart from passed. */
export function targetTally(result: SuiteResult, target: TargetName): Tally {
  return count(result.scenarios.filter((scenario) => scenario.target === target));
}

/** 0 exactly when no check failed and every target ran something. */
export function exitCode(result: SuiteResult): number {
  return tally(result).failed > 0 || result.emptyTargets.length > 0 ? 1 : 0;
}
