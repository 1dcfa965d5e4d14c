/** JSON properties whose values are secrets of their own (a third-party access token in a Kinde answer). */
const secretProperty = /"((?:access|refresh|id)_token|api_?key|client_secret|password|secret)"\s*:\s*"(?:[^"\\]|\\.)*"/gi;

/** Masks secret values in JSON text, so a report can go into CI logs. */
export function redactSecrets(text: string): string {
  return text.replace(secretProperty, (_, name: string) => `"${name}":"<redacted>"`);
}
