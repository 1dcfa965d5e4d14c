/** Names whose values are secrets of their own (a third-party access token in a Kinde answer, a client secret). */
const secretNames = "(?:access|refresh|id)_token|api_?key|client_secret|password|secret";

/** JSON properties with one of those names. */
const secretProperty = new RegExp(`"(${secretNames})"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"`, "gi");

/** Masks secret values in JSON text, so a report can go into CI logs. */
export function redactSecrets(text: string): string {
  return text.replace(secretProperty, (_, name: string) => `"${name}":"<redacted>"`);
}

/** A form field with one of those names (a token request's `client_secret`). */
const secretField = new RegExp(`^(?:${secretNames})$`, "i");

/** The decoded name of one `name=value` pair; URLSearchParams never throws on a malformed escape. */
function fieldName(pair: string): string {
  return new URLSearchParams(pair).keys().next().value ?? "";
}

/** Masks secret fields of a form body (`client_secret=...`), keeping the rest as sent. */
export function redactFormSecrets(body: string): string {
  return body
    .split("&")
    .map((pair) => (secretField.test(fieldName(pair)) ? `${pair.split("=")[0]}=<redacted>` : pair))
    .join("&");
}
