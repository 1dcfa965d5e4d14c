import { journalBody, journalHeaders, journalQuery } from "../../openapi/redact.js";
import type { MockRequest } from "./messages.js";

/**
 * The request journal (WireMock's, in small): the last `capacity` requests a mock answered, oldest first,
 * whole (query, headers, body) and with their answer, so a test can check what the app sent. What a reader
 * gets holds no credential in clear: the secrets policy (openapi/secrets.ts, applied by openapi/redact.ts)
 * masks credential headers, credential-like query values and secret body fields.
 */
export interface JournalEntry {
  /** ISO 8601 time the request was answered. */
  at: string;
  method: string;
  /** As in the log line: path parameters as their template, credential-like query values as `***`. */
  path: string;
  /** The spec operation it matched; null for mock routes, pages and unknown paths. */
  operationId: string | null;
  /** The query as data (`***` for credential-like values); a repeated name as a list. */
  query: Record<string, string | string[]>;
  /** The request headers, names in lower case; Authorization, cookies and API keys as `***` (the scheme kept: `Bearer ***`). */
  headers: Record<string, string>;
  /** The body as sent: JSON parsed, a form as its fields, other text as is, secret fields `***`; absent when none was sent. */
  body?: unknown;
  /** Set when the body was longer than the journal keeps (`journalBodyChars`): `body` is then its start, as text. */
  bodyTruncated?: true;
  /** The answer's status. */
  status: number;
  /** The name of the spec example the answer carried, when it carried a named one. */
  example?: string;
  /** Why the request was refused (validation messages), or what a proxied answer broke; empty when clean. */
  problems: string[];
}

/**
 * What is kept per request: the pieces as they came (no copy, no parsing, no date formatting on the hot
 * path), turned into an entry, secrets masked, only when someone reads the journal. They never leave the
 * engine except through `list()`.
 */
export interface JournalRecord {
  atMs: number;
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  problems: string[];
  /** The request as the adapter handed it over; absent for entries an adapter adds without one. */
  request?: MockRequest;
  example?: string | undefined;
}

const journalCapacity = 1000;

/** The longest body text an entry keeps; a longer one keeps its start, masked when it is added, and `bodyTruncated`. */
const journalBodyChars = 64 * 1024;

interface TruncatedBody {
  truncated: unknown;
}

function queryOf(url: string): string {
  const questionMark = url.indexOf("?");
  return questionMark < 0 ? "" : url.slice(questionMark + 1);
}

function entryOf(record: JournalRecord, body: TruncatedBody | undefined): JournalEntry {
  const request = record.request;
  const entry: JournalEntry = {
    at: new Date(record.atMs).toISOString(),
    method: record.method,
    path: record.path,
    operationId: record.operationId,
    query: request === undefined ? {} : journalQuery(queryOf(request.url)),
    headers: request === undefined ? {} : journalHeaders(request.headers),
    status: record.status,
    problems: record.problems,
  };
  if (body !== undefined) {
    entry.body = body.truncated;
    entry.bodyTruncated = true;
  } else if (request?.body !== undefined && request.body !== "") {
    entry.body = journalBody(request.body, request.headers["content-type"]);
  }
  if (record.example !== undefined) entry.example = record.example;
  return entry;
}

/** The journal's filters, as `GET /__mock/requests?operationId=…&status=…` takes them. */
export interface JournalFilter {
  operationId?: string | undefined;
  status?: number | undefined;
}

/** A ring buffer: adding is O(1) on the hot path, with no copy and no date formatting. */
export class RequestJournal {
  readonly #records: (JournalRecord | undefined)[];
  /** Bodies over `journalBodyChars`, masked and cut when added, so a large secret-bearing body is never kept whole. */
  readonly #truncated = new WeakMap<JournalRecord, TruncatedBody>();
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number = journalCapacity) {
    this.#records = new Array<JournalRecord | undefined>(capacity);
  }

  add(record: JournalRecord): void {
    const body = record.request?.body;
    if (record.request !== undefined && body !== undefined && body.length > journalBodyChars) {
      // Rare (bodies up to 1 MiB are accepted): the masked start is kept, the whole text is dropped.
      // A copy through JSON, so the kept start shares no memory with (and does not keep alive) the whole text.
      const start = JSON.parse(JSON.stringify(body.slice(0, journalBodyChars))) as string;
      this.#truncated.set(record, { truncated: journalBody(start, record.request.headers["content-type"]) });
      record.request = { ...record.request, body: undefined };
    }
    this.#records[this.#next] = record;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** Oldest first; only the entries that match `filter`. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const entries: JournalEntry[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let offset = 0; offset < this.#size; offset++) {
      const record = this.#records[(start + offset) % this.capacity] as JournalRecord;
      if (filter.operationId !== undefined && record.operationId !== filter.operationId) continue;
      if (filter.status !== undefined && record.status !== filter.status) continue;
      entries.push(entryOf(record, this.#truncated.get(record)));
    }
    return entries;
  }

  clear(): void {
    this.#records.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }
}

/** One provider's entries beside the other's, as `startMockServers` and the msw setups list them. */
export type ProviderJournalEntry = JournalEntry & { provider: string };

/** Both journals as one list, oldest first (entries of the same millisecond keep their provider order). */
export function mergeJournals(engines: readonly { provider: string; requests(filter?: JournalFilter): JournalEntry[] }[], filter?: JournalFilter): ProviderJournalEntry[] {
  return engines
    .flatMap((engine) => engine.requests(filter).map((entry) => ({ provider: engine.provider, ...entry })))
    .sort((left, right) => (left.at < right.at ? -1 : left.at > right.at ? 1 : 0));
}
