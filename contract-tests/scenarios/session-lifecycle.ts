import type { ProviderContract, SessionLifecycleRule } from "../model/provider-contract.js";
import { toCurl } from "../reports/curl.js";
import type { Scenario, ScenarioContext } from "../model/scenario.js";
import { propertyOf } from "./json-property.js";
import { baseInput, buildRequest } from "./request-builder.js";

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
  const started = await context.check({
    operation: start,
    request: buildRequest(context.endpoint, start, baseInput(provider, context.endpoint, start, context.seed)),
    checks: ["positive_data_acceptance"],
  });
  const session = propertyOf(started.response?.json, rule.sessionParameter);
  const consentUrl = propertyOf(started.response?.json, rule.consentUrlProperty);
  return typeof session === "string" && typeof consentUrl === "string" ? { session, consentUrl } : undefined;
}

export function sessionLifecycleScenarios(provider: ProviderContract, rule: SessionLifecycleRule): Scenario[] {
  const invalid = { ruleStatus: rule.invalidSessionStatus };
  const beforeConsent: Scenario = {
    name: `${rule.startOperationId} -> ${rule.readOperationId} before consent answers ${rule.invalidSessionStatus}`,
    family: "stateful",
    provider,
    operations: [rule.startOperationId, rule.readOperationId],
    requires: ["stateful"],
    async run(context) {
      const started = await startSession(provider, rule, context);
      if (!started) return;
      const steps = sessionSteps(provider, rule, context, started.session);
      await context.check({ ...steps.read(), checks: ["use_before_consent"], expectation: invalid });
    },
  };
  const lifecycle: Scenario = {
    name: `${rule.startOperationId} -> consent -> ${rule.readOperationId} -> ${rule.revokeOperationId} -> ${rule.readOperationId} answers ${rule.invalidSessionStatus}`,
    family: "stateful",
    provider,
    operations: [rule.startOperationId, rule.readOperationId, rule.revokeOperationId],
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
          context.remember({ method: "GET", url: started.consentUrl, headers: {} });
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
      const token = await context.check({ ...steps.read(), checks: ["ensure_resource_availability"] });
      if (!token.response || token.response.status >= 300) return;
      const revoked = await context.check({ ...steps.revoke(), checks: ["positive_data_acceptance"] });
      if (!revoked.response || revoked.response.status >= 300) return;
      await context.check({ ...steps.read(), checks: ["use_after_revoke"], expectation: invalid });
      await context.check({ ...steps.revoke(), checks: ["use_after_revoke"], expectation: invalid });
    },
  };
  return [beforeConsent, lifecycle];
}

