import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario } from "../model/scenario.js";
import { tokenEndpointOf } from "./token-client.js";
import { baseInput, bodyText, buildRequest } from "./request-builder.js";
import { requestMedia } from "./request-media.js";

/**
 * Every named request example, sent as it is: a valid request the target must accept. An operation whose path
 * names server state (a reference parameter, e.g. relink's `integration_id`) gets an id the target cannot
 * know, so there the valid body must meet the refusal of unknown state instead: a declared 4xx, never a 2xx or 5xx.
 */
export function requestExampleScenarios(provider: ProviderContract): Scenario[] {
  const scenarios: Scenario[] = [];
  provider.index.operations.forEach((operation, position) => {
    const media = requestMedia(operation);
    if (!media) return;
    const unknownState = operation.parameters.filter((parameter) => parameter.required && provider.referenceParameters.includes(parameter.name)).map((parameter) => parameter.name);
    for (const [name, value] of media.media.examples) {
      scenarios.push({
        name: `${operation.operationId}: request example "${name}"`,
        family: "example",
        provider,
        operations: [operation.operationId],
        ...(unknownState.length > 0 ? { requires: ["stateful" as const] } : {}),
        async run(context) {
          // A token endpoint accepts only the target's own client.
          if (tokenEndpointOf(provider, operation) && context.endpoint.clientCredentialsMissing) return { skipped: context.endpoint.clientCredentialsMissing };
          const input = { ...baseInput(provider, context.endpoint, operation, context.seed + position), body: bodyText(operation, context.endpoint, value, value) };
          const request = buildRequest(context.endpoint, operation, input);
          if (unknownState.length === 0) await context.check({ operation, request, checks: ["positive_data_acceptance"] });
          else await context.check({ operation, request, checks: ["negative_data_rejection"], expectation: { violation: `${unknownState.join(", ")} names nothing the target knows` } });
        },
      });
    }
  });
  return scenarios;
}

/** A valid request for `operation` sent with `prefer`; the target must answer exactly `status`. */
function forcedAnswerScenario(
  provider: ProviderContract,
  operation: CompiledOperation,
  position: number,
  status: string,
  family: Scenario["family"],
  name: string,
  prefer: string,
): Scenario {
  return {
    name,
    family,
    provider,
    operations: [operation.operationId],
    async run(context) {
      const input = { ...baseInput(provider, context.endpoint, operation, context.seed + position), prefer };
      await context.check({
        operation,
        request: buildRequest(context.endpoint, operation, input),
        checks: ["forced_status"],
        expectation: { forcedStatus: Number(status) },
      });
    },
  };
}

/** Every named response example, asked for with `Prefer: code=<status>, example=<name>` (targets that honour Prefer). */
export function responseExampleScenarios(provider: ProviderContract): Scenario[] {
  const scenarios: Scenario[] = [];
  provider.index.operations.forEach((operation, position) => {
    for (const [status, response] of operation.responses) {
      if (!/^\d{3}$/.test(status)) continue;
      const names = new Set([...response.content.values()].flatMap((media) => [...media.examples.keys()]));
      for (const name of names) {
        const title = `${operation.operationId}: ${status} example "${name}"`;
        scenarios.push(forcedAnswerScenario(provider, operation, position, status, "example", title, `code=${status}, example=${name}`));
      }
    }
  });
  return scenarios;
}

/** Every declared status, asked for with `Prefer: code=<status>` (targets that honour Prefer). */
export function forcedStatusScenarios(provider: ProviderContract): Scenario[] {
  const scenarios: Scenario[] = [];
  provider.index.operations.forEach((operation, position) => {
    for (const status of operation.responses.keys()) {
      if (!/^\d{3}$/.test(status)) continue;
      const title = `${operation.operationId}: Prefer code=${status}`;
      scenarios.push(forcedAnswerScenario(provider, operation, position, status, "forced", title, `code=${status}`));
    }
  });
  return scenarios;
}
