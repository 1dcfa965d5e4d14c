import { formMediaType, mediaTypeEssence } from "../mocks/engine/messages.js";

/**
 * Credentials out of recordings: headers, query values and body fields that carry a secret are replaced
 * by a marker before an exchange is written. Replay applies the same redaction to the live request
 * before it compares, so a request with a real `client_secret` still matches its recording.
 */

export const redactedMarker = "[REDACTED]";

const secretHeaders = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"]);

/**
 * Names of fields and query parameters that hold a credential (Kinde's `client_secret`, OAuth tokens,
 * API keys). Opaque ids such as `session_id`, `key_code_ref` or a Connect token are kept: replay
 * matches on them, and they are useless without the bearer credential, which is always redacted.
 */
const secretField = /secret|passw|^(access|refresh|id)_token$|^token_value$|api_?key|client_assertion|^code_verifier$/i;

export function isSecretField(name: string): boolean {
  return secretField.test(name);
}

export function isSecretHeader(name: string): boolean {
  return secretHeaders.has(name.toLowerCase());
}

/** `Bearer abc` -> `Bearer [REDACTED]` (the scheme stays, to show how the client authenticated). */
export function redactHeaderValue(name: string, value: string): string {
  if (!isSecretHeader(name)) return value;
  const scheme = /^\s*(bearer|basic|token)\s+/i.exec(value)?.[1];
  return scheme === undefined ? redactedMarker : `${scheme} ${redactedMarker}`;
}

function redactJsonValue(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const redacted = redactJsonValue(item);
      changed ||= redacted.changed;
      return redacted.value;
    });
    return { value: items, changed };
  }
  if (typeof value !== "object" || value === null) return { value, changed: false };
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (isSecretField(key) && entry !== null && entry !== undefined) {
      copy[key] = redactedMarker;
      changed = true;
      continue;
    }
    const redacted = redactJsonValue(entry);
    changed ||= redacted.changed;
    copy[key] = redacted.value;
  }
  return { value: copy, changed };
}

/** Form fields (`a=1&b=2`) with secret values replaced; the text unchanged when there is none. */
export function redactFormText(text: string): string {
  const params = new URLSearchParams(text);
  let changed = false;
  for (const name of new Set(params.keys())) {
    if (isSecretField(name)) {
      params.set(name, redactedMarker);
      changed = true;
    }
  }
  return changed ? params.toString() : text;
}

/**
 * A body with its secret fields replaced, by media type: JSON as data, forms field by field, anything
 * else as is. The text is kept byte for byte when there is nothing to redact.
 */
export function redactBodyText(text: string, contentType: string | undefined): string {
  const mediaType = mediaTypeEssence(contentType);
  if (mediaType === formMediaType) return redactFormText(text);
  if (!/[/+]json$/.test(mediaType)) return text;
  try {
    const redacted = redactJsonValue(JSON.parse(text));
    return redacted.changed ? JSON.stringify(redacted.value) : text;
  } catch {
    return text;
  }
}

/** Every secret field's value (each leaf, when the value is an object), from a parsed JSON body. */
function collectSecretValues(value: unknown, found: string[], underSecret = false): void {
  if (Array.isArray(value)) for (const item of value) collectSecretValues(item, found, underSecret);
  else if (typeof value === "object" && value !== null) {
    for (const [key, entry] of Object.entries(value)) collectSecretValues(entry, found, underSecret || isSecretField(key));
  } else if (underSecret && (typeof value === "string" || typeof value === "number")) found.push(String(value));
}

/**
 * Every secret value in an exchange's parts (header credentials, secret query and body fields), so text
 * built from the exchange (a violation quoting what it got) can be scrubbed of them.
 */
export function secretValues(parts: { headers?: Readonly<Record<string, string>>; query?: string; body?: string | undefined; contentType?: string | undefined }[]): string[] {
  const found: string[] = [];
  for (const part of parts) {
    for (const [name, value] of Object.entries(part.headers ?? {})) {
      if (isSecretHeader(name)) found.push(value, value.replace(/^\s*\S+\s+/, ""));
    }
    for (const [name, value] of new URLSearchParams(part.query ?? "")) if (isSecretField(name)) found.push(value);
    const mediaType = mediaTypeEssence(part.contentType);
    if (part.body === undefined || part.body === "") continue;
    if (mediaType === formMediaType) {
      for (const [name, value] of new URLSearchParams(part.body)) if (isSecretField(name)) found.push(value);
    } else {
      try {
        collectSecretValues(JSON.parse(part.body), found);
      } catch {
        // Not JSON: nothing field-shaped to collect.
      }
    }
  }
  // Short values would scrub ordinary words; longest first, so a value inside another goes with it.
  return [...new Set(found.map((value) => value.trim()).filter((value) => value.length >= 4))].sort((a, b) => b.length - a.length);
}

/** `text` with each of `secrets` replaced by the marker. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) scrubbed = scrubbed.split(secret).join(redactedMarker);
  return scrubbed;
}

/** The URL with secret query values replaced; unchanged (same text) when there is none. */
export function redactUrl(url: string): string {
  const questionMark = url.indexOf("?");
  if (questionMark < 0) return url;
  const query = url.slice(questionMark + 1);
  const redacted = redactFormText(query);
  return redacted === query ? url : `${url.slice(0, questionMark)}?${redacted}`;
}
