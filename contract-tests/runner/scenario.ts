import type { CompiledOperation } from "../../openapi/spec-index.js";
import { checkRegistry, responseChecks, type CheckName, type SuiteCheckName } from "../checks/registry.js";
import type { CaseExpectation } from "../model/check.js";
import type { ProviderContract } from "../model/provider-contract.js";
import { toCurl } from "../reports/curl.js";
import type { Capability, FlowHelpers, ProviderEndpoint, TargetName } from "../targets/target.js";
import { recordAnswer } from "./coverage.js";
import { send, type ContractRequest, type ContractResponse } from "../model/http.js";
import type { CaseFamily, CoverageMatrix, Finding } from "../model/results.js";

/** One request of a scenario and the checks its answer must pass beyond the response checks. */
export interface Step {
  operation: CompiledOperation;
  request: ContractRequest;
  checks?: readonly CheckName[];
  expectation?: CaseExpectation;
}

export interface StepOutcome {
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
  exchange(step: Step, record?: boolean): Promise<StepOutcome>;
  /** Adds a failure that is not about one answer (e.g. a flow step that could not be completed). */
  fail(failure: Omit<Finding, "target" | "provider" | "scenario">): void;
  /** Notes a request made outside `exchange` (a flow's page), so later failures list it among their steps. */
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

export function checksFor(step: Step): CheckName[] {
  const forced = step.expectation?.forcedStatus;
  const base = responseChecks.filter((name) => !(name === "not_a_server_error" && forced !== undefined && forced >= 500));
  return [...new Set([...base, ...(step.checks ?? [])])];
}

export interface ScenarioRecorder {
  failures: Finding[];
  warnings: Finding[];
  requests: number;
}

export function createContext(
  base: Omit<ScenarioContext, "exchange" | "fail" | "remember">,
  fetchFn: typeof fetch,
  coverage: CoverageMatrix,
  scenarioName: string,
  recorder: ScenarioRecorder,
): ScenarioContext {
  const { target, provider } = base;
  const history: string[] = [];
  const toFailure = (step: Step, check: CheckName, path: string, expected: string, got: string): Finding => ({
    target,
    provider: provider.id,
    scenario: scenarioName,
    operation: `${step.operation.operationId} (${step.operation.method} ${step.operation.pathTemplate})`,
    check,
    path,
    expected,
    got,
    curl: toCurl(step.request),
    ...(history.length > 0 ? { steps: [...history] } : {}),
  });
  return {
    ...base,
    async exchange(step, record = true) {
      recorder.requests++;
      let response: ContractResponse;
      try {
        response = await send(fetchFn, step.request);
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const failure = toFailure(step, "not_a_server_error", "status", "an HTTP answer", `no answer: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
        if (record) recorder.failures.push(failure);
        return { response: undefined, failures: [failure], warnings: [] };
      }
      recordAnswer(coverage, target, provider, step.operation.operationId, response.status);
      const failures: Finding[] = [];
      const warnings: Finding[] = [];
      for (const name of checksFor(step).filter((check) => !base.excludedChecks.has(check))) {
        const findings = checkRegistry[name].run({
          provider,
          operation: step.operation,
          request: step.request,
          response,
          expectation: step.expectation ?? {},
        });
        for (const finding of findings) {
          const reported = toFailure(step, name, finding.path, finding.expected, finding.got ?? "nothing");
          if (finding.lenient === undefined) failures.push(reported);
          else if (base.strict) failures.push({ ...reported, note: `lenient (${finding.lenient}); a failure because of --strict` });
          else warnings.push({ ...reported, note: `lenient: ${finding.lenient}` });
        }
      }
      if (record) {
        recorder.failures.push(...failures);
        recorder.warnings.push(...warnings);
        history.push(toCurl(step.request));
      }
      return { response, failures, warnings };
    },
    fail(failure) {
      recorder.failures.push({ ...failure, target, provider: provider.id, scenario: scenarioName, ...(history.length > 0 ? { steps: [...history] } : {}) });
    },
    remember(request) {
      history.push(toCurl(request));
    },
  };
}
