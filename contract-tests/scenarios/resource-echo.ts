import fc from "fast-check";
import { arbitraryFromSchema } from "./arbitrary.js";
import { resolveReference, type JsonSchema } from "../../openapi/document.js";
import type { Validator } from "../../openapi/validation.js";
import type { ProviderContract, ResourceEchoRule } from "../model/provider-contract.js";
import { toCurl } from "../reports/curl.js";
import type { Scenario, ScenarioContext } from "../model/scenario.js";
import type { FlowHelpers } from "../targets/target.js";
import { propertyOf } from "./json-property.js";
import { noGeneratedRuns } from "./properties.js";
import { baseInput, buildRequest, jsonMediaType } from "./request-builder.js";

function schemaProperties(provider: ProviderContract, schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (schema === undefined || typeof schema === "boolean") return {};
  const resolved = resolveReference<JsonSchema>(provider.index.document, schema);
  if (typeof resolved === "boolean") return {};
  return (resolved.properties ?? {}) as Record<string, JsonSchema>;
}

const fieldValidators = new Map<string, Map<string, Validator>>();

/** The read answer's resource fields with their compiled schemas (compiled once per provider). */
function resourceFields(provider: ProviderContract, rule: ResourceEchoRule): Map<string, Validator> {
  const cached = fieldValidators.get(provider.id);
  if (cached) return cached;
  const read = provider.index.byOperationId(rule.readOperationId);
  const success = [...read.responses.values()].find((response) => /^2\d\d$/.test(response.status));
  const rootProperties = schemaProperties(provider, success?.content.get(jsonMediaType)?.schema);
  const fields = new Map<string, Validator>();
  for (const [field, schema] of Object.entries(schemaProperties(provider, rootProperties[rule.dataProperty]))) {
    fields.set(field, provider.index.compileSchema(schema));
  }
  fieldValidators.set(provider.id, fields);
  return fields;
}

/**
 * Fields of the read answer that must repeat the create request: those both schemas name (renames from the
 * rule). A value the read schema cannot hold (Kombo's answer pattern for emails is stricter than the request's
 * email format) is left out: the spec lets the provider answer otherwise, e.g. with null.
 */
export function echoedFields(provider: ProviderContract, rule: ResourceEchoRule, requestBody: Record<string, unknown>): Record<string, unknown> {
  const expected: Record<string, unknown> = {};
  for (const [field, validate] of resourceFields(provider, rule)) {
    const value = requestBody[rule.renamedFields[field] ?? field];
    if (value !== undefined && value !== null && validate(value).length === 0) expected[`$.${rule.dataProperty}.${field}`] = value;
  }
  return expected;
}

const noFlowHere = "completing a Connect flow needs a person in a browser; set KOMBO_INTEGRATION_TOKEN to read a completed one";

/** create -> complete the flow -> read; true when every step passed. Failures are kept unless `record` is false. */
async function echoRoundTrip(provider: ProviderContract, rule: ResourceEchoRule, context: ScenarioContext, flows: FlowHelpers, body: unknown, record: boolean): Promise<boolean> {
  const create = provider.index.byOperationId(rule.createOperationId);
  const read = provider.index.byOperationId(rule.readOperationId);
  const createInput = { ...baseInput(provider, context.endpoint, create, context.seed), body: JSON.stringify(body) };
  const createRequest = buildRequest(context.endpoint, create, createInput);
  const created = await context.check({ operation: create, request: createRequest, checks: ["positive_data_acceptance"] }, record);
  const link = propertyOf(propertyOf(created.response?.json, rule.dataProperty), "link");
  if (created.failures.length > 0 || typeof link !== "string") return false;
  const linkRequest = { method: "GET", url: link, headers: { accept: "application/json" } };
  let token: string;
  try {
    token = await flows.completeConnectLink(link);
    if (record) context.remember(linkRequest);
  } catch (error) {
    if (record) {
      context.fail({
        operation: `${create.operationId} link`,
        check: "ensure_resource_availability",
        path: "link",
        expected: "the link completes the Connect flow and hands out a token",
        got: (error as Error).message,
        curl: toCurl(linkRequest),
      });
    }
    return false;
  }
  const readInput = { ...baseInput(provider, context.endpoint, read, context.seed), pathParams: { [rule.tokenParameter]: token } };
  const readBack = await context.check(
    {
      operation: read,
      request: buildRequest(context.endpoint, read, readInput),
      checks: ["ensure_resource_availability"],
      expectation: { echoedFields: echoedFields(provider, rule, body as Record<string, unknown>) },
    },
    record,
  );
  return readBack.failures.length === 0;
}

export function resourceEchoScenarios(provider: ProviderContract, rule: ResourceEchoRule): Scenario[] {
  const create = provider.index.byOperationId(rule.createOperationId);
  const read = provider.index.byOperationId(rule.readOperationId);
  const media = create.requestBody?.content.get(jsonMediaType);
  const examples = media?.examples ?? new Map<string, unknown>();
  const fromExamples: Scenario[] = [...examples].map(([name, body]) => ({
    name: `${create.operationId} -> complete the flow -> ${read.operationId} returns the request's data (example "${name}")`,
    family: "stateful",
    provider,
    operations: [create.operationId, read.operationId],
    requires: ["stateful"],
    async run(context: ScenarioContext) {
      if (!context.flows) return { skipped: noFlowHere };
      await echoRoundTrip(provider, rule, context, context.flows, body, true);
    },
  }));
  const schema = media?.schema;
  if (schema === undefined) return fromExamples;
  const generated: Scenario = {
    name: `${create.operationId} -> complete the flow -> ${read.operationId} returns the request's data (generated bodies)`,
    family: "stateful",
    provider,
    operations: [create.operationId, read.operationId],
    requires: ["stateful"],
    async run(context: ScenarioContext) {
      const flows = context.flows;
      if (!flows) return { skipped: noFlowHere };
      if (context.propertyRuns === 0) return { skipped: noGeneratedRuns };
      const arbitrary = arbitraryFromSchema(schema, { document: provider.index.document });
      const details = await fc.check(
        fc.asyncProperty(arbitrary, (body) => echoRoundTrip(provider, rule, context, flows, body, false)),
        { seed: context.seed, numRuns: context.propertyRuns },
      );
      if (!details.failed) return;
      // Replay the smallest failing body so its failures are reported.
      await echoRoundTrip(provider, rule, context, flows, details.counterexample?.[0], true);
    },
  };
  return [...fromExamples, generated];
}

/** The integration a person completed (live fixture): it must be readable. */
export function completedResourceScenario(provider: ProviderContract, rule: ResourceEchoRule): Scenario {
  const read = provider.index.byOperationId(rule.readOperationId);
  return {
    name: `${read.operationId}: the token of a completed flow (KOMBO_INTEGRATION_TOKEN)`,
    family: "fixture",
    provider,
    operations: [read.operationId],
    async run(context) {
      const token = context.endpoint.integrationToken;
      if (token === undefined) return { skipped: "no completed flow: set KOMBO_INTEGRATION_TOKEN" };
      const input = { ...baseInput(provider, context.endpoint, read, context.seed), pathParams: { [rule.tokenParameter]: token } };
      await context.check({ operation: read, request: buildRequest(context.endpoint, read, input), checks: ["ensure_resource_availability"] });
    },
  };
}

