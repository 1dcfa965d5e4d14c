/** JSON properties whose values are secrets of their own (a third-party access token in a Kinde answer). */
const secretProperty = /"((?:access|refresh|id)_token|api_?key|client_secret|password|secret)"\s*:\s*"(?:[^"\\]|\\.)*"/gi;

/** Masks secret values in JSON text, so a report can go into CI logs. */
export function redactSecrets(text: string): string {
  return text.replace(secretProperty, (_, name: string) => `"${name}":"<redacted>"`);
}

/** A form field whose value is a secret (a token request's `client_secret`). */
const secretField = /^((?:access|refresh|id)_token|api_?key|client_secret|password|secret)$/i;

/** Masks secret fields of a form body (`client_secret=...`), keeping the rest as sent. */
export function redactFormSecrets(body: string): string {
  return body
    .split("&")
    .map((pair) => {
      const name = decodeURIComponent(pair.split("=")[0]?.replace(/\+/g, " ") ?? "");
      return secretField.test(name) ? `${pair.split("=")[0]}=<redacted>` : pair;
    })
    .join("&");
}
