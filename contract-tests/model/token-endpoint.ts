import type { OpenApiDocument } from "../../openapi/document.js";
import type { CompiledOperation, SpecIndex } from "../../openapi/spec-index.js";

/**
 * An OAuth 2.0 token endpoint (RFC 6749), as an operation's `x-token-endpoint` mark describes it. The schemas
 * cannot say which form fields carry the client's credentials or that the token it issues is the bearer of
 * other routes; the mark names the grant, the client authentication methods and the security scheme, and
 * RFC 6749 fixes the rest (the field names and error codes below). Nothing here names a provider.
 */

/** RFC 8414 `token_endpoint_auth_methods_supported` names: the secret in the form, or HTTP Basic. */
export type ClientAuthenticationMethod = "client_secret_post" | "client_secret_basic";
const clientAuthenticationMethods: readonly ClientAuthenticationMethod[] = ["client_secret_post", "client_secret_basic"];

export interface TokenEndpoint {
  operation: CompiledOperation;
  /** The `grant_type` it issues tokens for, e.g. `client_credentials`. */
  grantType: string;
  /** At least one; the first is how the suite's valid token requests authenticate. */
  methods: readonly [ClientAuthenticationMethod, ...ClientAuthenticationMethod[]];
  /** The security scheme whose bearer the issued `access_token` is. */
  bearerScheme: string;
}

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

const tokenEndpointMark = "x-token-endpoint";

function markError(operation: CompiledOperation, problem: string): Error {
  return new Error(`${operation.operationId} (${operation.method} ${operation.pathTemplate}): ${tokenEndpointMark} ${problem}`);
}

function readMark(index: SpecIndex, operation: CompiledOperation): TokenEndpoint | undefined {
  const document: OpenApiDocument = index.document;
  const raw: unknown = (document.paths?.[operation.pathTemplate] as Record<string, unknown> | undefined)?.[operation.method.toLowerCase()];
  const mark = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[tokenEndpointMark] : undefined;
  if (mark === undefined) return undefined;
  if (typeof mark !== "object" || mark === null) throw markError(operation, "must be an object");
  const { "grant-type": grantType, "client-authentication": methods, "issues-bearer-for": bearerScheme } = mark as Record<string, unknown>;
  if (typeof grantType !== "string" || grantType === "") throw markError(operation, "needs grant-type (e.g. client_credentials)");
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((method) => clientAuthenticationMethods.includes(method as ClientAuthenticationMethod))) {
    throw markError(operation, `client-authentication must list some of ${clientAuthenticationMethods.join(", ")}`);
  }
  if (typeof bearerScheme !== "string" || index.securitySchemes[bearerScheme] === undefined) {
    throw markError(operation, "issues-bearer-for must name a security scheme of components.securitySchemes");
  }
  return { operation, grantType, methods: methods as [ClientAuthenticationMethod, ...ClientAuthenticationMethod[]], bearerScheme };
}

/** The spec's token endpoints (operations with the mark). */
export function tokenEndpoints(index: SpecIndex): TokenEndpoint[] {
  return index.operations.flatMap((operation) => readMark(index, operation) ?? []);
}

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
