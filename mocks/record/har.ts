import { redactBodyText, redactHeaderValue, redactUrl } from "../../openapi/redact.js";

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as plain data: the types this toolkit writes
 * and reads, the entry for one proxied exchange (credentials redacted), and a reader that says what is
 * wrong with a file that is not a HAR. Runtime-free, so msw in the browser can replay a HAR object.
 */

interface HarNameValue {
  name: string;
  value: string;
}

interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: { mimeType: string; text: string };
  headersSize: number;
  bodySize: number;
}

interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: { size: number; mimeType: string; text?: string; encoding?: string };
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

/** What this toolkit adds to each entry it records (HAR allows custom fields that start with `_`). */
interface HarContractNote {
  provider: string;
  operationId: string | null;
  /** Each way the exchange broke the spec, as logged; empty when clean. */
  violations: string[];
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _connectContracts?: HarContractNote;
}

export interface Har {
  log: {
    version: string;
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}

const harCreator = { name: "connect-contracts", version: "0.1.0" } as const;

export function emptyHar(): Har {
  return { log: { version: "1.2", creator: { ...harCreator }, entries: [] } };
}

/** One proxied call (request and answer) as the proxy saw it, before redaction. */
export interface RecordedCall {
  provider: string;
  operationId: string | null;
  violations: string[];
  startedAtMs: number;
  /** Until the upstream's answer was read in full. */
  durationMs: number;
  request: {
    method: string;
    /** The upstream URL the request went to. */
    url: string;
    /** Names in lower case. */
    headers: Readonly<Record<string, string>>;
    body: string | undefined;
  };
  response: {
    status: number;
    statusText: string;
    /** As received, in order, duplicates kept. */
    headers: readonly (readonly [string, string])[];
    /** Decoded from any content encoding. */
    body: string | undefined;
  };
}

const textEncoder = new TextEncoder();

function byteLength(text: string | undefined): number {
  return text === undefined ? 0 : textEncoder.encode(text).length;
}

function headerList(headers: Iterable<readonly [string, string]>): HarNameValue[] {
  return [...headers].map(([name, value]) => ({ name, value: redactHeaderValue(name, value) }));
}

function headerValue(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  return headers.find(([candidate]) => candidate.toLowerCase() === name)?.[1];
}

/** The HAR entry for a call, with every credential redacted (headers, query values, body fields). */
export function harEntry(call: RecordedCall): HarEntry {
  const { request, response } = call;
  const url = redactUrl(request.url);
  const requestType = request.headers["content-type"];
  const responseType = headerValue(response.headers, "content-type") ?? "";
  const requestBody = request.body === undefined ? undefined : redactBodyText(request.body, requestType);
  const responseBody = response.body === undefined ? undefined : redactBodyText(response.body, responseType);
  const query = new URL(url).searchParams;
  return {
    startedDateTime: new Date(call.startedAtMs).toISOString(),
    time: Math.round(call.durationMs * 1000) / 1000,
    request: {
      method: request.method.toUpperCase(),
      url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headerList(Object.entries(request.headers)),
      queryString: [...query].map(([name, value]) => ({ name, value })),
      ...(requestBody !== undefined ? { postData: { mimeType: requestType ?? "", text: requestBody } } : {}),
      headersSize: -1,
      bodySize: byteLength(request.body),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headerList(response.headers),
      content: { size: byteLength(response.body), mimeType: responseType, ...(responseBody !== undefined ? { text: responseBody } : {}) },
      redirectURL: headerValue(response.headers, "location") ?? "",
      headersSize: -1,
      bodySize: byteLength(response.body),
    },
    cache: {},
    timings: { send: 0, wait: Math.round(call.durationMs * 1000) / 1000, receive: 0 },
    _connectContracts: { provider: call.provider, operationId: call.operationId, violations: call.violations },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `value` as a HAR, or an error that names the first thing missing (`log.entries[3].response.status`).
 * Reads what replay needs; other HAR fields may be absent (browsers' exports differ).
 */
export function readHar(value: unknown, source = "HAR"): Har {
  const fail = (where: string, expected: string): never => {
    throw new Error(`${source} is not a HAR 1.2 file: ${where} ${expected}`);
  };
  if (!isRecord(value) || !isRecord(value.log)) return fail("log", "must be an object");
  const entries = value.log.entries;
  if (!Array.isArray(entries)) return fail("log.entries", "must be an array");
  entries.forEach((entry: unknown, index) => {
    const at = `log.entries[${index}]`;
    if (!isRecord(entry)) return fail(at, "must be an object");
    if (!isRecord(entry.request)) return fail(`${at}.request`, "must be an object");
    if (typeof entry.request.method !== "string") fail(`${at}.request.method`, "must be a string");
    if (typeof entry.request.url !== "string") fail(`${at}.request.url`, "must be a string");
    try {
      new URL(entry.request.url as string);
    } catch {
      fail(`${at}.request.url`, `must be an absolute URL (got ${JSON.stringify(String(entry.request.url).slice(0, 80))})`);
    }
    if (!isRecord(entry.response)) return fail(`${at}.response`, "must be an object");
    if (typeof entry.response.status !== "number") fail(`${at}.response.status`, "must be a number");
    if (entry.response.headers !== undefined && !Array.isArray(entry.response.headers)) fail(`${at}.response.headers`, "must be an array");
    return undefined;
  });
  return value as unknown as Har;
}
