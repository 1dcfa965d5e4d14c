import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario } from "../model/scenario.js";
import { completedResourceScenario, resourceEchoScenarios } from "./resource-echo.js";
import { sessionLifecycleScenarios } from "./session-lifecycle.js";

/** The provider's stateful rule as scenarios; the ones that end server state run last. */
export function statefulScenarios(provider: ProviderContract): Scenario[] {
  const rule = provider.statefulRule;
  return rule.kind === "resource-echo"
    ? [...resourceEchoScenarios(provider, rule), completedResourceScenario(provider, rule)]
    : sessionLifecycleScenarios(provider, rule);
}
