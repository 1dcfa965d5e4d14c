import { scenariosFor } from "../scenarios/index.js";
import type { CheckName, SuiteCheckName } from "../checks/registry.js";
import { providerContracts, type ProviderContract, type ProviderId } from "../model/provider-contract.js";
import { isSkipped, type ProviderEndpoint, type RunningTarget, type Target } from "../targets/target.js";
import { seedCoverage, unexercised } from "./coverage.js";
import type { CoverageMatrix, Finding, ScenarioResult, SuiteResult } from "../model/results.js";
import type { Scenario } from "../model/scenario.js";
import { createContext, type ScenarioRecorder } from "./scenario.js";

export interface SuiteOptions {
  targets: readonly Target[];
  seed: number;
  /** Generated requests per operation in property scenarios. */
  propertyRuns: number;
  /** Checks left out of the run. */
  excludedChecks?: ReadonlySet<CheckName | SuiteCheckName>;
  /** Lenient answers fail the run. */
  strict?: boolean;
  /** Only these providers (`--provider`); all when undefined. */
  providers?: ReadonlySet<ProviderId>;
  /** Only scenarios that send requests to these operationIds (`--operation`); all when undefined. */
  operations?: ReadonlySet<string>;
  /** Progress lines (one per target and provider). */
  log?: (line: string) => void;
}

interface Plan {
  provider: ProviderContract;
  endpoint: ProviderEndpoint | { skipped: string };
  scenarios: Scenario[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function suiteFailure(target: Target, provider: ProviderContract, scenario: string, expected: string, got: string): Finding {
  return { target: target.name, provider: provider.id, scenario, operation: "-", check: "suite_error", path: "-", expected, got, curl: "" };
}

function notRun(base: Pick<ScenarioResult, "target" | "provider" | "family" | "name">, skippedBecause: string, requests = 0, durationMs = 0): ScenarioResult {
  return { ...base, outcome: "skipped", skippedBecause, failures: [], warnings: [], requests, durationMs };
}

async function runScenario(target: Target, running: RunningTarget, plan: Plan, scenario: Scenario, options: SuiteOptions, coverage: CoverageMatrix): Promise<ScenarioResult> {
  const base = { target: target.name, provider: plan.provider.id, family: scenario.family, name: scenario.name };
  const endpoint = plan.endpoint;
  if (isSkipped(endpoint)) return notRun(base, endpoint.skipped);
  const missing = scenario.requires?.find((capability) => !target.capabilities[capability]);
  if (missing !== undefined) return notRun(base, target.limitations?.[missing] ?? `${target.name} lacks ${missing}`);
  const recorder: ScenarioRecorder = { failures: [], warnings: [], requests: 0 };
  const started = performance.now();
  const context = createContext(
    { target: target.name, provider: plan.provider, endpoint, flows: running.flows, seed: options.seed, propertyRuns: options.propertyRuns, excludedChecks: options.excludedChecks ?? new Set(), strict: options.strict ?? false },
    running.fetch,
    coverage,
    scenario.name,
    recorder,
  );
  let verdict: void | { skipped: string } = undefined;
  try {
    verdict = await scenario.run(context);
  } catch (error) {
    recorder.failures.push(suiteFailure(target, plan.provider, scenario.name, "the scenario to run", errorText(error)));
  }
  const durationMs = Math.round(performance.now() - started);
  if (verdict && recorder.failures.length === 0) return notRun(base, verdict.skipped, recorder.requests, durationMs);
  const outcome = recorder.failures.length > 0 ? "failed" : recorder.warnings.length > 0 ? "lenient" : "passed";
  return { ...base, outcome, failures: recorder.failures, warnings: recorder.warnings, requests: recorder.requests, durationMs };
}

/** A target that can force any status must show every declared status answered; a gap is a failure. */
function coverageResult(target: Target, provider: ProviderContract, coverage: CoverageMatrix): ScenarioResult {
  const prefix = `${provider.id} `;
  const gaps = unexercised(coverage, target.name).filter((entry) => entry.startsWith(prefix));
  const name = "every declared status exercised (Prefer: code= reaches each)";
  const failures = gaps.map((gap) => ({
    ...suiteFailure(target, provider, name, "at least one answer with this declared status", "none"),
    check: "status_coverage" as const,
    operation: gap.slice(prefix.length).split(" ")[0] ?? gap,
    path: `status ${gap.split(" ").at(-1) ?? ""}`,
  }));
  return { target: target.name, provider: provider.id, family: "coverage", name, outcome: failures.length > 0 ? "failed" : "passed", failures, warnings: [], requests: 0, durationMs: 0 };
}

function selectedProviders(options: SuiteOptions): readonly ProviderContract[] {
  return providerContracts().filter((provider) => options.providers?.has(provider.id) ?? true);
}

function isSelected(scenario: Scenario, options: SuiteOptions): boolean {
  const operations = options.operations;
  return operations === undefined || scenario.operations.some((operationId) => operations.has(operationId));
}

/** Runs every scenario against every target, one target at a time (msw patches the process' fetch). */
export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const scenarios: ScenarioResult[] = [];
  const coverage: CoverageMatrix = {};
  const emptyTargets: SuiteResult["emptyTargets"] = [];
  const log = options.log ?? (() => {});
  for (const target of options.targets) {
    log(`${target.name}: starting`);
    let running: RunningTarget;
    try {
      running = await target.start();
    } catch (error) {
      for (const provider of selectedProviders(options)) {
        const failure = suiteFailure(target, provider, `start ${target.name}`, `${target.name} to start`, errorText(error));
        scenarios.push({ target: target.name, provider: provider.id, family: "coverage", name: failure.scenario, outcome: "failed", failures: [failure], warnings: [], requests: 0, durationMs: 0 });
      }
      log(`${target.name}: could not start`);
      continue;
    }
    const results: ScenarioResult[] = [];
    try {
      const plans: Plan[] = selectedProviders(options).map((provider) => ({
        provider,
        endpoint: running.providers[provider.id],
        scenarios: scenariosFor(provider, target.capabilities, target.name === "live" || target.name === "url").filter((scenario) => isSelected(scenario, options)),
      }));
      for (const plan of plans) {
        if (isSkipped(plan.endpoint)) log(`${target.name}: ${plan.provider.id} skipped (${plan.endpoint.skipped})`);
        else seedCoverage(coverage, target.name, plan.provider, options.operations);
      }
      // Every provider's state-ending scenarios (a live revoke) come after all other scenarios.
      const ordered = [false, true].flatMap((last) =>
        plans.flatMap((plan) => plan.scenarios.filter((scenario) => (scenario.runsLast === true) === last).map((scenario) => ({ plan, scenario }))),
      );
      for (const { plan, scenario } of ordered) results.push(await runScenario(target, running, plan, scenario, options, coverage));
      if (target.capabilities.preferHeader && !options.excludedChecks?.has("status_coverage")) {
        for (const plan of plans) if (!isSkipped(plan.endpoint)) results.push(coverageResult(target, plan.provider, coverage));
      }
    } finally {
      await running.stop();
    }
    scenarios.push(...results);
    if (!results.some((result) => result.outcome !== "skipped")) emptyTargets.push(target.name);
    log(`${target.name}: done`);
  }
  return { targets: options.targets.map((target) => target.name), seed: options.seed, strict: options.strict ?? false, scenarios, coverage, emptyTargets, durationMs: Math.round(performance.now() - started) };
}

