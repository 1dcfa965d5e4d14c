/**
 * The `Prefer` request header as Prism reads it (parse-prefer-header): preferences separated by `,`,
 * parameters by `;`, `key=value` with optional double quotes, keys case-insensitive, first one wins.
 * Prism's keys: `code` (three digits), `example` (a named example), `dynamic` (`true`/`false`),
 * `seed`. Ours on top: `delay` (milliseconds) and `fault=reset`. Without a `Prefer` header Prism reads
 * the query parameters `__code`, `__example`, `__dynamic` and `__seed`; so do we.
 */
export interface MockPreferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
  delayMs?: number;
  fault?: "reset";
}

export type PreferenceResult = { ok: true; preferences: MockPreferences; fromQuery: boolean } | { ok: false; problem: string };

/** Longest `delay` we honour, so a typo cannot hang a client for hours. */
export const maxDelayMs = 60_000;

const preferQueryParameters = ["__code", "__example", "__dynamic", "__seed", "__delay", "__fault"] as const;

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index <= text.length; index++) {
    const char = index < text.length ? text[index] : separator;
    if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  return parts;
}

/** Every `key=value` of the header, keys lower case, first occurrence kept. */
function parsePreferHeader(header: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const preference of splitOutsideQuotes(header, ",")) {
    for (const parameter of splitOutsideQuotes(preference, ";")) {
      const equals = parameter.indexOf("=");
      const key = (equals < 0 ? parameter : parameter.slice(0, equals)).trim().toLowerCase();
      if (key === "" || found.has(key)) continue;
      let value = equals < 0 ? "true" : parameter.slice(equals + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      found.set(key, value);
    }
  }
  return found;
}

function decode(raw: Map<string, string>, source: string): PreferenceResult {
  const preferences: MockPreferences = {};
  const code = raw.get("code");
  if (code !== undefined) {
    if (!/^\d{3}$/.test(code)) return { ok: false, problem: `${source} code=${code} is not a status: use three digits, e.g. code=404` };
    preferences.code = Number(code);
  }
  const example = raw.get("example");
  if (example !== undefined) {
    if (example === "") return { ok: false, problem: `${source} example= needs the name of an example` };
    preferences.example = example;
  }
  const dynamic = raw.get("dynamic");
  if (dynamic !== undefined) {
    if (dynamic !== "true" && dynamic !== "false") return { ok: false, problem: `${source} dynamic=${dynamic} must be true or false` };
    preferences.dynamic = dynamic === "true";
  }
  const seed = raw.get("seed");
  if (seed !== undefined) preferences.seed = seed;
  const delay = raw.get("delay");
  if (delay !== undefined) {
    if (!/^\d{1,6}$/.test(delay) || Number(delay) > maxDelayMs)
      return { ok: false, problem: `${source} delay=${delay} must be a whole number of milliseconds from 0 to ${maxDelayMs}` };
    preferences.delayMs = Number(delay);
  }
  const fault = raw.get("fault");
  if (fault !== undefined) {
    if (fault !== "reset") return { ok: false, problem: `${source} fault=${fault} is not a fault the mock knows: use fault=reset` };
    preferences.fault = "reset";
  }
  return { ok: true, preferences, fromQuery: false };
}

/** Reads `Prefer`, or Prism's `__code`-style query parameters when there is no `Prefer` header. */
export function readPreferences(preferHeader: string | undefined, query: URLSearchParams): PreferenceResult {
  if (preferHeader !== undefined && preferHeader.trim() !== "") return decode(parsePreferHeader(preferHeader), "Prefer:");
  const fromQuery = new Map<string, string>();
  for (const name of preferQueryParameters) {
    const value = query.get(name);
    if (value !== null) fromQuery.set(name.slice(2), value);
  }
  if (fromQuery.size === 0) return { ok: true, preferences: {}, fromQuery: false };
  const result = decode(fromQuery, "query parameter");
  return result.ok ? { ...result, fromQuery: true } : result;
}

/** True when the preferences pick an answer (as opposed to only delaying or dropping it). */
export function selectsAnswer(preferences: MockPreferences): boolean {
  return preferences.code !== undefined || preferences.example !== undefined || preferences.dynamic === true;
}
