import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { Capability } from "../targets/target.js";
import type { Scenario, ScenarioContext } from "../model/scenario.js";
import { objectMutations, valueMutations } from "./mutations.js";
import { baseInput, bodyText, buildRequest, exampleBody, type RequestInput } from "./request-builder.js";
import { breaksTheSchemaAsSent, requestMedia } from "./request-media.js";

type InputChange = (input: RequestInput, context: ScenarioContext) => RequestInput;

/** One request outside the spec: `violation` says how, in words. */
export interface NegativeCase {
  violation: string;
  change: InputChange;
  requires?: readonly Capability[];
}

/**
 * The request `negative` makes of the operation's valid request, answered under `check`: the must-reject
 * cases under `negative_data_rejection`, the may-accept ones (see undeclared-input.ts) under
 * `undeclared_input_handling`.
 */
export function negativeScenario(
  provider: ProviderContract,
  operation: CompiledOperation,
  position: number,
  negative: NegativeCase,
  check: "negative_data_rejection" | "undeclared_input_handling" = "negative_data_rejection",
): Scenario {
  return {
    name: `${operation.operationId}: ${negative.violation}`,
    family: check === "negative_data_rejection" ? "negative" : "undeclared",
    provider,
    operations: [operation.operationId],
    ...(negative.requires ? { requires: negative.requires } : {}),
    async run(context) {
      const input = negative.change(baseInput(provider, context.endpoint, operation, context.seed + position), context);
      await context.check({
        operation,
        request: buildRequest(context.endpoint, operation, input),
        checks: [check],
        expectation: { violation: negative.violation },
      });
    },
  };
}

/** An unknown body field the schema forbids (`additionalProperties: false`) must be rejected. */
export const unknownBodyField = "contract_tests_unknown_field";

export function withUnknownField(value: unknown): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value, [unknownBodyField]: "x" } : undefined;
}

/** Body breaks derived from the request schema, each confirmed invalid by the compiled validator. */
function bodyCases(provider: ProviderContract, operation: CompiledOperation): NegativeCase[] {
  const media = requestMedia(operation);
  if (!operation.requestBody || !media) return [];
  const document = provider.index.document;
  const baseValue = exampleBody(operation)?.value;
  const extended = withUnknownField(baseValue);
  const mutations = [
    ...valueMutations(document, media.media.schema).map((mutation) => ({ ...mutation, violation: `body: ${mutation.violation}` })),
    ...(typeof baseValue === "object" && baseValue !== null && !Array.isArray(baseValue)
      ? objectMutations(document, media.media.schema, baseValue as Record<string, unknown>).map((mutation) => ({ ...mutation, violation: `body ${mutation.violation}` }))
      : []),
    ...(extended === undefined ? [] : [{ violation: `body: unknown field $.${unknownBodyField} (the schema forbids additional properties)`, value: extended }]),
  ];
  const cases: NegativeCase[] = [];
  for (const mutation of mutations) {
    if (!breaksTheSchemaAsSent(media, mutation.value)) continue;
    cases.push({ violation: mutation.violation, change: (input, context) => ({ ...input, body: bodyText(operation, context.endpoint, mutation.value) }) });
  }
  if (media.isJson) {
    cases.push({ violation: "body: malformed JSON", change: (input) => ({ ...input, body: (input.body ?? "{}").slice(0, -1) + "," }), requires: ["rejectsMalformedJson"] });
  }
  if (operation.requestBody.required) cases.push({ violation: "body: required, but none sent", change: (input) => ({ ...input, body: undefined }) });
  return cases;
}

/** Parameter breaks: a required query parameter left out, a value breaking its schema, an unknown reference. */
function parameterCases(provider: ProviderContract, operation: CompiledOperation): NegativeCase[] {
  const cases: NegativeCase[] = [];
  for (const parameter of operation.parameters) {
    const where = parameter.in === "path" ? "pathParams" : parameter.in === "query" ? "query" : undefined;
    if (where === undefined) continue;
    if (parameter.required && where === "query") {
      cases.push({
        violation: `required query parameter ${parameter.name} left out`,
        change: (input) => {
          const query = { ...input.query };
          delete query[parameter.name];
          return { ...input, query };
        },
      });
    }
    for (const mutation of valueMutations(provider.index.document, parameter.schema)) {
      const value = typeof mutation.value === "string" ? mutation.value : JSON.stringify(mutation.value);
      // A query or path value is always text: a break that survives as text is no break.
      if (parameter.validate(value).length === 0) continue;
      cases.push({
        violation: `${parameter.in} parameter ${parameter.name}: ${mutation.violation}`,
        change: (input) => ({ ...input, [where]: { ...input[where], [parameter.name]: value } }),
      });
    }
    if (provider.referenceParameters.includes(parameter.name)) {
      cases.push({
        violation: `${parameter.in} parameter ${parameter.name}: unknown ${parameter.name}`,
        change: (input, context) => ({ ...input, [where]: { ...input[where], [parameter.name]: `contract-tests-unknown-${context.seed}` } }),
        requires: ["stateful"],
      });
    }
  }
  return cases;
}

/** Requests that break one constraint of the spec at a time, derived from the schemas. */
export function negativeScenarios(provider: ProviderContract): Scenario[] {
  return provider.index.operations.flatMap((operation, position) =>
    [...bodyCases(provider, operation), ...parameterCases(provider, operation)].map((negative) => negativeScenario(provider, operation, position, negative)),
  );
}
