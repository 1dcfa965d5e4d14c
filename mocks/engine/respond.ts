import { judgeAnswer } from "../../openapi/conformance.js";
import { acceptedMediaType } from "../../openapi/media-type.js";
import { declaredResponse, type CompiledOperation } from "../../openapi/spec-index.js";
import { describeViolation } from "../../openapi/violation.js";
import { corsHeaders } from "./cors.js";
import type { HandlerAnswer, MockError, PageAnswer, ProviderDefinition } from "./definition.js";
import type { MockRequest, MockResponse } from "./messages.js";

/** What the engine reports when an answer breaks the spec: the operation, the status, each problem as a line. */
export interface ViolationReport {
  operationId: string;
  status: number;
  problems: string[];
}

export interface ResponderOptions {
  /** Check every answer against the spec before it leaves. */
  validateResponses: boolean;
  onViolation: ((report: ViolationReport) => void) | undefined;
}

/** Turns what the stages decided (an error, a handler's answer, a page) into a `MockResponse` in the provider's format. */
export interface Responder {
  /** An error in the provider's own format; no body when the operation declares that status without one. */
  error(request: MockRequest, error: MockError, operation: CompiledOperation | undefined): MockResponse;
  /** A handler's or a picked example's answer, checked against the spec (a broken one answers 500). */
  answer(request: MockRequest, operation: CompiledOperation, answer: HandlerAnswer): MockResponse;
  /** A page or another mock-only route: plain HTTP, not checked against the spec. */
  page(request: MockRequest, answer: PageAnswer): MockResponse;
}

export function createResponder<State>(provider: ProviderDefinition<State>, options: ResponderOptions): Responder {
  /** The 500 that names how the mock's own answer broke the spec, so a bad example or handler is never served silently. */
  const violationResponse = (request: MockRequest, report: ViolationReport): MockResponse => {
    options.onViolation?.(report);
    const message = `Mock answer drifted from the ${provider.name} spec: ${report.operationId} ${report.status}: ${report.problems.join("; ")}`;
    return {
      status: 500,
      headers: { ...corsHeaders(request), "content-type": "application/json", "x-mock-drift": "true" },
      body: JSON.stringify({ mock_error: "response_drift", operation: report.operationId, status: report.status, problems: report.problems, message }),
    };
  };

  /** The answer's problems by the one judge, or undefined when it conforms (or checking is off). */
  const brokenAnswer = (operation: CompiledOperation, status: number, mediaType: string | undefined, body: unknown): ViolationReport | undefined => {
    if (!options.validateResponses) return undefined;
    const judgements = judgeAnswer(operation, { status, contentType: mediaType ?? "application/json", body: { value: body } });
    return judgements.length === 0 ? undefined : { operationId: operation.operationId, status, problems: judgements.map(describeViolation) };
  };

  /**
   * A spec example's verdict and JSON text, worked out on its first answer: the example and the spec do not
   * change while the mock runs. Kept by the example object, per operation, status and media type.
   */
  const judgedExamples = new WeakMap<object, Map<string, { broken: ViolationReport | undefined; text: string }>>();
  const judgedExample = (operation: CompiledOperation, status: number, mediaType: string | undefined, body: unknown) => {
    if (typeof body !== "object" || body === null) return undefined;
    const key = `${operation.operationId} ${status} ${mediaType ?? ""}`;
    let byAnswer = judgedExamples.get(body);
    let judged = byAnswer?.get(key);
    if (judged === undefined) {
      judged = { broken: brokenAnswer(operation, status, mediaType, body), text: JSON.stringify(body) };
      byAnswer ??= new Map();
      byAnswer.set(key, judged);
      judgedExamples.set(body, byAnswer);
    }
    // Each answer gets its own copy of the report (the caller may add to it); onViolation still hears of every one.
    return judged.broken === undefined ? judged : { broken: { ...judged.broken, problems: [...judged.broken.problems] }, text: judged.text };
  };

  return {
    error(request, error, operation) {
      const format = (operation && provider.operationErrorFormats?.[operation.operationId]) || provider;
      const rule = format.errors[error.kind];
      const code = error.code !== undefined ? error.code : rule.code;
      const headers: Record<string, string> = Object.assign({}, corsHeaders(request), error.headers);
      const problems = error.problems ?? [error.message];
      const declared = operation ? declaredResponse(operation, rule.status) : undefined;
      if (declared !== undefined && declared.media.length === 0) return { status: rule.status, headers, problems };
      const body = format.errorBody({ ...rule, code }, error);
      const mediaType = declared ? acceptedMediaType(declared.media, request.headers.accept)?.mediaType : undefined;
      headers["content-type"] = mediaType ?? "application/json";
      if (operation && declared) {
        const broken = brokenAnswer(operation, rule.status, mediaType, body);
        if (broken !== undefined) return violationResponse(request, broken);
      }
      return { status: rule.status, headers, body: JSON.stringify(body), problems };
    },

    answer(request, operation, answer) {
      if ("error" in answer) return this.error(request, answer.error, operation);
      const declared = declaredResponse(operation, answer.status);
      const mediaType = declared ? acceptedMediaType(declared.media, request.headers.accept)?.mediaType : undefined;
      const judged = answer.example !== undefined ? judgedExample(operation, answer.status, mediaType, answer.body) : undefined;
      const broken = judged !== undefined ? judged.broken : brokenAnswer(operation, answer.status, mediaType, answer.body);
      if (broken !== undefined) return violationResponse(request, broken);
      // Object.assign, not spread: on Node 20 (V8 11) a spread followed by more properties takes a slow
      // path, about 1 µs per property added (see docs/performance.md).
      const headers: Record<string, string> = Object.assign({}, corsHeaders(request), answer.headers);
      if (answer.body === undefined) return { status: answer.status, headers };
      headers["content-type"] = mediaType ?? "application/json";
      return { status: answer.status, headers, body: judged !== undefined ? judged.text : JSON.stringify(answer.body) };
    },

    page(request, answer) {
      const headers: Record<string, string> = Object.assign({}, corsHeaders(request), answer.headers);
      if (answer.body !== undefined && headers["content-type"] === undefined) {
        headers["content-type"] = typeof answer.body === "string" ? "text/html; charset=utf-8" : "application/json";
      }
      const body = answer.body === undefined ? undefined : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      return { status: answer.status, headers, body };
    },
  };
}
