import { formMediaType, isJsonMediaType, mediaTypeEssence } from "./media-type.js";
import { isCredentialHeader, isCredentialName, isLogSecretName, masks } from "./secrets.js";

/** Applying the secrets policy (`secrets.ts`) to what is written down: log paths, headers, bodies, URLs, free text. */

/**
 * The path and query of `url` for a log line. `template` (e.g. `/v1/connect/integration-by-token/{token}`)
 * replaces the path when the route is known, so path parameters never reach the log; values of
 * log-secret query parameters become `***`. At most 200 characters.
 */
export function redactedPath(url: string, template: string | undefined): string {
  const schemeEnd = url.indexOf("://");
  const pathStart = schemeEnd < 0 ? 0 : url.indexOf("/", schemeEnd + 3);
  const rest = pathStart < 0 ? "/" : url.slice(pathStart);
  const questionMark = rest.indexOf("?");
  const path = template ?? (questionMark < 0 ? rest : rest.slice(0, questionMark));
  if (questionMark < 0) return path.slice(0, 200);
  return `${path}?${maskPairs(rest.slice(questionMark + 1), masks.log, isLogSecretName)}`.slice(0, 200);
}

/** `Bearer abc` -> `Bearer <mask>` for a credential header (the scheme stays); other headers unchanged. */
export function redactHeaderValue(name: string, value: string, mask: string = masks.recording): string {
  if (!isCredentialHeader(name)) return value;
  const scheme = /^\s*(bearer|basic|token)\s+/i.exec(value)?.[1];
  return scheme === undefined ? mask : `${scheme} ${mask}`;
}

/** The decoded name of one `name=value` pair; URLSearchParams never throws on a malformed escape. */
function pairName(pair: string): string {
  return new URLSearchParams(pair).keys().next().value ?? "";
}

/** `a=1&client_secret=s` -> `a=1&client_secret=<mask>`: every other pair kept exactly as sent. */
function maskPairs(text: string, mask: string, isSecret: (name: string) => boolean): string {
  if (text === "") return text;
  return text
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      return equals >= 0 && isSecret(pairName(pair)) ? `${pair.slice(0, equals)}=${mask}` : pair;
    })
    .join("&");
}

/** A recording's mask as a form or query value carries it: URL-encoded, so the recorded URL stays valid. */
const recordingFormMask = encodeURIComponent(masks.recording);

/** Form fields (`a=1&client_secret=s`) with credential values masked; the text unchanged when there is none. */
export function redactFormText(text: string, mask: string = recordingFormMask): string {
  return maskPairs(text, mask, isCredentialName);
}

function redactJsonValue(value: unknown, mask: string, isSecret: (name: string) => boolean = isCredentialName): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const redacted = redactJsonValue(item, mask, isSecret);
      changed ||= redacted.changed;
      return redacted.value;
    });
    return { value: items, changed };
  }
  if (typeof value !== "object" || value === null) return { value, changed: false };
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (isSecret(key) && entry !== null && entry !== undefined) {
      copy[key] = mask;
      changed = true;
      continue;
    }
    const redacted = redactJsonValue(entry, mask, isSecret);
    changed ||= redacted.changed;
    copy[key] = redacted.value;
  }
  return { value: copy, changed };
}

/** JSON text with credential properties masked at any depth; text that is not JSON is masked property by property. */
function redactJsonText(text: string, mask: string = masks.recording): string {
  try {
    const redacted = redactJsonValue(JSON.parse(text), mask);
    return redacted.changed ? JSON.stringify(redacted.value) : text;
  } catch {
    return redactJsonProperties(text, mask);
  }
}

/**
 * `"client_secret":"..."` in any text (JSON cut short, a message quoting a body): the string value masked,
 * also a value the text ends inside of (a cut body keeps no half of a secret).
 */
export function redactJsonProperties(text: string, mask: string = masks.report, isSecret: (name: string) => boolean = isCredentialName): string {
  return text.replace(/"([^"\\]*)"\s*:\s*"(?:[^"\\]|\\.)*("|\\?$)/g, (whole, name: string, end: string) => (isSecret(name) ? `"${name}":"${mask}${end.startsWith('"') ? '"' : ""}` : whole));
}

/**
 * A body with its credential fields masked, by media type: JSON as data, forms field by field, anything
 * else as is. The text is kept byte for byte when there is nothing to mask.
 */
export function redactBodyText(text: string, contentType: string | undefined, mask: string = masks.recording): string {
  const mediaType = mediaTypeEssence(contentType);
  if (mediaType === formMediaType) return redactFormText(text, encodeURIComponent(mask));
  return isJsonMediaType(mediaType) ? redactJsonText(text, mask) : text;
}

/** The URL with credential query values masked; unchanged (same text) when there is none. */
export function redactUrl(url: string, mask: string = recordingFormMask): string {
  const questionMark = url.indexOf("?");
  if (questionMark < 0) return url;
  const query = url.slice(questionMark + 1);
  const redacted = redactFormText(query, mask);
  return redacted === query ? url : `${url.slice(0, questionMark)}?${redacted}`;
}

/**
 * A URL someone gave us (a webhook receiver, a target) as it may be shown on a console or in a report: no
 * `user:password@`, credential query values masked. Text that is not a URL is not echoed at all.
 */
export function displayUrl(url: string, mask: string = masks.log): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "<not a URL>";
  }
  parsed.username = "";
  parsed.password = "";
  return redactUrl(parsed.href, encodeURIComponent(mask));
}

/** Every credential's value (each leaf, when the value is an object), from a parsed JSON body. */
function collectCredentials(value: unknown, found: string[], underCredential = false): void {
  if (Array.isArray(value)) for (const item of value) collectCredentials(item, found, underCredential);
  else if (typeof value === "object" && value !== null) {
    for (const [key, entry] of Object.entries(value)) collectCredentials(entry, found, underCredential || isCredentialName(key));
  } else if (underCredential && (typeof value === "string" || typeof value === "number")) found.push(String(value));
}

/**
 * Every credential value in a request's or an answer's parts (credential headers, query and body fields),
 * so that text built from them (a violation quoting what it got) can be scrubbed of them.
 */
export function credentialValues(parts: { headers?: Readonly<Record<string, string>>; query?: string; body?: string | undefined; contentType?: string | undefined }[]): string[] {
  const found: string[] = [];
  for (const part of parts) {
    for (const [name, value] of Object.entries(part.headers ?? {})) {
      if (isCredentialHeader(name)) found.push(value, value.replace(/^\s*\S+\s+/, ""));
    }
    for (const [name, value] of new URLSearchParams(part.query ?? "")) if (isCredentialName(name)) found.push(value);
    if (part.body === undefined || part.body === "") continue;
    if (mediaTypeEssence(part.contentType) === formMediaType) {
      for (const [name, value] of new URLSearchParams(part.body)) if (isCredentialName(name)) found.push(value);
    } else {
      try {
        collectCredentials(JSON.parse(part.body), found);
      } catch {
        // Not JSON: nothing field-shaped to collect.
      }
    }
  }
  // Short values would scrub ordinary words; longest first, so a value inside another goes with it.
  return [...new Set(found.map((value) => value.trim()).filter((value) => value.length >= 4))].sort((a, b) => b.length - a.length);
}

/** `text` with each of `secrets` replaced by `mask`. */
export function scrubSecrets(text: string, secrets: readonly string[], mask: string = masks.recording): string {
  let scrubbed = text;
  for (const secret of secrets) scrubbed = scrubbed.split(secret).join(mask);
  return scrubbed;
}

/**
 * For the request journal (the log audience: credentials and references masked): query parameters as data,
 * a repeated name as a list.
 */
export function journalQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, raw] of new URLSearchParams(search)) {
    const value = isLogSecretName(name) ? masks.log : raw;
    const earlier = query[name];
    query[name] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  return query;
}

/** For the request journal: every header, credential headers masked (`Bearer ***`). */
export function journalHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) redacted[name] = redactHeaderValue(name, value, masks.log);
  return redacted;
}

/**
 * For the request journal: a body as data (JSON parsed, a form as its fields) with credential and
 * reference fields masked. By the text as well as the Content-Type, as curl lines are: JSON sent as
 * `text/plain` or with none is still JSON; JSON that does not parse is masked property by property, other
 * text pair by pair (`client_secret=…`).
 */
export function journalBody(text: string, contentType: string | undefined): unknown {
  const mediaType = mediaTypeEssence(contentType);
  if (mediaType === formMediaType) return journalQuery(text);
  if (isJsonMediaType(mediaType) || /^\s*[[{]/.test(text)) {
    try {
      return redactJsonValue(JSON.parse(text), masks.log, isLogSecretName).value;
    } catch {
      return redactJsonProperties(text, masks.log, isLogSecretName);
    }
  }
  return maskPairs(text, masks.log, isLogSecretName);
}
