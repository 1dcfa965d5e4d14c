import { redactedPath } from "../../openapi/redact.js";
import { checkBody, checkParameters } from "../../openapi/request-checks.js";
import { apiPath, declaredResponse, type CompiledOperation, type SpecIndex } from "../../openapi/spec-index.js";
import { describeViolation } from "../../openapi/violation.js";
import { randomId } from "../data/random.js";
import type { AnswerCoverage } from "./answer-coverage.js";
import { exampleNameOf, withRelativeTimes, type AnswerPicker, type ChosenAnswer } from "./answers.js";
import { controlRoutes, type ControlRoute } from "./control-routes.js";
import { corsHeaders, preflight } from "./cors.js";
import type { Clock, HandlerContext, MockError, OperationContext, ProviderBehaviour, ProviderDefinition } from "./definition.js";
import type { RequestJournal } from "./journal.js";
import { maxBodyBytes, whenSettled, type MockAnswer, type MockRequest, type MockResponse } from "./messages.js";
import type { MockOverride, OverrideTable } from "./overrides.js";
import { readPreferences, selectsAnswer, type MockPreferences } from "./prefer.js";
import type { Responder, ViolationReport } from "./respond.js";
import type { WebhookOutbox } from "./webhook-outbox.js";

/**
 * The engine's pipeline: named stages, run in order; the first that answers ends the request.
 *
 *     mockRoutes       the `/__mock/` control routes (control-routes.ts, /__mock/webhooks among them when the spec declares
 *                      webhooks) and the provider's pages (at the server root)
 *     route            the operation under the spec's base path: 404, 405, or a CORS preflight
 *     bodyLimit        413 past `maxBodyBytes`
 *     authenticate     401/403 in the provider's format (a missing, wrong or expired bearer)
 *     preferences      `Prefer` (or `__code`...) that cannot be read
 *     override         an override made with `POST /__mock/overrides` chooses the answer, as `Prefer` would
 *     replay           a recorded answer, when one matches and `Prefer` selects none
 *     validateRequest  400: parameters, content type, body
 *     answer           `Prefer`'s choice, else the provider's handler, else the first success example
 *
 * The operation stages tag their answer with the route's log path and operationId (for the log line and
 * the journal) and carry out `Prefer: delay=`/`fault=` on it.
 */

/** Recorded answers to serve instead of the engine's (HAR replay). */
export interface Replayer {
  /** The recorded answer, or undefined when nothing recorded matches. `apiPath` is the path under the spec's base path. */
  answer(request: MockRequest, url: URL, apiPath: string): MockResponse | undefined;
}

export interface StageSettings<State> {
  provider: ProviderDefinition<State>;
  spec: SpecIndex;
  clock: Clock;
  respond: Responder;
  journal: RequestJournal;
  overrides: OverrideTable;
  coverage: AnswerCoverage;
  outbox: WebhookOutbox;
  picker: AnswerPicker;
  behaviour: ProviderBehaviour<State>;
  replayer: Replayer | undefined;
  onViolation: ((report: ViolationReport) => void) | undefined;
}

export interface Pipeline {
  run(request: MockRequest): MockAnswer;
  reset(): void;
  rootPaths: readonly string[];
  corsHeaders(request: MockRequest): Record<string, string>;
}

/** One request on its way through the operation stages. */
interface Call<State> {
  request: MockRequest;
  url: URL;
  context: HandlerContext<State>;
  operation: CompiledOperation;
  pathParams: Record<string, string>;
  apiPath: string;
  preferences: MockPreferences;
  preferenceProblem: string | undefined;
  /** Set by `validateRequest`: the parsed, validated body. */
  body: unknown;
  /** False when the answer must not carry out `Prefer` directives (the preferences themselves were the problem). */
  directives: boolean;
  /** Set by `override`: the override that chooses this request's answer. */
  override: MockOverride | undefined;
}

type Stage<State> = (call: Call<State>) => MockAnswer | undefined;

export function createStages<State>(settings: StageSettings<State>): Pipeline {
  const { provider, spec, clock, respond, picker, behaviour, replayer, journal, overrides, coverage, outbox } = settings;
  const emit = (type: string, data: Record<string, unknown>): void => void outbox.emit(type, data);
  const basePath = spec.basePath;
  let state = provider.createState();

  /** `POST /__mock/reset` and `engine.reset()`: the state, the overrides and the webhooks raised (not the journal or the coverage count). */
  const reset = (): void => {
    state = provider.createState();
    overrides.clear();
    outbox.clear();
  };
  const controls: readonly ControlRoute[] = controlRoutes({ reset, journal, overrides, coverage, outbox });
  const pageMethods = new Map<string, string[]>();
  for (const route of [...controls, ...behaviour.pages]) pageMethods.set(route.path, [...(pageMethods.get(route.path) ?? []), route.method.toUpperCase()]);
  const routeList = spec.operations.map((operation) => `${operation.method} ${basePath}${operation.pathTemplate}`).join(", ");

  const authorization = (request: MockRequest): "ok" | "missing" | "invalid" | "expired" | { issued: string } => {
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === "") return "missing";
    const match = /^\s*bearer\s+(\S.*?)\s*$/i.exec(header);
    if (!match) return "invalid";
    const credential = match[1] as string;
    const issued = provider.auth.issued?.(state, credential, clock.now()) ?? "unknown";
    if (issued !== "unknown") return issued === "valid" ? { issued: credential } : "expired";
    const accepted = provider.auth.acceptedCredentials;
    return accepted.length === 0 || accepted.includes(credential) ? "ok" : "invalid";
  };

  /** The control routes and the provider's pages: plain HTTP at the server root, not in the spec. */
  const mockRoutes = (request: MockRequest, method: string, context: HandlerContext<State>): MockResponse | undefined => {
    const path = context.url.pathname;
    const methods = pageMethods.get(path);
    if (methods === undefined) return undefined;
    if (method === "OPTIONS") return preflight(request, methods);
    if (!methods.includes(method)) {
      return respond.error(request, { kind: "methodNotAllowed", message: `${method} is not allowed on ${path}: use ${methods.join(", ")}`, headers: { allow: methods.join(", ") } }, undefined);
    }
    const control = controls.find((candidate) => candidate.path === path && candidate.method === method);
    if (control !== undefined) {
      const answer = control.handle(request, context.url);
      return "error" in answer ? respond.error(request, answer.error, undefined) : respond.page(request, answer);
    }
    const page = behaviour.pages.find((candidate) => candidate.path === path && candidate.method.toUpperCase() === method);
    if (page === undefined) return respond.error(request, { kind: "routeNotFound", message: `no page at ${path}` }, undefined);
    const answer = page.handle(context);
    return "error" in answer ? respond.error(request, answer.error, undefined) : respond.page(request, answer);
  };

  /** The operation the request reaches, or the 404, 405 or preflight answer when it reaches none. */
  const route = (request: MockRequest, method: string, url: URL): { operation: CompiledOperation; pathParams: Record<string, string>; apiPath: string } | MockResponse => {
    const path = url.pathname;
    const underBase = apiPath(spec, path);
    const routed = underBase === undefined ? undefined : spec.route(method === "OPTIONS" ? "__none__" : method, underBase);
    if (routed === undefined || underBase === undefined) {
      return respond.error(request, { kind: "routeNotFound", message: `no ${provider.name} route at ${path}. Routes: ${routeList}` }, undefined);
    }
    if ("operation" in routed) return { operation: routed.operation, pathParams: routed.pathParams, apiPath: underBase };
    const pathOperation = spec.operations.find((operation) => routed.allowedMethods.includes(operation.method) && operation.match(underBase));
    // The route's template, not the path: a path parameter (a Connect token) stays out of the log, the journal and the message.
    const routePath = pathOperation === undefined ? path : `${basePath}${pathOperation.pathTemplate}`;
    const answer =
      method === "OPTIONS"
        ? preflight(request, routed.allowedMethods)
        : respond.error(
            request,
            { kind: "methodNotAllowed", message: `${method} is not allowed on ${routePath}: use ${routed.allowedMethods.join(", ")}`, headers: { allow: routed.allowedMethods.join(", ") } },
            pathOperation,
          );
    answer.logPath = redactedPath(request.url, routePath);
    return answer;
  };

  const bodyLimit: Stage<State> = (call) =>
    call.request.bodyTooLarge
      ? respond.error(call.request, { kind: "bodyTooLarge", message: `body is larger than ${maxBodyBytes / 1024 / 1024} MiB (${maxBodyBytes} bytes)` }, call.operation)
      : undefined;

  const authenticate: Stage<State> = (call) => {
    if (call.operation.security.length === 0) return undefined;
    const verdict = authorization(call.request);
    if (verdict === "ok") return undefined;
    if (typeof verdict === "object") {
      const refused = provider.auth.issuedAccess?.(state, verdict.issued, call.operation, call.url.origin);
      if (refused === undefined) return undefined;
      return respond.error(call.request, { kind: "invalidCredentials", code: refused.code, message: refused.message, headers: refused.headers }, call.operation);
    }
    const message =
      verdict === "missing"
        ? 'send your credential in the Authorization header as "Bearer <credential>"'
        : verdict === "invalid"
          ? 'the Authorization header does not hold an accepted "Bearer <credential>"'
          : "the bearer token has expired: get a new one";
    return respond.error(call.request, { kind: verdict === "missing" ? "missingCredentials" : "invalidCredentials", message }, call.operation);
  };

  const preferences: Stage<State> = (call) => {
    if (call.preferenceProblem === undefined) return undefined;
    call.directives = false;
    return respond.error(call.request, { kind: "preferenceInvalid", message: call.preferenceProblem }, call.operation);
  };

  /** An override in force for the operation chooses the answer as `Prefer` does; it is used up in `answer`. */
  const override: Stage<State> = (call) => {
    const found = overrides.find(call.operation.operationId);
    if (found === undefined) return undefined;
    call.override = found;
    call.preferences = Object.assign({}, call.preferences);
    if (found.status !== undefined) call.preferences.code = found.status;
    if (found.example !== undefined) call.preferences.example = found.example;
    if (found.delay !== undefined) call.preferences.delayMs = found.delay;
    return undefined;
  };

  const replay: Stage<State> = (call) => {
    if (replayer === undefined || selectsAnswer(call.preferences)) return undefined;
    const replayed = replayer.answer(call.request, call.url, call.apiPath);
    if (replayed === undefined) return undefined;
    if (replayed.problems !== undefined && replayed.problems.length > 0) {
      settings.onViolation?.({ operationId: call.operation.operationId, status: replayed.status, problems: replayed.problems });
    }
    replayed.headers = Object.assign({}, corsHeaders(call.request), replayed.headers);
    return replayed;
  };

  const validateRequest: Stage<State> = (call) => {
    const violations = checkParameters(call.operation, call.pathParams, call.url.searchParams, call.request.headers);
    if (violations.length > 0) {
      const problems = violations.map(describeViolation);
      return respond.error(call.request, { kind: "invalidRequest", message: problems.join("; "), problems }, call.operation);
    }
    const checked = checkBody(call.operation, call.request);
    if (!checked.ok) return respond.error(call.request, checked.error, call.operation);
    call.body = checked.body;
    return undefined;
  };

  /** The answer, tagged with the name of the example it carries (for the journal and coverage). */
  const picked = (request: MockRequest, operation: CompiledOperation, chosen: ChosenAnswer | { error: MockError }): MockResponse => {
    if ("error" in chosen) return respond.error(request, chosen.error, operation);
    const lifetimes = provider.relativeTimes;
    const body = lifetimes === undefined || chosen.example === undefined ? chosen.body : withRelativeTimes(chosen.body, lifetimes, clock.now());
    const response = respond.answer(request, operation, body === chosen.body ? chosen : { status: chosen.status, body });
    if (chosen.example !== undefined && response.status === chosen.status) response.example = chosen.example;
    return response;
  };

  const answer: Stage<State> = (call) => {
    const { operation, request } = call;
    if (call.override !== undefined) {
      overrides.use(call.override);
      const body = call.override.body;
      if (body !== undefined) return respond.answer(request, operation, { status: call.override.status ?? 200, body });
    }
    if (selectsAnswer(call.preferences)) {
      const chosen = picker.pick(operation, call.preferences, request.headers.accept);
      if (chosen instanceof Promise) return chosen.then((settled) => picked(request, operation, settled));
      if ("error" in chosen) call.directives = false;
      return picked(request, operation, chosen);
    }
    const handler = behaviour.handlers[operation.operationId];
    if (handler === undefined) return whenSettled(picker.pick(operation, {}, request.headers.accept), (chosen) => picked(request, operation, chosen));
    // Object.assign, not `{ ...context, operation, ... }`: that spread cost 5 µs per request on Node 20.
    const context: OperationContext<State> = Object.assign({}, call.context, {
      operation,
      pathParams: call.pathParams,
      query: call.url.searchParams,
      body: call.body,
      example: (status: number | string, name?: string) => {
        const media = declaredResponse(operation, Number(status))?.media[0];
        if (media === undefined) return undefined;
        return name === undefined ? media.examples.values().next().value : media.examples.get(name);
      },
    });
    const handled = handler(context);
    const response = respond.answer(request, operation, handled);
    if ("body" in handled && response.status === handled.status) {
      const example = exampleNameOf(operation, handled.status, handled.body);
      if (example !== undefined) response.example = example;
    }
    return response;
  };

  const operationStages: readonly Stage<State>[] = [bodyLimit, authenticate, preferences, override, replay, validateRequest, answer];

  const run = (request: MockRequest): MockAnswer => {
    const method = request.method.toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return respond.error(request, { kind: "invalidRequest", message: `the request URL "${request.url.slice(0, 80)}" cannot be read` }, undefined);
    }
    const context: HandlerContext<State> = { state, spec, request, url, origin: url.origin, now: () => clock.now(), randomId, emit };
    const mockAnswer = mockRoutes(request, method, context);
    if (mockAnswer !== undefined) return mockAnswer;
    const routed = route(request, method, url);
    if (!("operation" in routed)) return routed;

    const preferred = readPreferences(request.headers.prefer, url.searchParams);
    const call: Call<State> = {
      request,
      url,
      context,
      operation: routed.operation,
      pathParams: routed.pathParams,
      apiPath: routed.apiPath,
      preferences: preferred.ok ? preferred.preferences : {},
      preferenceProblem: preferred.ok ? undefined : preferred.problem,
      body: undefined,
      directives: true,
      override: undefined,
    };
    let response: MockAnswer | undefined;
    for (const stage of operationStages) {
      response = stage(call);
      if (response !== undefined) break;
    }
    // `answer` always answers; the loop cannot end without one.
    return whenSettled(response as MockAnswer, (answered) => tagged(request, call, answered));
  };

  /** The route's log path and operationId on the answer, and `Prefer`'s delay or fault carried out. */
  const tagged = (request: MockRequest, call: Call<State>, answered: MockResponse): MockResponse => {
    answered.logPath = redactedPath(request.url, `${basePath}${call.operation.pathTemplate}`);
    answered.operationId = call.operation.operationId;
    if (call.directives) {
      if (call.preferences.delayMs !== undefined && call.preferences.delayMs > 0) answered.delayMs = call.preferences.delayMs;
      if (call.preferences.fault !== undefined) answered.fault = call.preferences.fault;
    }
    return answered;
  };

  return {
    run,
    reset,
    rootPaths: [...pageMethods.keys()],
    corsHeaders,
  };
}
