import { judgeAnswer } from "./conformance.js";
import { credentialValues, redactedPath, scrubSecrets } from "./redact.js";
import { checkBody, checkParameters, type CheckedRequest } from "./request-checks.js";
import { apiPath, type CompiledOperation, type SpecIndex } from "./spec-index.js";
import { describeViolation, type Violation } from "./violation.js";

/**
 * Checks one real call (a request and the answer it got, proxied or replayed) against the spec, with the
 * validators the engine compiled at start: nothing is compiled here. The answer is judged by the one
 * conformance judge the contract suite's checks use. Pure: plain data in, plain data out.
 */

/** A request as it was sent. */
export interface CallRequest extends CheckedRequest {
  method: string;
  /** Absolute URL, query included. */
  url: string;
}

/** The answer a call got. */
export interface CallAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The body as text (decoded from any content encoding); undefined when there was none. */
  body: string | undefined;
}

/** A violation of one call: in its request or its answer, and of which operation (null when it matches none). */
export interface CallViolation extends Violation {
  operationId: string | null;
  where: "request" | "response";
  /** The answer's status, for a violation of the answer. */
  status?: number;
}

export interface CheckedCall {
  operation: CompiledOperation | undefined;
  /** The path for a log line and the journal: the route's template when known, credential-like query values masked. */
  logPath: string;
  violations: CallViolation[];
}

export interface RoutedRequest {
  operation: CompiledOperation;
  pathParams: Record<string, string>;
}

/** The operation `method path` reaches under the spec's base path, if any. */
export function routeRequest(spec: SpecIndex, method: string, pathname: string): RoutedRequest | undefined {
  const path = apiPath(spec, pathname);
  const routed = path === undefined ? undefined : spec.route(method.toUpperCase(), path);
  return routed !== undefined && "operation" in routed ? routed : undefined;
}

/**
 * The template of the route `pathname` reaches by any method (`/v1/connect/integration-by-token/{token}`), or
 * undefined outside the spec: what a log line, the journal or a message shows, so no path parameter does.
 */
export function routeTemplate(spec: SpecIndex, pathname: string): string | undefined {
  const path = apiPath(spec, pathname);
  if (path === undefined) return undefined;
  const operation = spec.operations.find((candidate) => candidate.match(path) !== undefined);
  return operation === undefined ? undefined : `${spec.basePath}${operation.pathTemplate}`;
}

/** Every way the request breaks its operation: credential, path, query and header parameters, content type, body. */
function checkRequest(routed: RoutedRequest, request: CheckedRequest, url: URL): Violation[] {
  const violations: Violation[] = [];
  const security = routed.operation.security;
  if (security.length > 0 && (request.headers.authorization ?? "").trim() === "") {
    const schemes = security.flatMap((requirement) => Object.keys(requirement)).join(" or ");
    violations.push({ path: "header.authorization", expected: `is required by the operation's security (${schemes})`, got: "nothing" });
  }
  violations.push(...checkParameters(routed.operation, routed.pathParams, url.searchParams, request.headers));
  const body = checkBody(routed.operation, request);
  if (!body.ok) violations.push(...body.error.violations);
  return violations;
}

/**
 * The request against its operation and the answer against the declared status and media type.
 * A request outside the spec is one violation; its answer is then not checked (there is nothing to check it by).
 */
export function checkCall(spec: SpecIndex, request: CallRequest, answer: CallAnswer): CheckedCall {
  const url = new URL(request.url);
  const routed = routeRequest(spec, request.method, url.pathname);
  if (routed === undefined) {
    const template = routeTemplate(spec, url.pathname);
    return {
      operation: undefined,
      logPath: redactedPath(request.url, template),
      violations: [{ operationId: null, where: "request", path: `${request.method.toUpperCase()} ${template ?? url.pathname}`, expected: `is not an operation of the ${spec.title} spec` }],
    };
  }
  const operationId = routed.operation.operationId;
  const judged = judgeAnswer(routed.operation, { status: answer.status, contentType: answer.headers["content-type"], body: answer.body === undefined ? undefined : { text: answer.body } });
  const violations: CallViolation[] = [
    ...checkRequest(routed, request, url).map((violation) => ({ ...violation, operationId, where: "request" as const })),
    ...judged.map(({ aspect: _aspect, ...violation }) => ({ ...violation, operationId, where: "response" as const, status: answer.status })),
  ];
  if (violations.length > 0) {
    // A violation quotes what it got: never a credential (an access_token of the wrong type, say).
    const secrets = credentialValues([
      { headers: request.headers, query: url.search.slice(1), body: request.body, contentType: request.headers["content-type"] },
      { body: answer.body, contentType: answer.headers["content-type"] },
    ]);
    for (const violation of violations) {
      violation.expected = scrubSecrets(violation.expected, secrets);
      if (violation.got !== undefined) violation.got = scrubSecrets(violation.got, secrets);
    }
  }
  return { operation: routed.operation, logPath: redactedPath(request.url, `${spec.basePath}${routed.operation.pathTemplate}`), violations };
}

/** `PostConnectCreateLink response: 200 $.data.link must be a valid uri (got "not a uri")`: one log line per violation. */
export function describeCallViolation(violation: CallViolation): string {
  const status = violation.status === undefined ? "" : `${violation.status} `;
  return `${violation.operationId ?? "(no operation)"} ${violation.where}: ${status}${describeViolation(violation)}`;
}

/** The header every proxied or replayed answer carries. */
export const violationsHeader = "x-contract-violations";
