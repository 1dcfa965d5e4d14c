import type { CompiledOperation, SpecIndex } from "../../openapi/spec-index.js";

/**
 * What the suite knows of OAuth 2.0 token endpoints (RFC 6749) beyond the `x-token-endpoint` mark
 * (`openapi/marks.ts`): the field names and error codes RFC 6749 fixes. Nothing here names a provider.
 */

export { tokenEndpoints, type ClientAuthenticationMethod, type TokenEndpoint } from "../../openapi/marks.js";

/** Field names and error codes of RFC 6749 (sections 2.3.1, 4.4.2, 5.1 and 5.2). */
export const oauth = {
  grantTypeField: "grant_type",
  clientIdField: "client_id",
  clientSecretField: "client_secret",
  accessTokenProperty: "access_token",
  errorProperty: "error",
  invalidRequest: "invalid_request",
  invalidClient: "invalid_client",
  unsupportedGrantType: "unsupported_grant_type",
} as const;

/** The operations whose security requires `scheme`: where an issued token is the bearer. */
export function operationsSecuredBy(index: SpecIndex, scheme: string): CompiledOperation[] {
  return index.operations.filter((operation) => operation.security.some((requirement) => scheme in requirement));
}

/**
 * The declared statuses whose response examples carry one of `errorCodes` in `error`: where the spec says
 * these errors are answered. RFC 6749 section 5.2 (400, or 401 for `invalid_client`) when no example says.
 */
export function statusesFor(operation: CompiledOperation, errorCodes: readonly string[]): number[] {
  const declared: number[] = [];
  for (const [status, response] of operation.responses) {
    if (!/^4\d\d$/.test(status)) continue;
    const examples = [...response.content.values()].flatMap((media) => [...media.examples.values()]);
    const carries = examples.some((example) => {
      const code = typeof example === "object" && example !== null ? (example as Record<string, unknown>)[oauth.errorProperty] : undefined;
      return typeof code === "string" && errorCodes.includes(code);
    });
    if (carries) declared.push(Number(status));
  }
  if (declared.length > 0) return declared;
  return errorCodes.includes(oauth.invalidClient) ? [400, 401] : [400];
}
