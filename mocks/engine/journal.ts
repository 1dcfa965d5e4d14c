/**
 * The request journal (WireMock's, in small): the last `capacity` requests a mock answered, oldest
 * first, so a test or a person can ask what the app sent. Entries hold no credential: `path` is the
 * redacted log path and `problems` are validation messages, which never quote a header.
 */
export interface JournalEntry {
  /** ISO 8601 time the request was answered. */
  at: string;
  method: string;
  /** As in the log line: path parameters as their template, credential-like query values as `***`. */
  path: string;
  /** The spec operation it matched; null for mock routes, pages and unknown paths. */
  operationId: string | null;
  status: number;
  /** Why the request was refused (validation messages), or what a proxied answer broke; empty when clean. */
  problems: string[];
}

/** What is kept per request: the time as a number, turned into text only when someone reads it. */
export interface JournalRecord extends Omit<JournalEntry, "at"> {
  atMs: number;
}

const journalCapacity = 1000;

/** A ring buffer: adding is O(1) on the hot path, with no copy and no date formatting. */
export class RequestJournal {
  readonly #records: (JournalRecord | undefined)[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number = journalCapacity) {
    this.#records = new Array<JournalRecord | undefined>(capacity);
  }

  add(record: JournalRecord): void {
    this.#records[this.#next] = record;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** Oldest first. */
  list(): JournalEntry[] {
    const entries: JournalEntry[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let offset = 0; offset < this.#size; offset++) {
      const record = this.#records[(start + offset) % this.capacity] as JournalRecord;
      entries.push({
        at: new Date(record.atMs).toISOString(),
        method: record.method,
        path: record.path,
        operationId: record.operationId,
        status: record.status,
        problems: record.problems,
      });
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
export function mergeJournals(engines: readonly { provider: string; requests(): JournalEntry[] }[]): ProviderJournalEntry[] {
  return engines
    .flatMap((engine) => engine.requests().map((entry) => ({ provider: engine.provider, ...entry })))
    .sort((left, right) => (left.at < right.at ? -1 : left.at > right.at ? 1 : 0));
}
