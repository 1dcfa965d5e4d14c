import type { operations as KindeOperations } from "../../../generated/kinde/types.js";
import type { operations as KomboOperations } from "../../../generated/kombo/types.js";
import type { JournalEntry } from "../../engine/journal.js";

/**
 * Assertions on what the mocks received, over the request journal, typed from the specs: the operation ids
 * both specs declare, and the request bodies they take. Plain functions here; the vitest matchers
 * (`matchers.ts`) call them.
 */

type Operations = KomboOperations & KindeOperations;

/** Every operationId of both specs, e.g. `"PostConnectCreateLink"`. */
export type OperationId = keyof Operations & string;

type ContentOf<Operation> = Operation extends { requestBody?: infer Body } ? (NonNullable<Body> extends { content: infer Content } ? Content[keyof Content] : never) : never;

type DeepPartial<Value> = Value extends readonly (infer Item)[] ? DeepPartial<Item>[] : Value extends object ? { [Key in keyof Value]?: DeepPartial<Value[Key]> } : Value;

/** What a received request must have; every field optional, objects compared on the keys given. */
export interface ReceivedMatch<Operation extends OperationId = OperationId> {
  /** Part of the body the app sent (JSON, or a form's fields). */
  body?: DeepPartial<ContentOf<Operations[Operation]>>;
  query?: Record<string, string | string[]>;
  /** Header names in lower case; credential headers read as the journal keeps them (`Bearer ***`). */
  headers?: Record<string, string>;
  /** The status the mock answered. */
  status?: number;
  /** The name of the spec example the answer carried. */
  example?: string;
}

/** Anything with a journal: `setupMockServer()`, `createMockHandlers()`, `startMockServers()`, or `readMockJournal(url)`'s answer. */
export interface HasJournal {
  requests(): readonly JournalEntry[];
}

/** `expected` is part of `actual`: objects on the keys `expected` gives, arrays item by item, the rest equal. */
function matchesPart(actual: unknown, expected: unknown): boolean {
  if (expected === undefined) return true;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => matchesPart(actual[index], item));
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null) return false;
    return Object.entries(expected).every(([key, value]) => matchesPart((actual as Record<string, unknown>)[key], value));
  }
  return Object.is(actual, expected);
}

function matches(entry: JournalEntry, operationId: string, match: ReceivedMatch | undefined): boolean {
  if (entry.operationId !== operationId) return false;
  if (match === undefined) return true;
  return (
    matchesPart(entry.body, match.body) &&
    matchesPart(entry.query, match.query) &&
    matchesPart(entry.headers, match.headers) &&
    (match.status === undefined || entry.status === match.status) &&
    (match.example === undefined || entry.example === match.example)
  );
}

/** The journal entries of `operationId` that match. */
export function receivedRequests<Operation extends OperationId>(mocks: HasJournal, operationId: Operation, match?: ReceivedMatch<Operation>): JournalEntry[] {
  return mocks.requests().filter((entry) => matches(entry, operationId, match as ReceivedMatch | undefined));
}

function describeEntry(entry: JournalEntry): string {
  const body = entry.body === undefined ? "" : ` body ${JSON.stringify(entry.body).slice(0, 300)}`;
  return `  ${entry.method} ${entry.path} -> ${entry.status}${entry.operationId ? ` (${entry.operationId})` : ""}${body}`;
}

/** What the failure of an assertion says: what was expected, then every request the mock did receive. */
function receivedReport(mocks: HasJournal, expectation: string): string {
  const entries = mocks.requests();
  const listed = entries.length === 0 ? "  (nothing: did the app reach the mock? a client made before msw's listen() with its own fetch bypasses it)" : entries.map(describeEntry).join("\n");
  return `${expectation}\nThe mock received ${entries.length} request(s):\n${listed}`;
}

function expectationText(operationId: string, match: ReceivedMatch | undefined, times: number | undefined): string {
  const matching = match === undefined ? "" : ` matching ${JSON.stringify(match)}`;
  return times === undefined ? `expected a ${operationId} request${matching}` : `expected ${times} ${operationId} request(s)${matching}`;
}

/** Throws, listing what the mock received, unless it received a matching request (exactly `times` when given). */
export function assertReceived<Operation extends OperationId>(mocks: HasJournal, operationId: Operation, match?: ReceivedMatch<Operation>, times?: number): void {
  const found = receivedRequests(mocks, operationId, match).length;
  if (times === undefined ? found > 0 : found === times) return;
  throw new Error(`${receivedReport(mocks, expectationText(operationId, match as ReceivedMatch | undefined, times))}\n(${found} matched)`);
}

/** The result of one matcher, as vitest (and Jest) `expect.extend` take it. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** One matcher's verdict, worded for `expect(...)` and `expect(...).not`. */
export function receivedVerdict(mocks: HasJournal, operationId: string, match: ReceivedMatch | undefined, times: number | undefined): MatcherResult {
  const found = receivedRequests(mocks, operationId as OperationId, match as ReceivedMatch<OperationId>).length;
  const pass = times === undefined ? found > 0 : found === times;
  const expectation = expectationText(operationId, match, times);
  return { pass, message: () => `${receivedReport(mocks, pass ? `${expectation.replace(/^expected/, "expected no")} (not)` : expectation)}\n(${found} matched)` };
}
