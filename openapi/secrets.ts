/**
 * The secrets policy: which names carry secrets, and the mask each audience writes in their place.
 *
 * Two kinds of name:
 * - a credential is a secret on its own (a client secret, an access or refresh token, an API key, a
 *   password, a PKCE verifier): it is masked everywhere: log lines, the request journal, recordings,
 *   error messages and contract reports.
 * - a reference names server state (a `session_id`, a Connect `token`, an OAuth `code`, a signature): it
 *   is useless without the credential, but one in a log line can be replayed by whoever reads the log. It
 *   is masked in log lines, the journal and error messages; recordings keep it (replay matches requests
 *   on it) and so do reports' `curl` lines (a reproduction must reach the same state).
 * Names of things are neither: `key_code_ref`, `org_code`, `client_id`.
 *
 * Headers that carry credentials (Authorization, cookies, API-key headers) are masked everywhere, their
 * scheme kept (`Bearer <mask>`) to show how the client authenticated.
 */

const credentialName = /secret|passw|^(access|refresh|id)_token$|^token_value$|api_?key|client_assertion|^code_verifier$/i;
const referenceName = /token|session|^key$|^auth|^code$|^sig/i;
const credentialHeaders: ReadonlySet<string> = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"]);

/**
 * The masks. They differ on purpose, each fitting where it is written:
 * - `log`: `***`, short, in one-line log output, the journal and error messages a client reads;
 * - `recording`: `[REDACTED]`, the marker HAR tools and our replay recognise (a recorded header holding
 *   it is not replayed);
 * - `report`: `<redacted>`, which cannot pass for a value when a `curl` line from a report is pasted.
 */
export const masks = { log: "***", recording: "[REDACTED]", report: "<redacted>" } as const;

/** True for a field, parameter or property name whose value is a credential (`client_secret`, `access_token`, ...). */
export function isCredentialName(name: string): boolean {
  return credentialName.test(name);
}

/** True for a name whose value must stay out of logs: a credential, or a reference to server state (`session_id`, `token`). */
export function isLogSecretName(name: string): boolean {
  return credentialName.test(name) || referenceName.test(name);
}

/** True for a header that carries a credential. */
export function isCredentialHeader(name: string): boolean {
  return credentialHeaders.has(name.toLowerCase());
}
