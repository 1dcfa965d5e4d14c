import { resolveReference, type JsonSchema } from "../../mocks/core/openapi.js";
import type { ProviderContract, ResourceEchoRule, SessionLifecycleRule } from "../providers.js";
import { toCurl } from "../report/curl.js";
import type { Scenario, ScenarioContext } from "../runner/scenario.js";
import { baseInput, buildRequest, jsonMediaType } from "./request-builder.js";

function propertyOf(json: unknown, name: string): unknown {
  return typeof json === "object" && json !== null ? (json as Record<string, unknown>)[name] : undefined;
}

function schemaProperties(provider: ProviderContract, schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (schema === undefined || typeof schema === "boolean") return {};
  const resolved = resolveReference<JsonSchema>(provider.index.document, schema);
  if (typeof resolved === "boolean") return {};
  return (resolved.properties ?? {}) as Record<string, JsonSchema>;
}

/** Fields of the read answer that must repeat the create request: those both schemas name (renames from the rule). */
export function echoedFields(provider: ProviderContract, rule: ResourceEchoRule, requestBody: Record<string, unknown>): Record<string, unknown> {
  const read = provider.index.byOperationId(rule.readOperationId);
  const success = [...read.responses.values()].find((response) => /^2\d\d$/.test(response.status));
  const rootProperties = schemaProperties(provider, success?.content.get(jsonMediaType)?.schema);
  const dataFields = Object.keys(schemaProperties(provider, rootProperties[rule.dataProperty]));
  const expected: Record<string, unknown> = {};
  for (const field of dataFields) {
    const value = requestBody[rule.renamedFields[field] ?? field];
    if (value !== undefined && value !== null) expected[`$.${rule.dataProperty}.${field}`] = value;
  }
  return expected;
}

function resourceEchoScenarios(provider: ProviderContract, rule: ResourceEchoRule): Scenario[] {
  const create = provider.index.byOperationId(rule.createOperationId);
  const read = provider.index.byOperationId(rule.readOperationId);
  const examples = create.requestBody?.content.get(jsonMediaType)?.examples ?? new Map<string, unknown>();
  return [...examples].map(([name, body]) => ({
    name: `${create.operationId} -> complete the flow -> ${read.operationId} returns the request's data (example "${name}")`,
    family: "stateful",
    provider,
    requires: ["stateful"],
    async run(context: ScenarioContext) {
      if (!context.flows) return { skipped: "completing a Connect flow needs a person in a browser; set KOMBO_INTEGRATION_TOKEN to read a completed one" };
      const createInput = { ...baseInput(provider, context.endpoint, create, context.seed), body: JSON.stringify(body) };
      const created = await context.exchange({ operation: create, request: buildRequest(context.endpoint, create, createInput), checks: ["positive_data_acceptance"] });
      const link = propertyOf(propertyOf(created.response?.json, rule.dataProperty), "link");
      if (typeof link !== "string") return;
      let token: string;
      try {
        token = await context.flows.completeConnectLink(link);
      } catch (error) {
        context.fail({
          operation: `${create.operationId} link`,
          check: "ensure_resource_availability",
          path: "link",
          expected: "the link completes the Connect flow and hands out a token",
          got: (error as Error).message,
          curl: toCurl({ method: "GET", url: link, headers: { accept: "application/json" } }),
        });
        return;
      }
      const readInput = { ...baseInput(provider, context.endpoint, read, context.seed), pathParams: { [rule.tokenParameter]: token } };
      await context.exchange({
        operation: read,
        request: buildRequest(context.endpoint, read, readInput),
        checks: ["ensure_resource_availability"],
        expectation: { echoedFields: echoedFields(provider, rule, body as Record<string, unknown>) },
      });
    },
  }));
}

/** The integration a person completed (live fixture): it must be readable. */
function completedResourceScenario(provider: ProviderContract, rule: ResourceEchoRule): Scenario {
  const read = provider.index.byOperationId(rule.readOperationId);
  return {
    name: `${read.operationId}: the token of a completed flow (KOMBO_INTEGRATION_TOKEN)`,
    family: "fixture",
    provider,
    async run(context) {
      const token = context.endpoint.integrationToken;
      if (token === undefined) return { skipped: "no completed flow: set KOMBO_INTEGRATION_TOKEN" };
      const input = { ...baseInput(provider, context.endpoint, read, context.seed), pathParams: { [rule.tokenParameter]: token } };
      await context.exchange({ operation: read, request: buildRequest(context.endpoint, read, input), checks: ["ensure_resource_availability"] });
    },
  };
}

function sessionSteps(provider: ProviderContract, rule: SessionLifecycleRule, context: ScenarioContext, session: string) {
  const withSession = (operationId: string) => {
    const operation = provider.index.byOperationId(operationId);
    const input = baseInput(provider, context.endpoint, operation, context.seed);
    const request = buildRequest(context.endpoint, operation, { ...input, query: { ...input.query, [rule.sessionParameter]: session } });
    return { operation, request };
  };
  return { read: () => withSession(rule.readOperationId), revoke: () => withSession(rule.revokeOperationId) };
}

async function startSession(provider: ProviderContract, rule: SessionLifecycleRule, context: ScenarioContext) {
  const start = provider.index.byOperationId(rule.startOperationId);
  const started = await context.exchange({
    operation: start,
    request: buildRequest(context.endpoint, start, baseInput(provider, context.endpoint, start, context.seed)),
    checks: ["positive_data_acceptance"],
  });
  const session = propertyOf(started.response?.json, rule.sessionParameter);
  const consentUrl = propertyOf(started.response?.json, rule.consentUrlProperty);
  return typeof session === "string" && typeof consentUrl === "string" ? { session, consentUrl } : undefined;
}

function sessionLifecycleScenarios(provider: ProviderContract, rule: SessionLifecycleRule): Scenario[] {
  const invalid = { ruleStatus: rule.invalidSessionStatus };
  const beforeConsent: Scenario = {
    name: `${rule.startOperationId} -> ${rule.readOperationId} before consent answers ${rule.invalidSessionStatus}`,
    family: "stateful",
    provider,
    requires: ["stateful"],
    async run(context) {
      const started = await startSession(provider, rule, context);
      if (!started) return;
      const steps = sessionSteps(provider, rule, context, started.session);
      await context.exchange({ ...steps.read(), checks: ["use_before_consent"], expectation: invalid });
    },
  };
  const lifecycle: Scenario = {
    name: `${rule.startOperationId} -> consent -> ${rule.readOperationId} -> ${rule.revokeOperationId} -> ${rule.readOperationId} answers ${rule.invalidSessionStatus}`,
    family: "stateful",
    provider,
    requires: ["stateful"],
    runsLast: true,
    async run(context) {
      let session = context.endpoint.consentedSession;
      if (session === undefined) {
        if (!context.flows) return { skipped: "no consented session: set KINDE_SESSION_ID (consent needs a person in a browser)" };
        const started = await startSession(provider, rule, context);
        if (!started) return;
        try {
          await context.flows.grantConsent(started.consentUrl);
        } catch (error) {
          context.fail({
            operation: `${rule.startOperationId} consent page`,
            check: "ensure_resource_availability",
            path: rule.consentUrlProperty,
            expected: "the consent page grants consent",
            got: (error as Error).message,
            curl: toCurl({ method: "GET", url: started.consentUrl, headers: {} }),
          });
          return;
        }
        session = started.session;
      }
      const steps = sessionSteps(provider, rule, context, session);
      const token = await context.exchange({ ...steps.read(), checks: ["ensure_resource_availability"] });
      if (!token.response || token.response.status >= 300) return;
      const revoked = await context.exchange({ ...steps.revoke(), checks: ["positive_data_acceptance"] });
      if (!revoked.response || revoked.response.status >= 300) return;
      await context.exchange({ ...steps.read(), checks: ["use_after_revoke"], expectation: invalid });
      await context.exchange({ ...steps.revoke(), checks: ["use_after_revoke"], expectation: invalid });
    },
  };
  return [beforeConsent, lifecycle];
}

/** The provider's stateful rule as scenarios; the ones that end server state run last. */
export function statefulScenarios(provider: ProviderContract): Scenario[] {
  const rule = provider.statefulRule;
  return rule.kind === "resource-echo"
    ? [...resourceEchoScenarios(provider, rule), completedResourceScenario(provider, rule)]
    : sessionLifecycleScenarios(provider, rule);
}
