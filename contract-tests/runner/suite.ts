import { scenariosFor } from "../cases/index.js";
import { providerContracts } from "../providers.js";
import { isSkipped, type Target, type TargetName } from "../targets/target.js";
import { seedCoverage } from "./coverage.js";
import type { CoverageMatrix, Failure, ScenarioResult, SuiteResult } from "./results.js";
import { createContext } from "./scenario.js";

export interface SuiteOptions {
  targets: readonly Target[];
  seed: number;
  /** Generated requests per operation in property scenarios. */
  propertyRuns: number;
  /** Progress lines (one per target and provider). */
  log?: (line: string) => void;
}

/** Runs every scenario against every target, one target at a time (msw patches the process' fetch). */
export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const scenarios: ScenarioResult[] = [];
  const coverage: CoverageMatrix = {};
  const emptyTargets: TargetName[] = [];
  const log = options.log ?? (() => {});
  for (const target of options.targets) {
    log(`${target.name}: starting`);
    const running = await target.start();
    let ran = 0;
    try {
      // Providers are interleaved so that each one's state-ending scenarios still come after all the others'.
      const plans = providerContracts().map((provider) => {
        const endpoint = running.providers[provider.id];
        return { provider, endpoint, scenarios: scenariosFor(provider, target.capabilities, target.name === "live") };
      });
      const ordered = [
        ...plans.flatMap((plan) => plan.scenarios.filter((scenario) => !scenario.runsLast).map((scenario) => ({ plan, scenario }))),
        ...plans.flatMap((plan) => plan.scenarios.filter((scenario) => scenario.runsLast).map((scenario) => ({ plan, scenario }))),
      ];
      for (const plan of plans) {
        if (isSkipped(plan.endpoint)) log(`${target.name}: ${plan.provider.id} skipped (${plan.endpoint.skipped})`);
        else seedCoverage(coverage, target.name, plan.provider);
      }
      for (const { plan, scenario } of ordered) {
        const base = { target: target.name, provider: plan.provider.id, family: scenario.family, name: scenario.name };
        const endpoint = plan.endpoint;
        const missing = scenario.requires?.find((capability) => !target.capabilities[capability]);
        const unsupported = missing === undefined ? undefined : (target.limitations?.[missing] ?? `${target.name} lacks ${missing}`);
        if (isSkipped(endpoint) || unsupported !== undefined) {
          const skippedBecause = isSkipped(endpoint) ? endpoint.skipped : (unsupported ?? "");
          scenarios.push({ ...base, outcome: "skipped", skippedBecause, failures: [], requests: 0, durationMs: 0 });
          continue;
        }
        const recorder: { failures: Failure[]; requests: number } = { failures: [], requests: 0 };
        const scenarioStarted = performance.now();
        const context = createContext(
          { target: target.name, provider: plan.provider, endpoint, flows: running.flows, seed: options.seed, propertyRuns: options.propertyRuns },
          running.fetch,
          coverage,
          scenario.name,
          recorder,
        );
        let verdict: void | { skipped: string } = undefined;
        try {
          verdict = await scenario.run(context);
        } catch (error) {
          recorder.failures.push({
            target: target.name,
            provider: plan.provider.id,
            scenario: scenario.name,
            operation: "-",
            check: "suite_error",
            path: "-",
            expected: "the scenario to run",
            got: error instanceof Error ? (error.stack ?? error.message) : String(error),
            curl: "",
          });
        }
        const durationMs = Math.round(performance.now() - scenarioStarted);
        if (verdict && recorder.failures.length === 0) {
          scenarios.push({ ...base, outcome: "skipped", skippedBecause: verdict.skipped, failures: [], requests: recorder.requests, durationMs });
          continue;
        }
        ran++;
        scenarios.push({ ...base, outcome: recorder.failures.length > 0 ? "failed" : "passed", failures: recorder.failures, requests: recorder.requests, durationMs });
      }
    } finally {
      await running.stop();
    }
    if (ran === 0) emptyTargets.push(target.name);
    log(`${target.name}: done`);
  }
  return { targets: options.targets.map((target) => target.name), seed: options.seed, scenarios, coverage, emptyTargets, durationMs: Math.round(performance.now() - started) };
}
