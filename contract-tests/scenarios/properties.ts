import fc from "fast-check";
import { arbitraryFromSchema } from "./arbitrary.js";
import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { ProviderContract } from "../model/provider-contract.js";
import { toCurl } from "../reports/curl.js";
import type { Scenario } from "../model/scenario.js";
import type { ProviderEndpoint } from "../targets/target.js";
import { baseInput, buildRequest, parameterArbitrary, type RequestInput } from "./request-builder.js";
import { requestMedia } from "./request-media.js";

export const noGeneratedRuns = "--runs 0: no generated requests";

interface Generated {
  what: string;
  arbitrary: fc.Arbitrary<Partial<RequestInput>>;
}

/**
 * The part of the request a property varies: the JSON body when there is one, else the query parameters.
 * A parameter the target has a fixture for (a live `key_code_ref`) takes it or a generated value, so
 * generated requests reach success answers too, not only "not found".
 */
function generatedPart(provider: ProviderContract, operation: CompiledOperation, endpoint: ProviderEndpoint): Generated | undefined {
  const media = requestMedia(operation);
  if (media?.media.schema !== undefined) {
    return {
      what: "body",
      arbitrary: arbitraryFromSchema(media.media.schema, { document: provider.index.document }).map((value) => ({ body: media.encode(value) })),
    };
  }
  const query = operation.parameters.filter((parameter) => parameter.in === "query");
  if (query.length === 0) return undefined;
  const model = Object.fromEntries(
    query.map((parameter) => {
      const fixture = endpoint.parameterValues[parameter.name];
      const generated = parameterArbitrary(provider, parameter);
      return [parameter.name, fixture === undefined ? generated : fc.oneof(fc.constant(fixture), generated)];
    }),
  );
  const requiredKeys = query.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return {
    what: "query parameters",
    arbitrary: fc.record(model, { requiredKeys }).map((values) => ({ query: values as Record<string, string> })),
  };
}

/**
 * Schema-valid requests generated with fast-check: seeded, a bounded number per operation, and on a failure
 * shrunk to the smallest request that still fails, which is the one reported.
 */
export function propertyScenarios(provider: ProviderContract): Scenario[] {
  const scenarios: Scenario[] = [];
  provider.index.operations.forEach((operation, position) => {
    const what = requestMedia(operation)?.media.schema !== undefined ? "body" : "query parameters";
    if (what === "query parameters" && !operation.parameters.some((parameter) => parameter.in === "query")) return;
    scenarios.push({
      name: `${operation.operationId}: generated ${what}`,
      family: "property",
      provider,
      operations: [operation.operationId],
      async run(context) {
        if (context.propertyRuns === 0) return { skipped: noGeneratedRuns };
        const part = generatedPart(provider, operation, context.endpoint);
        if (!part) return { skipped: "nothing to generate" };
        const base = baseInput(provider, context.endpoint, operation, context.seed + position);
        const stepFor = (generated: Partial<RequestInput>) => ({ operation, request: buildRequest(context.endpoint, operation, { ...base, ...generated }) });
        const seed = context.seed + position;
        const details = await fc.check(
          fc.asyncProperty(part.arbitrary, async (generated) => (await context.check(stepFor(generated), false)).failures.length === 0),
          { seed, numRuns: context.propertyRuns },
        );
        if (!details.failed) return;
        const counterexample = details.counterexample?.[0];
        const note = `generated ${part.what}: seed ${seed}, failed after ${details.numRuns} runs, shrunk ${details.numShrinks} times`;
        if (counterexample === undefined) {
          context.fail({
            operation: operation.operationId,
            check: "not_a_server_error",
            path: "$",
            expected: "the property to run",
            got: String(details.errorInstance ?? "an error without a counterexample"),
            curl: "",
            note,
          });
          return;
        }
        const replay = await context.check(stepFor(counterexample));
        for (const failure of replay.failures) failure.note = note;
        if (replay.failures.length === 0) {
          const request = stepFor(counterexample).request;
          context.fail({
            operation: operation.operationId,
            check: "not_a_server_error",
            path: "$",
            expected: "the same answer when the failing request is sent again",
            got: "a passing answer on replay (the target is not deterministic)",
            curl: toCurl(request),
            note,
          });
        }
      },
    });
  });
  return scenarios;
}
