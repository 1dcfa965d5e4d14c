import type { ProviderContract } from "../providers.js";
import type { Scenario } from "../runner/scenario.js";
import { baseInput, buildRequest, jsonMediaType } from "./request-builder.js";

/** Every named request example, sent as it is: a valid request the target must accept. */
export function requestExampleScenarios(provider: ProviderContract): Scenario[] {
  const scenarios: Scenario[] = [];
  provider.index.operations.forEach((operation, position) => {
    const examples = operation.requestBody?.content.get(jsonMediaType)?.examples ?? new Map<string, unknown>();
    for (const [name, value] of examples) {
      scenarios.push({
        name: `${operation.operationId}: request example "${name}"`,
        family: "example",
        provider,
        async run(context) {
          const input = { ...baseInput(provider, context.endpoint, operation, context.seed + position), body: JSON.stringify(value) };
          await context.exchange({ operation, request: buildRequest(context.endpoint, operation, input), checks: ["positive_data_acceptance"] });
        },
      });
    }
  });
  return scenarios;
}

/** Every named response example, asked for with `Prefer: code=<status>, example=<name>` (targets that honour Prefer). */
export function responseExampleScenarios(provider: ProviderContract): Scenario[] {
  const scenarios: Scenario[] = [];
  provider.index.operations.forEach((operation, position) => {
    for (const [status, response] of operation.responses) {
      if (!/^\d{3}$/.test(status)) continue;
      const names = new Set([...response.content.values()].flatMap((media) => [...media.examples.keys()]));
      for (const name of names) {
        scenarios.push({
          name: `${operation.operationId}: ${status} example "${name}"`,
          family: "example",
          provider,
          async run(context) {
            const input = { ...baseInput(provider, context.endpoint, operation, context.seed + position), prefer: `code=${status}, example=${name}` };
            await context.exchange({
              operation,
              request: buildRequest(context.endpoint, operation, input),
              checks: ["forced_status"],
              expectation: { forcedStatus: Number(status) },
            });
          },
        });
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
      scenarios.push({
        name: `${operation.operationId}: Prefer code=${status}`,
        family: "forced",
        provider,
        async run(context) {
          const input = { ...baseInput(provider, context.endpoint, operation, context.seed + position), prefer: `code=${status}` };
          await context.exchange({
            operation,
            request: buildRequest(context.endpoint, operation, input),
            checks: ["forced_status"],
            expectation: { forcedStatus: Number(status) },
          });
        },
      });
    }
  });
  return scenarios;
}
