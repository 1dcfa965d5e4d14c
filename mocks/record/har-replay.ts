import { checkCall, describeCallViolation, violationsHeader } from "../../openapi/call-check.js";
import { formMediaType, mediaTypeEssence } from "../../openapi/media-type.js";
import { redactBodyText, redactFormText } from "../../openapi/redact.js";
import { masks } from "../../openapi/secrets.js";
import type { MockRequest, MockResponse } from "../engine/messages.js";
import type { Replayer } from "../engine/stages.js";
import type { Har, HarEntry } from "./har.js";
import type { SpecIndex } from "../../openapi/spec-index.js";

/**
 * Replay: answers a request that matches a recorded one (method, API path, query, body compared as data)
 * with the recorded answer, checked against the spec again, so a recording that drifted is flagged
 * (`x-contract-violations`, the journal, the drift hook) rather than served silently. Plain data only.
 *
 * The same request recorded several times is answered in recorded order, the last answer repeating:
 * a recording of "404, then 200 once the user connected" plays back the same way.
 */
export interface HarReplayer extends Replayer {
  /** How many recorded calls belong to this provider. */
  readonly size: number;
}

/** Hop-by-hop and transport headers of the recording that no longer describe the replayed body; CORS is the mock's own. */
const droppedHeaders = /^(content-length|content-encoding|transfer-encoding|connection|keep-alive|date|access-control-.*)$/i;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
}

function canonicalPairs(text: string): string {
  return JSON.stringify([...new URLSearchParams(text)].sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1)));
}

/** The body as data: JSON by value (key order and spacing ignored), forms by field, else the text. Secrets redacted first. */
function canonicalBody(text: string | undefined, contentType: string | undefined): string {
  if (text === undefined || text === "") return "";
  const redacted = redactBodyText(text, contentType);
  if (mediaTypeEssence(contentType) === formMediaType) return canonicalPairs(redacted);
  try {
    return canonicalJson(JSON.parse(redacted));
  } catch {
    return redacted;
  }
}

function matchKey(method: string, apiPath: string, query: string, body: string): string {
  return `${method.toUpperCase()} ${apiPath} ${canonicalPairs(redactFormText(query))} ${body}`;
}

/** The path under the spec's base path that the recorded URL reaches: the longest tail that routes to an operation. */
function recordedApiPath(spec: SpecIndex, method: string, pathname: string): string | undefined {
  for (let index = 0; index < pathname.length; index = pathname.indexOf("/", index + 1)) {
    if (index < 0) break;
    const tail = pathname.slice(index);
    const routed = spec.route(method.toUpperCase(), tail);
    if (routed !== undefined && "operation" in routed) return tail;
  }
  return undefined;
}

function decodeContent(content: HarEntry["response"]["content"] | undefined): string | undefined {
  if (content?.text === undefined) return undefined;
  if (content.encoding !== "base64") return content.text;
  const binary = atob(content.text);
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

interface RecordedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
}

function recordedAnswer(entry: HarEntry): RecordedAnswer {
  const headers: Record<string, string> = {};
  for (const { name, value } of entry.response.headers ?? []) {
    const lower = name.toLowerCase();
    if (droppedHeaders.test(lower) || value.includes(masks.recording)) continue;
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]}, ${value}`;
  }
  const body = decodeContent(entry.response.content);
  if (body !== undefined && body !== "" && headers["content-type"] === undefined && entry.response.content.mimeType) {
    headers["content-type"] = entry.response.content.mimeType;
  }
  return { status: entry.response.status, headers, body: body === "" ? undefined : body };
}

export function createHarReplayer(har: Har, spec: SpecIndex, provider: string): HarReplayer {
  const recordings = new Map<string, { answers: RecordedAnswer[]; next: number }>();
  let size = 0;
  for (const entry of har.log.entries) {
    const recordedBy = entry._connectContracts?.provider;
    if (recordedBy !== undefined && recordedBy !== provider) continue;
    const url = new URL(entry.request.url);
    const apiPath = recordedApiPath(spec, entry.request.method, url.pathname);
    if (apiPath === undefined) continue;
    const key = matchKey(entry.request.method, apiPath, url.search.slice(1), canonicalBody(entry.request.postData?.text, entry.request.postData?.mimeType));
    const recording = recordings.get(key) ?? { answers: [], next: 0 };
    recording.answers.push(recordedAnswer(entry));
    recordings.set(key, recording);
    size++;
  }

  return {
    size,
    answer(request, url, apiPath) {
      if (recordings.size === 0) return undefined;
      const key = matchKey(request.method, apiPath, url.search.slice(1), canonicalBody(request.body, request.headers["content-type"]));
      const recording = recordings.get(key);
      if (recording === undefined) return undefined;
      const recorded = recording.answers[Math.min(recording.next, recording.answers.length - 1)] as RecordedAnswer;
      recording.next++;
      const checked = checkCall(spec, request, recorded);
      const problems = checked.violations.map(describeCallViolation);
      const headers: Record<string, string> = Object.assign({}, recorded.headers, { [violationsHeader]: String(problems.length) });
      return { status: recorded.status, headers, body: recorded.body, problems };
    },
  };
}

/** The engine's `replay` option for a recording: each provider's engine answers from its own entries. */
export function replayFrom(har: Har): (spec: SpecIndex, provider: string) => HarReplayer {
  return (spec, provider) => createHarReplayer(har, spec, provider);
}
