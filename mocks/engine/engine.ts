import type { ProviderId } from "../../providers/registry.js";
import { AnswerPicker, checkAnswer, chooseMedia, declaredResponse, type Drift } from "./answers.js";
import { systemClock } from "./clock.js";
import { maxBodyBytes, type MockRequest, type MockResponse } from "./messages.js";
import { readPreferences, selectsAnswer, type MockPreferences } from "./prefer.js";
import type { Clock, ErrorRule, HandlerAnswer, HandlerContext, MockError, OperationContext, PageAnswer, ProviderDefinition } from "./definition.js";
import { RequestJournal, type JournalEntry } from "./journal.js";
import type { Har } from "../record/har.js";
import { createHarReplayer } from "../record/har-replay.js";
import { randomId } from "../data/random.js";
import { redactedPath } from "../../openapi/secrets.js";
import { checkBody, checkParameters } from "../../openapi/request-checks.js";
import { compileSpec, type CompiledOperation, type SpecIndex } from "../../openapi/spec-index.js";

/**
 * The mock engine: one per provider, runtime-free (no node:*, no msw), synchronous.
 *
 *     const engine = createEngine(komboProvider(), { clock });
 *     const response = engine.handle({ method: "POST", url: "http://127.0.0.1:4010/v1/connect/create-link",
 *       headers: { authorization: "Bearer k", "content-type": "application/json" }, body: "{...}" });
 *     // -> { status, headers, body?, delayMs?, fault? }; adapters wait `delayMs`, drop the connection on `fault`.
 *
 * Order of work: CORS preflight, mock routes (`POST /__mock/reset`, the provider's pages), route match under
 * the spec's base path (404/405), body size (413), auth, `Prefer` parsing, request validation (400),
 * then the answer (`Prefer` first, else the provider's stateful handler, else the first success example),
 * then validation of that answer against the spec (a drift answers 500 naming operation and JSON path).
 */
export interface MockEngine {
  readonly provider: ProviderId;
  readonly spec: SpecIndex;
  /** `/v1` for Kombo, `` for Kinde. */
  readonly basePath: string;
  /** Paths answered at the server root, outside the base path: the engine's own routes and the provider's pages. */
  readonly rootPaths: readonly string[];
  readonly clock: Clock;
  handle(request: MockRequest): MockResponse;
  /** Forgets every link, token and session (as `POST /__mock/reset` does). */
  reset(): void;
  /** The request journal: the last 1,000 requests answered, oldest first (`GET /__mock/requests`). */
  requests(): JournalEntry[];
  /** Empties the journal (`DELETE /__mock/requests`). */
  clearRequests(): void;
  /** Where adapters that answer without the engine (the proxy) add their own entries. */
  readonly journal: RequestJournal;
  /**
   * An answer in the provider's error format for what never reached an operation, not journaled: the proxy's
   * 502 (its own rule), or HTTP an adapter refused before the engine read a request (unreadable, timed out).
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
  /** Called with every drift found, e.g. to log it; the answer is a 500 that names it either way. */
  onDrift?: (drift: Drift) => void;
  /** Defaults to the system clock; tests pass `createManualClock()` to expire links. */
  clock?: Clock;
  /**
   * A recording to answer from: a request that matches a recorded one (method, path, query, body as
   * data) gets the recorded answer, checked against the spec (violations go to `onDrift`, the journal
   * and `x-contract-violations`). `Prefer` still wins; anything unrecorded goes on to the engine.
   */
  replay?: Har;
}

export type { Drift } from "./answers.js";

export const resetPath = "/__mock/reset";
export const journalPath = "/__mock/requests";
const corsAllowHeaders = "authorization, content-type, prefer, accept";
const corsExposeHeaders = "allow, content-type, x-mock-drift, x-contract-violations";

/** What the engine knows of a request an adapter could not read: nothing, so CORS answers any origin. */
const unreadRequest: MockRequest = { method: "GET", url: "", headers: {} };

function corsHeaders(request: MockRequest): Record<string, string> {
  const origin = request.headers.origin;
  return origin
    ? { "access-control-allow-origin": origin, vary: "origin", "access-control-expose-headers": corsExposeHeaders }
    : { "access-control-allow-origin": "*", "access-control-expose-headers": corsExposeHeaders };
}

function isJsonText(body: unknown): body is string {
  return typeof body === "string";
}

export function createEngine<State>(provider: ProviderDefinition<State>, options: EngineOptions = {}): MockEngine {
  const spec = compileSpec(provider.document);
  const clock = options.clock ?? systemClock;
  const validateResponses = options.validateResponses !== false;
  const picker = new AnswerPicker(spec, clock);
  const basePath = spec.basePath;
  const behaviour = provider.bind(spec);
  let state = provider.createState();
  const replayer = options.replay === undefined ? undefined : createHarReplayer(options.replay, spec, provider.name);

  const pageMethods = new Map<string, string[]>();
  for (const page of behaviour.pages) pageMethods.set(page.path, [...(pageMethods.get(page.path) ?? []), page.method.toUpperCase()]);
  pageMethods.set(resetPath, ["POST"]);
  pageMethods.set(journalPath, ["GET", "DELETE"]);
  const journal = new RequestJournal();

  const isAuthorized = (request: MockRequest): "ok" | "missing" | "invalid" | "expired" => {
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === "") return "missing";
    const match = /^\s*bearer\s+(\S.*?)\s*$/i.exec(header);
    if (!match) return "invalid";
    const credential = match[1] as string;
    const issued = provider.auth.issued?.(state, credential, clock.now()) ?? "unknown";
    if (issued !== "unknown") return issued === "valid" ? "ok" : "expired";
    const accepted = provider.auth.acceptedCredentials;
    return accepted.length === 0 || accepted.includes(credential) ? "ok" : "invalid";
  };

  const serialize = (body: unknown): string | undefined => (body === undefined ? undefined : isJsonText(body) ? body : JSON.stringify(body));

  /** An error in the provider's own format; no body when the operation declares that status without one. */
  const errorResponse = (request: MockRequest, error: MockError, operation: CompiledOperation | undefined): MockResponse => {
    const format = (operation && provider.operationErrorFormats?.[operation.operationId]) || provider;
    const rule = format.errors[error.kind];
    const code = error.code !== undefined ? error.code : rule.code;
    const headers: Record<string, string> = Object.assign({}, corsHeaders(request), error.headers);
    const declared = operation ? declaredResponse(operation, rule.status) : undefined;
    if (declared !== undefined && declared.content.size === 0) return { status: rule.status, headers, problems: error.problems ?? [error.message] };
    const body = format.errorBody({ ...rule, code }, error);
    const media = declared ? chooseMedia(declared, request.headers.accept) : undefined;
    headers["content-type"] = media?.mediaType ?? "application/json";
    const response: MockResponse = { status: rule.status, headers, body: JSON.stringify(body), problems: error.problems ?? [error.message] };
    if (operation && declared && validateResponses) {
      const problems = checkAnswer(operation, rule.status, media?.mediaType, body);
      if (problems.length > 0) return driftResponse(request, { operationId: operation.operationId, status: rule.status, problems });
    }
    return response;
  };

  const driftResponse = (request: MockRequest, drift: Drift): MockResponse => {
    options.onDrift?.(drift);
    const message = `Mock answer drifted from the ${provider.name} spec: ${drift.operationId} ${drift.status}: ${drift.problems.join("; ")}`;
    return {
      status: 500,
      headers: { ...corsHeaders(request), "content-type": "application/json", "x-mock-drift": "true" },
      body: JSON.stringify({ mock_error: "response_drift", operation: drift.operationId, status: drift.status, problems: drift.problems, message }),
    };
  };

  const pageResponse = (request: MockRequest, answer: PageAnswer): MockResponse => {
    const headers: Record<string, string> = Object.assign({}, corsHeaders(request), answer.headers);
    if (answer.body !== undefined && headers["content-type"] === undefined) {
      headers["content-type"] = typeof answer.body === "string" ? "text/html; charset=utf-8" : "application/json";
    }
    return { status: answer.status, headers, body: serialize(answer.body) };
  };

  const operationAnswer = (request: MockRequest, context: OperationContext<State>, answer: HandlerAnswer): MockResponse => {
    if ("error" in answer) return errorResponse(request, answer.error, context.operation);
    const declared = declaredResponse(context.operation, answer.status);
    const media = declared ? chooseMedia(declared, request.headers.accept) : undefined;
    if (validateResponses) {
      const problems = checkAnswer(context.operation, answer.status, media?.mediaType, answer.body);
      if (problems.length > 0) return driftResponse(request, { operationId: context.operation.operationId, status: answer.status, problems });
    }
    // Object.assign, not spread: on Node 20 (V8 11) a spread followed by more properties takes a slow
    // path, about 1 µs per property added (see docs/performance.md).
    const headers: Record<string, string> = Object.assign({}, corsHeaders(request), answer.headers);
    if (answer.body === undefined) return { status: answer.status, headers };
    headers["content-type"] = media?.mediaType ?? "application/json";
    return { status: answer.status, headers, body: JSON.stringify(answer.body) };
  };

  const withDirectives = (response: MockResponse, preferences: MockPreferences): MockResponse => {
    if (preferences.delayMs !== undefined && preferences.delayMs > 0) response.delayMs = preferences.delayMs;
    if (preferences.fault !== undefined) response.fault = preferences.fault;
    return response;
  };

  const preflight = (request: MockRequest, methods: string[]): MockResponse => ({
    status: 204,
    headers: {
      ...corsHeaders(request),
      allow: [...methods, "OPTIONS"].join(", "),
      "access-control-allow-methods": [...methods, "OPTIONS"].join(", "),
      "access-control-allow-headers": request.headers["access-control-request-headers"] ?? corsAllowHeaders,
      "access-control-max-age": "600",
    },
  });

  const handleLogged = (request: MockRequest): MockResponse => {
    const response = handleUnsafe(request);
    response.logPath ??= redactedPath(request.url, undefined);
    if (!response.logPath.startsWith("/__mock/")) {
      journal.add({
        atMs: clock.now(),
        method: request.method.toUpperCase(),
        path: response.logPath,
        operationId: response.operationId ?? null,
        status: response.status,
        problems: response.problems ?? [],
      });
    }
    return response;
  };

  const handleUnsafe = (request: MockRequest): MockResponse => {
    const method = request.method.toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return errorResponse(request, { kind: "invalidRequest", message: `the request URL "${request.url.slice(0, 80)}" cannot be read` }, undefined);
    }
    const path = url.pathname;
    const baseContext: HandlerContext<State> = {
      state,
      spec,
      request,
      url,
      origin: url.origin,
      now: () => clock.now(),
      randomId,
    };

    // Mock-only routes: reset and the provider's pages, at the server root.
    const mockMethods = pageMethods.get(path);
    if (mockMethods !== undefined) {
      if (method === "OPTIONS") return preflight(request, mockMethods);
      if (!mockMethods.includes(method)) {
        return errorResponse(request, { kind: "methodNotAllowed", message: `${method} is not allowed on ${path}: use ${mockMethods.join(", ")}`, headers: { allow: mockMethods.join(", ") } }, undefined);
      }
      if (path === resetPath) {
        state = provider.createState();
        return pageResponse(request, { status: 200, body: { reset: true } });
      }
      if (path === journalPath) {
        if (method === "DELETE") {
          journal.clear();
          return pageResponse(request, { status: 200, body: { requests: [] } });
        }
        return pageResponse(request, { status: 200, body: { requests: journal.list() } });
      }
      const page = behaviour.pages.find((candidate) => candidate.path === path && candidate.method.toUpperCase() === method);
      if (page === undefined) return errorResponse(request, { kind: "routeNotFound", message: `no page at ${path}` }, undefined);
      const answer = page.handle(baseContext);
      return "error" in answer ? errorResponse(request, answer.error, undefined) : pageResponse(request, answer);
    }

    const inBase = basePath === "" || path === basePath || path.startsWith(`${basePath}/`);
    const routed = inBase ? spec.route(method === "OPTIONS" ? "__none__" : method, path.slice(basePath.length) || "/") : undefined;
    if (routed === undefined) {
      const known = spec.operations.map((operation) => `${operation.method} ${basePath}${operation.pathTemplate}`).join(", ");
      return errorResponse(request, { kind: "routeNotFound", message: `no ${provider.name} route at ${path}. Routes: ${known}` }, undefined);
    }
    if (!("operation" in routed)) {
      const pathOperation = spec.operations.find((operation) => routed.allowedMethods.includes(operation.method) && operation.match(path.slice(basePath.length)));
      // The route's template, not the path: a path parameter (a Connect token) stays out of the log, the journal and the message.
      const routePath = pathOperation === undefined ? path : `${basePath}${pathOperation.pathTemplate}`;
      const answer =
        method === "OPTIONS"
          ? preflight(request, routed.allowedMethods)
          : errorResponse(
              request,
              {
                kind: "methodNotAllowed",
                message: `${method} is not allowed on ${routePath}: use ${routed.allowedMethods.join(", ")}`,
                headers: { allow: routed.allowedMethods.join(", ") },
              },
              pathOperation,
            );
      answer.logPath = redactedPath(request.url, routePath);
      return answer;
    }

    const { operation, pathParams } = routed;
    const preferred = readPreferences(request.headers.prefer, url.searchParams);
    const preferences = preferred.ok ? preferred.preferences : {};
    const logPath = redactedPath(request.url, `${basePath}${operation.pathTemplate}`);
    /** Log path and operation for the log line and the journal; `finish` also carries out `Prefer` directives. */
    const tag = (response: MockResponse): MockResponse => {
      response.logPath = logPath;
      response.operationId = operation.operationId;
      return response;
    };
    const finish = (response: MockResponse): MockResponse => withDirectives(tag(response), preferences);

    if (request.bodyTooLarge) {
      return finish(errorResponse(request, { kind: "bodyTooLarge", message: `body is larger than ${maxBodyBytes / 1024 / 1024} MiB (${maxBodyBytes} bytes)` }, operation));
    }
    if (operation.security.length > 0) {
      const authorization = isAuthorized(request);
      if (authorization === "missing") {
        return finish(errorResponse(request, { kind: "missingCredentials", message: 'send your credential in the Authorization header as "Bearer <credential>"' }, operation));
      }
      if (authorization === "invalid") {
        return finish(errorResponse(request, { kind: "invalidCredentials", message: 'the Authorization header does not hold an accepted "Bearer <credential>"' }, operation));
      }
      if (authorization === "expired") {
        return finish(errorResponse(request, { kind: "invalidCredentials", message: "the bearer token has expired: get a new one" }, operation));
      }
    }
    if (!preferred.ok) return tag(errorResponse(request, { kind: "preferenceInvalid", message: preferred.problem }, operation));
    if (replayer !== undefined && !selectsAnswer(preferences)) {
      const replayed = replayer.answer(request, url, path.slice(basePath.length) || "/");
      if (replayed !== undefined) {
        if (replayed.problems !== undefined && replayed.problems.length > 0) options.onDrift?.({ operationId: operation.operationId, status: replayed.status, problems: replayed.problems });
        replayed.headers = Object.assign({}, corsHeaders(request), replayed.headers);
        return finish(replayed);
      }
    }

    const problems = checkParameters(operation, pathParams, url.searchParams, request.headers);
    if (problems.length > 0) return finish(errorResponse(request, { kind: "invalidRequest", message: problems.join("; "), problems }, operation));
    const checkedBody = checkBody(operation, request);
    if (!checkedBody.ok) return finish(errorResponse(request, checkedBody.error, operation));

    // Object.assign, not `{ ...baseContext, operation, ... }`: that spread cost 5 µs per request on Node 20.
    const context: OperationContext<State> = Object.assign({}, baseContext, {
      operation,
      pathParams,
      query: url.searchParams,
      body: checkedBody.body,
      example: (status: number | string, name?: string) => {
        const media = declaredResponse(operation, Number(status))?.content.values().next().value;
        if (media === undefined) return undefined;
        return name === undefined ? media.examples.values().next().value : media.examples.get(name);
      },
    });

    if (selectsAnswer(preferences)) {
      const picked = picker.pick(operation, preferences, request.headers.accept);
      if ("error" in picked) return tag(errorResponse(request, picked.error, operation));
      return finish(operationAnswer(request, context, picked));
    }
    const handler = behaviour.handlers[operation.operationId];
    const answer = handler ? handler(context) : picker.pick(operation, {}, request.headers.accept);
    return finish(operationAnswer(request, context, answer));
  };

  return {
    provider: provider.name,
    spec,
    basePath,
    rootPaths: [...pageMethods.keys()],
    clock,
    handle(request) {
      try {
        return handleLogged(request);
      } catch (error) {
        // A bug in the mock, never the client's fault: say so plainly, without a stack trace.
        const reason = error instanceof Error ? error.message : String(error);
        return {
          status: 500,
          headers: { ...corsHeaders(request), "content-type": "application/json" },
          body: JSON.stringify({ mock_error: "internal", message: `The ${provider.name} mock failed: ${reason}` }),
        };
      }
    },
    reset() {
      state = provider.createState();
    },
    requests: () => journal.list(),
    clearRequests: () => journal.clear(),
    journal,
    errorAnswer(request, rule, message) {
      const headers = Object.assign({}, corsHeaders(request), { "content-type": "application/json" });
      // A kind only picks a rule from the table; the rule is given here, so errorBody reads rule and message only.
      return { status: rule.status, headers, body: JSON.stringify(provider.errorBody(rule, { kind: "invalidRequest", message })), problems: [message] };
    },
    upstreamUnreachable(request, message) {
      return this.errorAnswer(request, provider.upstreamUnreachable, message);
    },
    refusal(status, message) {
      return this.errorAnswer(unreadRequest, Object.assign({}, provider.errors.invalidRequest, { status }), message);
    },
  };
}
