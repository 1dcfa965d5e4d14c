import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { CheckName, SuiteCheckName } from "../checks/registry.js";
import type { Capability, FlowHelpers, ProviderEndpoint, TargetName } from "../targets/target.js";
import type { CaseExpectation } from "./check.js";
import type { ContractRequest, ContractResponse } from "./http.js";
import type { ProviderContract } from "./provider-contract.js";
import type { CaseFamily, Finding } from "./results.js";

/** The suite's model of a run: a scenario is a sequence of steps, each a request whose answer its checks judge. */

/** One request of a scenario and the checks its answer must pass beyond the response checks. */
export interface Step {
  operation: CompiledOperation;
  request: ContractRequest;
  checks?: readonly CheckName[];
  expectation?: CaseExpectation;
}

interface StepOutcome {
  response: ContractResponse | undefined;
  failures: Finding[];
  /** Lenient answers (never failures, unless `strict`). */
  warnings: Finding[];
}

export interface ScenarioContext {
  target: TargetName;
  provider: ProviderContract;
  endpoint: ProviderEndpoint;
  flows: FlowHelpers | undefined;
  seed: number;
  propertyRuns: number;
  /** Checks left out of this run (`--exclude-check`). */
  excludedChecks: ReadonlySet<CheckName | SuiteCheckName>;
  /** `--strict`: a lenient answer fails like any other finding. */
  strict: boolean;
  /** Sends the step, runs its checks, records coverage; failures are kept unless `record` is false. */
  check(step: Step, record?: boolean): Promise<StepOutcome>;
  /** Adds a failure that is not about one answer (e.g. a flow step that could not be completed). */
  fail(failure: Omit<Finding, "target" | "provider" | "scenario">): void;
  /** Notes a request made outside `check` (a flow's page), so later failures list it among their steps. */
  remember(request: ContractRequest): void;
}

export interface Scenario {
  name: string;
  family: CaseFamily;
  provider: ProviderContract;
  /** The operationIds it sends requests to (what `--operation` filters on). */
  operations: readonly string[];
  /** What the target must be able to do for this scenario to mean anything; else it is skipped. */
  requires?: readonly Capability[];
  /** Ends server state (a revoke of a real session): run after everything else. */
  runsLast?: boolean;
  /** Returns a reason when the scenario cannot run here (counted as skipped, never as passed). */
  run(context: ScenarioContext): Promise<void | { skipped: string }>;
}

