/** Log-safe request paths: no credentials, no opaque tokens, bounded length. */

// Credential-like names only: `key_code_ref` and `org_code` name things, they are not secrets.
const sensitiveName = /token|session|secret|passw|api_?key|^key$|^auth|^code$|^sig/i;

/** True for a parameter or field name whose value is a credential (`client_secret`, `session_id`, ...). */
export function isSensitiveName(name: string): boolean {
  return sensitiveName.test(name);
}

/**
 * The path and query of `url` for a log line. `template` (e.g. `/v1/connect/integration-by-token/{token}`)
 * replaces the path when the route is known, so path parameters never reach the log; values of
 * credential-like query parameters become `***`.
 */
export function redactedPath(url: string, template: string | undefined): string {
  const schemeEnd = url.indexOf("://");
  const pathStart = schemeEnd < 0 ? 0 : url.indexOf("/", schemeEnd + 3);
  const rest = pathStart < 0 ? "/" : url.slice(pathStart);
  const questionMark = rest.indexOf("?");
  const path = template ?? (questionMark < 0 ? rest : rest.slice(0, questionMark));
  if (questionMark < 0) return path.slice(0, 200);
  const query = rest
    .slice(questionMark + 1)
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      return equals >= 0 && sensitiveName.test(pair.slice(0, equals)) ? `${pair.slice(0, equals)}=***` : pair;
    })
    .join("&");
  return `${path}?${query}`.slice(0, 200);
}
