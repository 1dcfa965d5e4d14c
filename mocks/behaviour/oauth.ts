import type { ErrorFormat, ErrorRule, MockError, MockErrorKind } from "../engine/definition.js";

/** OAuth 2.0 token endpoints (RFC 6749): their error format and client authentication. */

const invalidRequest: ErrorRule = { status: 400, code: "invalid_request" };

/** Each engine error as an RFC 6749 §5.2 error; mock-only problems (Prefer, size) keep their own status. */
const oauthErrors: Record<MockErrorKind, ErrorRule> = {
  missingCredentials: { status: 401, code: "invalid_client" },
  invalidCredentials: { status: 401, code: "invalid_client" },
  invalidRequest,
  malformedJson: invalidRequest,
  unsupportedMediaType: invalidRequest,
  bodyTooLarge: { status: 413, code: "invalid_request" },
  routeNotFound: { status: 404, code: "invalid_request" },
  methodNotAllowed: { status: 405, code: "invalid_request" },
  preferenceInvalid: { status: 422, code: "invalid_request" },
  preferenceNotDeclared: { status: 404, code: "invalid_request" },
  resourceNotFound: { status: 400, code: "invalid_grant" },
  invalidSession: { status: 400, code: "invalid_grant" },
};

/** `{ error, error_description }`, as RFC 6749 §5.2 has token endpoints answer. */
export const oauthErrorFormat: ErrorFormat = {
  errors: oauthErrors,
  errorBody: (rule: ErrorRule, error: MockError) => ({ error: rule.code ?? "invalid_request", error_description: error.message }),
};

/** The client an OAuth token endpoint accepts; an absent field accepts any non-empty value. */
export interface PinnedClient {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

export type ClientAuthentication = { ok: true; clientId: string } | { ok: false; error: MockError };

type FormFields = Readonly<Record<string, string | readonly string[]>>;

const basicChallenge = { "www-authenticate": 'Basic realm="oauth2/token"' };

function invalidClient(message: string, triedBasic: boolean): ClientAuthentication {
  return { ok: false, error: { kind: "invalidCredentials", code: "invalid_client", message, ...(triedBasic ? { headers: basicChallenge } : {}) } };
}

/** `Basic base64(urlencoded id ":" urlencoded secret)` (RFC 6749 §2.3.1), or undefined when unreadable. */
function readBasic(value: string): { clientId: string; clientSecret: string } | undefined {
  try {
    const decoded = atob(value.trim());
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
    return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * Client authentication of a token request (RFC 6749 §2.3.1): `client_id` and `client_secret` in the form,
 * or HTTP Basic, not both. Secrets are compared, never echoed in a message.
 */
export function authenticateClient(form: FormFields, authorization: string | undefined, pinned: PinnedClient): ClientAuthentication {
  const basicMatch = authorization === undefined ? null : /^\s*basic\s+(\S+)\s*$/i.exec(authorization);
  const inBody = form.client_secret !== undefined;
  if (basicMatch && inBody) {
    return { ok: false, error: { kind: "invalidRequest", message: "send the client secret either in the form (client_secret) or with HTTP Basic, not both" } };
  }
  let clientId: string;
  let clientSecret: string;
  if (basicMatch) {
    const basic = readBasic(basicMatch[1] as string);
    if (basic === undefined) return invalidClient('the Authorization header is not "Basic base64(client_id:client_secret)"', true);
    ({ clientId, clientSecret } = basic);
  } else {
    const id = form.client_id;
    const secret = form.client_secret;
    if (typeof id !== "string" || typeof secret !== "string") {
      return invalidClient("no client authentication: send client_id and client_secret in the form, or use HTTP Basic", false);
    }
    clientId = id;
    clientSecret = secret;
  }
  if (clientId.trim() === "" || clientSecret.trim() === "") return invalidClient("client_id and client_secret must not be empty", Boolean(basicMatch));
  if (pinned.clientId !== undefined && pinned.clientId !== clientId) return invalidClient("Client authentication failed: unknown client_id", Boolean(basicMatch));
  if (pinned.clientSecret !== undefined && pinned.clientSecret !== clientSecret) {
    return invalidClient("Client authentication failed: wrong client_secret for this client_id", Boolean(basicMatch));
  }
  return { ok: true, clientId };
}
