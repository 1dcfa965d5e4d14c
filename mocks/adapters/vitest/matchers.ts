import { receivedVerdict, type HasJournal, type MatcherResult, type OperationId, type ReceivedMatch } from "./received.js";

/**
 * vitest matchers over the request journal (`expect.extend(mockMatchers)`):
 *
 *     expect(mocks).toHaveReceived("PostConnectCreateLink", { body: { end_user_email: "jane@acme.example" } });
 *     expect(mocks).toHaveReceivedTimes("PostConnectCreateLink", 1);
 *
 * `mocks` is anything with `requests()`: `setupMockServer()`, `createMockHandlers()`, `startMockServers()`,
 * or `await readMockJournal("http://127.0.0.1:4010")` for a mock in another process.
 */

function journalOf(received: unknown): HasJournal {
  if (typeof received === "object" && received !== null && typeof (received as HasJournal).requests === "function") return received as HasJournal;
  throw new TypeError("expect(mocks): give the mocks (setupMockServer(), startMockServers(), readMockJournal(url)), not " + typeof received);
}

export const mockMatchers = {
  toHaveReceived(received: unknown, operationId: string, match?: ReceivedMatch): MatcherResult {
    return receivedVerdict(journalOf(received), operationId, match, undefined);
  },
  toHaveReceivedTimes(received: unknown, operationId: string, times: number, match?: ReceivedMatch): MatcherResult {
    return receivedVerdict(journalOf(received), operationId, match, times);
  },
};

/** The matchers' types, for `declare module "vitest" { interface Assertion<T> extends MockMatchers<T> {} }`. */
export interface MockMatchers<Result = unknown> {
  /** The mock received a request of `operationId` (matching `match`, when given). */
  toHaveReceived<Operation extends OperationId>(operationId: Operation, match?: ReceivedMatch<Operation>): Result;
  /** The mock received exactly `times` such requests. */
  toHaveReceivedTimes<Operation extends OperationId>(operationId: Operation, times: number, match?: ReceivedMatch<Operation>): Result;
}
