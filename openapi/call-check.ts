import { checkAnswer, declaredResponse } from "../mocks/engine/answers.js";
import { mediaTypeEssence, type MockRequest } from "../mocks/engine/messages.js";
import { scrubSecrets, secretValues } from "./redact.js";
import { redactedPath } from "./secrets.js";
import { checkBody, checkParameters } from "./request-checks.js";
import type { CompiledOperation, SpecIndex } from "./spec-index.js";

/**
 * Checks one real request/answer pair (proxied or replayed) against the spec, with the validators the
 * engine compiled at start: nothing is compiled here. Pure: plain data in, plain data out.
 */

/** One way an exchange breaks the spec. */
export interface ContractViolation {
  /** The spec operation, or null when the request matches none. */
  operationId: string | null;
  where: "request" | "response";
  /** What broke, expected vs. got, e.g. `$.data.link must be a valid uri (got "not a uri")`. */
  problem: string;
}

export interface ExchangeAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The body as text (decoded from any content encoding); undefined when there was none. */
  body: string | undefined;
}

export interface CheckedExchange {
  operation: CompiledOperation | undefined;
  /** The path for a log line and the journal: the route's template when known, credential-like query values masked. */
  logPath: string;
  violations: ContractViolation[];
}

export interface RoutedRequest {
  operation: CompiledOperation;
  pathParams: Record<string, string>;
}

/** The operation `method path` reaches under the spec's base path, if any. */
export function routeRequest(spec: SpecIndex, method: string, pathname: string): RoutedRequest | undefined {
  const basePath = spec.basePath;
  if (basePath !== "" && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  const routed = spec.route(method.toUpperCase(), pathname.slice(basePath.length) || "/");
  return routed !== undefined && "operation" in routed ? routed : undefined;
}

/**
 * The template of the route `pathname` reaches by any method (`/v1/connect/integration-by-token/{token}`), or
 * undefined outside the spec: what a log line, the journal or a message shows, so no path parameter does.
 */
export function routeTemplate(spec: SpecIndex, pathname: string): string | undefined {
  const basePath = spec.basePath;
  if (basePath !== "" && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  const apiPath = pathname.slice(basePath.length) || "/";
  const operation = spec.operations.find((candidate) => candidate.match(apiPath) !== undefined);
  return operation === undefined ? undefined : `${basePath}${operation.pathTemplate}`;
}

/** Every way the request breaks its operation: credential, path, query and header parameters, content type, body. */
export function checkRequest(routed: RoutedRequest, request: MockRequest, url: URL): string[] {
  const problems: string[] = [];
  const security = routed.operation.security;
  if (security.length > 0 && (request.headers.authorization ?? "").trim() === "") {
    problems.push(`header.authorization is required by the operation's security (${security.flatMap((requirement) => Object.keys(requirement)).join(" or ")}) (got nothing)`);
  }
  problems.push(...checkParameters(routed.operation, routed.pathParams, url.searchParams, request.headers));
  const body = checkBody(routed.operation, request);
  if (!body.ok) problems.push(...(body.error.problems ?? [body.error.message]));
  return problems;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return mediaTypeEssence(contentType) || undefined;
}

/** Every way the answer breaks the declared status and media type of `operation`. */
export function checkResponse(operation: CompiledOperation, answer: ExchangeAnswer): string[] {
  const declared = declaredResponse(operation, answer.status);
  const hasBody = answer.body !== undefined && answer.body !== "";
  if (declared === undefined || declared.content.size === 0 || !hasBody) {
    return checkAnswer(operation, answer.status, undefined, hasBody ? answer.body : undefined);
  }
  const contentType = answer.headers["content-type"]?.toLowerCase().replace(/\s+/g, "");
  const mediaType = mediaTypeOf(contentType);
  const declaredTypes = [...declared.content.keys()];
  const media =
    declaredTypes.find((candidate) => candidate.toLowerCase().replace(/\s+/g, "") === contentType) ??
    declaredTypes.find((candidate) => mediaTypeOf(candidate.toLowerCase()) === mediaType);
  if (media === undefined) {
    return [`content-type must be ${declaredTypes.join(" or ")} for status ${answer.status} (got ${mediaType ?? "none"})`];
  }
  if (!/[/+]json$/.test(mediaTypeOf(media.toLowerCase()) ?? "")) return checkAnswer(operation, answer.status, media, answer.body);
  let body: unknown;
  try {
    body = JSON.parse(answer.body as string);
  } catch {
    return [`body must be valid JSON for ${media} (got ${JSON.stringify((answer.body as string).slice(0, 60))})`];
  }
  return checkAnswer(operation, answer.status, media, body);
}

/**
 * The request against its operation and the answer against the declared status and media type.
 * A request outside the spec is one violation; its answer is then not checked (there is nothing to check it by).
 */
export function checkExchange(spec: SpecIndex, request: MockRequest, answer: ExchangeAnswer): CheckedExchange {
  const url = new URL(request.url);
  const routed = routeRequest(spec, request.method, url.pathname);
  if (routed === undefined) {
    const template = routeTemplate(spec, url.pathname);
    return {
      operation: undefined,
      logPath: redactedPath(request.url, template),
      violations: [{ operationId: null, where: "request", problem: `${request.method.toUpperCase()} ${template ?? url.pathname} is not an operation of the ${spec.title} spec` }],
    };
  }
  const operationId = routed.operation.operationId;
  const violations: ContractViolation[] = [
    ...checkRequest(routed, request, url).map((problem) => ({ operationId, where: "request" as const, problem })),
    ...checkResponse(routed.operation, answer).map((problem) => ({ operationId, where: "response" as const, problem: `${answer.status} ${problem}` })),
  ];
  if (violations.length > 0) {
    // A violation quotes what it got: never a credential (an access_token of the wrong type, say).
    const secrets = secretValues([
      { headers: request.headers, query: url.search.slice(1), body: request.body, contentType: request.headers["content-type"] },
      { body: answer.body, contentType: answer.headers["content-type"] },
    ]);
    for (const violation of violations) violation.problem = scrubSecrets(violation.problem, secrets);
  }
  return { operation: routed.operation, logPath: redactedPath(request.url, `${spec.basePath}${routed.operation.pathTemplate}`), violations };
}

/** `PostConnectCreateLink response: 200 $.data.link must be a valid uri (got "not a uri")`: one log line per violation. */
export function describeViolation(violation: ContractViolation): string {
  return `${violation.operationId ?? "(no operation)"} ${violation.where}: ${violation.problem}`;
}

/** The header every proxied or replayed answer carries. */
export const violationsHeader = "x-contract-violations";
