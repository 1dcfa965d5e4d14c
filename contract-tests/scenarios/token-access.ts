import { requiredScope } from "../../openapi/marks.js";
import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario, ScenarioContext } from "../model/scenario.js";
import { oauth, operationsSecuredBy, type TokenEndpoint } from "../model/token-endpoint.js";
import { propertyOf } from "./json-property.js";
import { baseInput, buildRequest } from "./request-builder.js";
import { tokenFields, tokenRequestInput } from "./token-client.js";

/**
 * An issued token opens only what it was issued for: one asked for another audience, and one without the
 * scope an operation names (`x-scope`), must be refused by that operation like a wrong credential. A token
 * endpoint that refuses to issue the token at all (an audience it does not know) is as good.
 */

const audienceField = "audience";
const scopeField = "scope";

interface AccessCase {
  what: string;
  operation: CompiledOperation;
  fields(valid: Record<string, unknown>): Record<string, unknown> | undefined;
}

function accessCases(provider: ProviderContract, token: TokenEndpoint): AccessCase[] {
  const guarded = operationsSecuredBy(provider.index, token.bearerScheme);
  const scopes = new Map(guarded.flatMap((operation) => {
    const scope = requiredScope(provider.index.document, operation);
    return scope === undefined ? [] : [[operation, scope] as const];
  }));
  const cases: AccessCase[] = [];
  const [first] = guarded;
  if (first !== undefined) {
    cases.push({
      what: "a token issued for another audience",
      operation: first,
      fields: (valid) => (typeof valid[audienceField] === "string" ? { ...valid, [audienceField]: `${valid[audienceField]}/contract-tests-other-api` } : undefined),
    });
  }
  const allScopes = [...new Set(scopes.values())];
  const seen = new Set<string>();
  for (const [operation, scope] of scopes) {
    if (seen.has(scope)) continue;
    seen.add(scope);
    const others = allScopes.filter((entry) => entry !== scope);
    if (others.length === 0) continue;
    cases.push({ what: `a token without ${scope} (only ${others.join(" ")})`, operation, fields: (valid) => ({ ...valid, [scopeField]: others.join(" ") }) });
  }
  return cases;
}

async function issue(context: ScenarioContext, token: TokenEndpoint, fields: Record<string, unknown>, position: number): Promise<string | undefined> {
  const input = tokenRequestInput(context, token, fields, token.methods[0], position);
  // Not checked for acceptance: refusing to issue such a token is a fine answer too; conformance still runs.
  const issued = await context.check({ operation: token.operation, request: buildRequest(context.endpoint, token.operation, input), checks: [] });
  const accessToken = propertyOf(issued.response?.json, oauth.accessTokenProperty);
  return typeof accessToken === "string" && accessToken !== "" ? accessToken : undefined;
}

export function tokenAccessScenarios(provider: ProviderContract): Scenario[] {
  return provider.tokenEndpoints.flatMap((token) => {
    const position = provider.index.operations.indexOf(token.operation);
    return accessCases(provider, token).map(
      (entry): Scenario => ({
        name: `${token.operation.operationId} -> ${entry.what}, refused by ${entry.operation.operationId}`,
        family: "auth",
        provider,
        operations: [token.operation.operationId, entry.operation.operationId],
        requires: ["issuesTokens", "checksCredentials"],
        async run(context) {
          if (context.endpoint.clientCredentialsMissing) return { skipped: context.endpoint.clientCredentialsMissing };
          const fields = entry.fields(tokenFields(context.endpoint, token));
          if (fields === undefined) return { skipped: `the target names no ${audienceField} for ${token.operation.operationId}` };
          const accessToken = await issue(context, token, fields, position);
          if (accessToken === undefined) return;
          const withToken = { ...context.endpoint, credential: accessToken };
          const operation = entry.operation;
          const input = baseInput(provider, withToken, operation, context.seed + provider.index.operations.indexOf(operation));
          await context.check({ operation, request: buildRequest(withToken, operation, input), checks: ["ignored_auth"], expectation: { violation: `${entry.what} was sent` } });
        },
      }),
    );
  });
}
