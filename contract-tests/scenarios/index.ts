import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario } from "../model/scenario.js";
import type { Capabilities } from "../targets/target.js";
import { authScenarios } from "./auth.js";
import { forcedStatusScenarios, requestExampleScenarios, responseExampleScenarios } from "./examples.js";
import { negativeScenarios } from "./negative.js";
import { undeclaredInputScenarios } from "./undeclared-input.js";
import { propertyScenarios } from "./properties.js";
import { statefulScenarios } from "./stateful.js";
import { tokenClientScenarios } from "./token-client.js";
import { tokenFlowScenarios } from "./token-flow.js";
import { tokenAccessScenarios } from "./token-access.js";

/** Every scenario for one provider on a target with these capabilities, in run order; `hasFixtures`: the target reads live fixtures (KOMBO_INTEGRATION_TOKEN). */
export function scenariosFor(provider: ProviderContract, capabilities: Capabilities, hasFixtures: boolean): Scenario[] {
  const all = [
    ...requestExampleScenarios(provider),
    ...(capabilities.preferHeader ? [...responseExampleScenarios(provider), ...forcedStatusScenarios(provider)] : []),
    ...negativeScenarios(provider),
    ...undeclaredInputScenarios(provider),
    ...authScenarios(provider),
    ...tokenClientScenarios(provider),
    ...propertyScenarios(provider),
    ...tokenFlowScenarios(provider),
    ...tokenAccessScenarios(provider),
    ...statefulScenarios(provider).filter((scenario) => scenario.family !== "fixture" || hasFixtures),
  ];
  return [...all.filter((scenario) => !scenario.runsLast), ...all.filter((scenario) => scenario.runsLast)];
}
