import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { CheckName } from "../checks/registry.js";
import type { Refusal } from "../model/check.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario, ScenarioContext } from "../model/scenario.js";
import type { Capability, ProviderEndpoint } from "../targets/target.js";
import { oauth, statusesFor, type ClientAuthenticationMethod, type TokenEndpoint } from "../model/token-endpoint.js";
import { baseInput, buildRequest, exampleBody, withBodyValues, type RequestInput } from "./request-builder.js";
import { requestMedia } from "./request-media.js";

/** Client authentication cases of the spec's token endpoints (operations marked `x-token-endpoint`). */

export const wrongClientSecret = "contract-tests-wrong-client-secret";
const unsupportedGrantType = "contract_tests_unsupported_grant";

export function tokenEndpointOf(provider: ProviderContract, operation: CompiledOperation): TokenEndpoint | undefined {
  return provider.tokenEndpoints.find((endpoint) => endpoint.operation === operation);
}

type Fields = Record<string, unknown>;

/** The token request's form fields: the spec's example with the target's client (where it knows one). */
export function tokenFields(endpoint: ProviderEndpoint, token: TokenEndpoint): Fields {
  const example = exampleBody(token.operation)?.value;
  const fields = withBodyValues(example, example, endpoint);
  return typeof fields === "object" && fields !== null ? { ...(fields as Fields) } : {};
}

/** `Basic base64(urlencoded id ":" urlencoded secret)`, RFC 6749 section 2.3.1. */
function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (part: string) => encodeURIComponent(part).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64")}`;
}

/** A token request with `fields`, the client authenticated by `method` (its id and secret moved to Basic, or kept in the form). */
export function tokenRequestInput(context: ScenarioContext, token: TokenEndpoint, fields: Fields, method: ClientAuthenticationMethod, position: number): RequestInput {
  const media = requestMedia(token.operation);
  const input = baseInput(context.provider, context.endpoint, token.operation, context.seed + position);
  if (method === "client_secret_post") return { ...input, body: media?.encode(fields) };
  const { [oauth.clientIdField]: clientId, [oauth.clientSecretField]: clientSecret, ...rest } = fields;
  return { ...input, body: media?.encode(rest), authorization: basicAuthorization(String(clientId ?? ""), String(clientSecret ?? "")) };
}

interface ClientCase {
  what: string;
  check: CheckName;
  requires: readonly Capability[];
  /** The valid client must be known for the answer to mean anything (a server may check the client first). */
  needsClient: boolean;
  method: ClientAuthenticationMethod;
  fields(valid: Fields): Fields;
  refusal?: Refusal;
}

function refusal(token: TokenEndpoint, errorCodes: readonly string[]): Refusal {
  return { statuses: statusesFor(token.operation, errorCodes), errorProperty: oauth.errorProperty, errorCodes };
}

function clientCases(token: TokenEndpoint): ClientCase[] {
  const cases: ClientCase[] = [];
  if (token.methods.includes("client_secret_post")) {
    cases.push({
      what: `${oauth.clientSecretField} left out (no client authentication)`,
      check: "missing_auth",
      requires: ["issuesTokens", "refusesMissingCredential"],
      needsClient: false,
      method: "client_secret_post",
      fields: ({ [oauth.clientSecretField]: _left, ...rest }) => rest,
      refusal: refusal(token, [oauth.invalidRequest, oauth.invalidClient]),
    });
  }
  for (const method of token.methods) {
    cases.push({
      what: `wrong ${oauth.clientSecretField} (${method})`,
      check: "ignored_auth",
      requires: ["issuesTokens", "checksCredentials"],
      needsClient: false,
      method,
      fields: (valid) => ({ ...valid, [oauth.clientSecretField]: wrongClientSecret }),
      refusal: refusal(token, [oauth.invalidClient]),
    });
    if (method === "client_secret_basic") {
      cases.push({ what: `client authenticated with HTTP Basic (${method})`, check: "positive_data_acceptance", requires: [], needsClient: true, method, fields: (valid) => valid });
    }
  }
  cases.push({
    what: `${oauth.grantTypeField} "${unsupportedGrantType}" (the endpoint grants ${token.grantType})`,
    check: "negative_data_rejection",
    requires: ["issuesTokens"],
    needsClient: true,
    method: token.methods[0],
    fields: (valid) => ({ ...valid, [oauth.grantTypeField]: unsupportedGrantType }),
    refusal: refusal(token, [oauth.unsupportedGrantType]),
  });
  return cases;
}

/** Per token endpoint: no secret, a wrong secret (each authentication method), HTTP Basic, an unsupported grant. */
export function tokenClientScenarios(provider: ProviderContract): Scenario[] {
  return provider.tokenEndpoints.flatMap((token) => {
    const position = provider.index.operations.indexOf(token.operation);
    return clientCases(token).map(
      (entry): Scenario => ({
        name: `${token.operation.operationId}: ${entry.what}`,
        family: entry.check === "positive_data_acceptance" ? "example" : entry.check === "negative_data_rejection" ? "negative" : "auth",
        provider,
        operations: [token.operation.operationId],
        requires: entry.requires,
        async run(context) {
          if (entry.needsClient && context.endpoint.clientCredentialsMissing) return { skipped: context.endpoint.clientCredentialsMissing };
          const input = tokenRequestInput(context, token, entry.fields(tokenFields(context.endpoint, token)), entry.method, position);
          await context.check({
            operation: token.operation,
            request: buildRequest(context.endpoint, token.operation, input),
            checks: [entry.check],
            expectation: { ...(entry.refusal ? { refusal: entry.refusal } : {}), violation: entry.what },
          });
        },
      }),
    );
  });
}
