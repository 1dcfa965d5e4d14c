import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario } from "../model/scenario.js";
import { oauth, operationsSecuredBy } from "../model/token-endpoint.js";
import { propertyOf } from "./json-property.js";
import { baseInput, buildRequest } from "./request-builder.js";
import { tokenFields, tokenRequestInput } from "./token-client.js";

/**
 * Per token endpoint: a token is asked for with the target's client, then sent as the bearer of every route
 * its security scheme guards. A route whose request names no server state must answer 2xx; the others
 * (an unknown session) may refuse the data, never the bearer.
 */
export function tokenFlowScenarios(provider: ProviderContract): Scenario[] {
  return provider.tokenEndpoints.map((token) => {
    const guarded = operationsSecuredBy(provider.index, token.bearerScheme);
    const position = provider.index.operations.indexOf(token.operation);
    const issuedBy = `${token.operation.method} ${token.operation.pathTemplate}`;
    return {
      name: `${token.operation.operationId} -> its ${oauth.accessTokenProperty} as the ${token.bearerScheme} bearer of ${guarded.map((operation) => operation.operationId).join(", ")}`,
      family: "stateful",
      provider,
      operations: [token.operation.operationId, ...guarded.map((operation) => operation.operationId)],
      requires: ["issuesTokens"],
      async run(context) {
        if (context.endpoint.clientCredentialsMissing) return { skipped: context.endpoint.clientCredentialsMissing };
        const input = tokenRequestInput(context, token, tokenFields(context.endpoint, token), token.methods[0], position);
        const issued = await context.check({ operation: token.operation, request: buildRequest(context.endpoint, token.operation, input), checks: ["positive_data_acceptance"] });
        const accessToken = propertyOf(issued.response?.json, oauth.accessTokenProperty);
        // No token: positive_data_acceptance or response_schema_conformance has said why.
        if (typeof accessToken !== "string" || accessToken === "") return;
        const withIssuedBearer = { ...context.endpoint, credential: accessToken };
        for (const operation of guarded) {
          const request = buildRequest(withIssuedBearer, operation, baseInput(provider, withIssuedBearer, operation, context.seed + provider.index.operations.indexOf(operation)));
          const namesState = operation.parameters.some((parameter) => parameter.required && provider.referenceParameters.includes(parameter.name));
          await context.check({ operation, request, checks: ["issued_credential_acceptance"], expectation: { issuedCredential: { mustSucceed: !namesState, issuedBy } } });
        }
      },
    };
  });
}
