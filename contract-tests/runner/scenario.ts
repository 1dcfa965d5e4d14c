import { checkRegistry, responseChecks, type CheckName } from "../checks/registry.js";
import type { ContractResponse } from "../model/http.js";
import type { CoverageMatrix, Finding } from "../model/results.js";
import type { ScenarioContext, Step } from "../model/scenario.js";
import { toCurl } from "../reports/curl.js";
import { recordAnswer } from "./coverage.js";
import { send } from "./send.js";

function checksFor(step: Step): CheckName[] {
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
  base: Omit<ScenarioContext, "check" | "fail" | "remember">,
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
    async check(step, record = true) {
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
