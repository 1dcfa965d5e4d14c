import { redactedPath } from "../../openapi/redact.js";
import { compileSpec, type SpecIndex } from "../../openapi/spec-index.js";
import { providerValidators } from "../../providers/documents.js";
import type { ProviderId } from "../../providers/registry.js";
import { AnswerPicker } from "./answers.js";
import { systemClock } from "./clock.js";
import type { Clock, ErrorRule, ProviderDefinition } from "./definition.js";
import type { ProviderCoverage } from "../../openapi/coverage.js";
import { AnswerCoverage } from "./answer-coverage.js";
import { RequestJournal, type JournalEntry, type JournalFilter } from "./journal.js";
import { OverrideTable } from "./overrides.js";
import { whenSettled, type MockAnswer, type MockRequest, type MockResponse } from "./messages.js";
import { createResponder, type ViolationReport } from "./respond.js";
import { createStages, type Replayer } from "./stages.js";
import { WebhookOutbox } from "./webhook-outbox.js";
import { randomId } from "../data/random.js";

/**
 * The mock engine: one per provider, runtime-free (no node:*, no msw), synchronous.
 *
 *     const engine = createEngine(komboProvider(), { clock });
 *     const response = engine.handle({ method: "POST", url: "http://127.0.0.1:4010/v1/connect/create-link",
 *       headers: { authorization: "Bearer k", "content-type": "application/json" }, body: "{...}" });
 *     // -> { status, headers, body?, delayMs?, fault? }; adapters wait `delayMs`, drop the connection on `fault`.
 *
 * `handle` is synchronous but for one case: a generated answer (`Prefer: dynamic`) asked for before faker
 * has loaded (it loads on that first request) comes as a promise; adapters answer a plain value at once.
 *
 * A request goes through the named stages of `stages.ts` in order (mock routes, route, body limit,
 * authenticate, preferences, replay, validate request, answer); the first stage that answers ends it.
 * Every answer is checked against the spec before it leaves (a broken one answers 500 naming operation
 * and JSON path), and every request outside `/__mock/` is journaled.
 */
export interface MockEngine {
  readonly provider: ProviderId;
  readonly spec: SpecIndex;
  /** `/v1` for Kombo, `` for Kinde. */
  readonly basePath: string;
  /** Paths answered at the server root, outside the base path: the engine's own routes and the provider's pages. */
  readonly rootPaths: readonly string[];
  readonly clock: Clock;
  handle(request: MockRequest): MockAnswer;
  /** Forgets every link, token and session and the webhooks raised, and clears the overrides (as `POST /__mock/reset` does). */
  reset(): void;
  /** The request journal: the last 1,000 requests answered, oldest first (`GET /__mock/requests`), those matching `filter`. */
  requests(filter?: JournalFilter): JournalEntry[];
  /** Empties the journal (`DELETE /__mock/requests`). */
  clearRequests(): void;
  /** Overrides of the next answers (`/__mock/overrides`): `overrides.add({ operationId, status: 429, times: 1 })`. */
  readonly overrides: OverrideTable;
  /** Every declared status and named example of the spec with how many answers got it (`GET /__mock/coverage`). */
  coverage(): ProviderCoverage;
  /** Starts the coverage count again (`DELETE /__mock/coverage`). */
  clearCoverage(): void;
  /**
   * Journals and counts an answer an adapter gave without the engine (msw's typed `json()` and `empty()`
   * overrides), so the journal and coverage see every request.
   */
  record(request: MockRequest, answer: { operationId: string; status: number; logPath: string }): void;
  /** Where adapters that answer without the engine (the proxy) add their own entries. */
  readonly journal: RequestJournal;
  /** The webhook events raised and their deliveries (`GET /__mock/webhooks`); adapters subscribe to deliver them. */
  readonly webhooks: WebhookOutbox;
  /**
   * An answer in the provider's error format for what never reached an operation, not journaled: HTTP an
   * adapter refused before the engine read a request (unreadable, timed out), or the proxy's own errors.
   */
  errorAnswer(request: MockRequest, rule: ErrorRule, message: string): MockResponse;
  /** The proxy's 502, in the provider's format, when the upstream cannot be reached. */
  upstreamUnreachable(request: MockRequest, message: string): MockResponse;
  /** `errorAnswer` with the provider's `invalidRequest` code at `status`, for a request the adapter could not read. */
  refusal(status: number, message: string): MockResponse;
}

export interface EngineOptions {
  /** Validate every answer against the spec before it leaves (default true). */
  validateResponses?: boolean;
  /** Called with every answer found breaking the spec, e.g. to log it; a mock answer that does is a 500 naming it either way. */
  onViolation?: (report: ViolationReport) => void;
  /** Defaults to the system clock; tests pass `createManualClock()` to expire links. */
  clock?: Clock;
  /**
   * Recorded answers to serve (see `mocks/record/har-replay.ts`): a request that matches a recorded one gets
   * the recorded answer, checked against the spec (violations go to `onViolation`, the journal and
   * `x-contract-violations`). `Prefer` still wins; anything unrecorded goes on to the engine.
   */
  replay?: (spec: SpecIndex, provider: ProviderId) => Replayer;
}

export type { ViolationReport } from "./respond.js";

/** What the engine knows of a request an adapter could not read: nothing, so CORS answers any origin. */
const unreadRequest: MockRequest = { method: "GET", url: "", headers: {} };

export function createEngine<State>(provider: ProviderDefinition<State>, options: EngineOptions = {}): MockEngine {
  // Compiled ahead of time when the document is the provider's own spec (a test's edited copy compiles here).
  const spec = compileSpec(provider.document, { precompiled: providerValidators[provider.name] });
  const clock = options.clock ?? systemClock;
  const respond = createResponder(provider, { validateResponses: options.validateResponses !== false, onViolation: options.onViolation });
  const journal = new RequestJournal();
  const overrides = new OverrideTable(spec);
  const coverage = new AnswerCoverage(provider.name, spec);
  const outbox = new WebhookOutbox(spec, () => clock.now(), randomId, (type, problems) =>
    options.onViolation?.({ operationId: `webhook ${type}`, status: 0, problems }),
  );
  const pipeline = createStages({
    provider,
    spec,
    clock,
    respond,
    journal,
    overrides,
    coverage,
    outbox,
    picker: new AnswerPicker(spec, clock),
    behaviour: provider.bind(spec),
    replayer: options.replay?.(spec, provider.name),
    onViolation: options.onViolation,
  });

  /** Journals `response` (unless it is the mock's own route) and counts it for coverage. */
  const record = (request: MockRequest, response: MockResponse): void => {
    response.logPath ??= redactedPath(request.url, undefined);
    if (!response.logPath.startsWith("/__mock/")) {
      journal.add({
        atMs: clock.now(),
        method: request.method.toUpperCase(),
        path: response.logPath,
        operationId: response.operationId ?? null,
        status: response.status,
        problems: response.problems ?? [],
        request,
        example: response.example,
      });
      if (response.operationId !== undefined) coverage.count(response.operationId, response.status, response.example);
    }
  };

  const logged = (request: MockRequest, response: MockResponse): MockResponse => {
    record(request, response);
    return response;
  };

  /** A bug in the mock, never the client's fault: said plainly, without a stack trace. */
  const internalError = (request: MockRequest, error: unknown): MockResponse => {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 500,
      headers: { ...pipeline.corsHeaders(request), "content-type": "application/json" },
      body: JSON.stringify({ mock_error: "internal", message: `The ${provider.name} mock failed: ${reason}` }),
    };
  };

  const errorAnswer = (request: MockRequest, rule: ErrorRule, message: string): MockResponse => {
    const headers = Object.assign({}, pipeline.corsHeaders(request), { "content-type": "application/json" });
    // A kind only picks a rule from the table; the rule is given here, so errorBody reads rule and message only.
    return { status: rule.status, headers, body: JSON.stringify(provider.errorBody(rule, { kind: "invalidRequest", message })), problems: [message] };
  };

  return {
    provider: provider.name,
    spec,
    basePath: spec.basePath,
    rootPaths: pipeline.rootPaths,
    clock,
    handle(request) {
      try {
        const answer = whenSettled(pipeline.run(request), (response) => logged(request, response));
        return answer instanceof Promise ? answer.catch((error: unknown) => internalError(request, error)) : answer;
      } catch (error) {
        return internalError(request, error);
      }
    },
    reset: () => pipeline.reset(),
    requests: (filter) => journal.list(filter),
    clearRequests: () => journal.clear(),
    overrides,
    record: (request, answer) => record(request, { headers: {}, ...answer }),
    coverage: () => coverage.report(),
    clearCoverage: () => coverage.clear(),
    journal,
    webhooks: outbox,
    errorAnswer,
    upstreamUnreachable: (request, message) => errorAnswer(request, provider.upstreamUnreachable, message),
    refusal: (status, message) => errorAnswer(unreadRequest, Object.assign({}, provider.errors.invalidRequest, { status }), message),
  };
}
