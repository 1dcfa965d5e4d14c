import { declaredResponse, describeStatuses } from "../../openapi/spec-index.js";
import { bodyExcerpt, errorFormatFindings, show } from "./declared.js";
import type { Violation } from "../../openapi/violation.js";
import type { CheckDefinition, CheckInput } from "../model/check.js";

/** The error code the spec declares for this refusal (an OAuth `error`), when the case names one. */
function errorCodeFindings(input: CheckInput): Violation[] {
  const refusal = input.expectation.refusal;
  if (refusal === undefined) return [];
  const body = input.response.json;
  const code = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[refusal.errorProperty] : undefined;
  if (typeof code === "string" && refusal.errorCodes.includes(code)) return [];
  return [{ path: `$.${refusal.errorProperty}`, expected: refusal.errorCodes.map((entry) => JSON.stringify(entry)).join(" or "), got: show(code) }];
}

function rejectionFindings(input: CheckInput, defaultStatuses: readonly number[] | undefined, why: string): Violation[] {
  const { response, operation } = input;
  const refusal = input.expectation.refusal;
  const allowedStatuses = refusal?.statuses ?? defaultStatuses;
  const status = response.status;
  const errorCodes = refusal ? ` with ${refusal.errorProperty} ${refusal.errorCodes.map((code) => JSON.stringify(code)).join(" or ")}` : "";
  const wanted = allowedStatuses
    ? `${allowedStatuses.join(" or ")}${errorCodes} (${why})`
    : `a declared 4xx of ${describeStatuses(operation)} (${why})`;
  if (status < 400 || status >= 500) return [{ path: "status", expected: wanted, got: bodyExcerpt(response) }];
  if (allowedStatuses && !allowedStatuses.includes(status)) return [{ path: "status", expected: wanted, got: bodyExcerpt(response) }];
  if (!declaredResponse(operation, status)) return [{ path: "status", expected: wanted, got: `${status}, which the operation does not declare` }];
  const format = errorFormatFindings(input);
  return format.length > 0 ? format : errorCodeFindings(input);
}

export const negativeDataRejection: CheckDefinition = {
  meaning: "A request that breaks one constraint of the spec gets a declared 4xx in the provider's error format: not a 2xx, not a 5xx.",
  run: (input) => rejectionFindings(input, undefined, `the request breaks: ${input.expectation.violation ?? "a constraint"}`),
};

export const undeclaredInputHandling: CheckDefinition = {
  meaning:
    "A request the spec does not declare but does not forbid either (a JSON body as text/plain, an unknown query parameter or body field) is rejected with a declared 4xx in the provider's error format, or accepted: accepting it is a lenient warning, not a failure (a failure with --strict).",
  run: (input) => {
    const { response } = input;
    if (response.status >= 200 && response.status < 300) {
      return [
        {
          path: "status",
          expected: "a declared 4xx in the provider's error format, or acceptance (lenient)",
          got: bodyExcerpt(response),
          lenient: "accepted; the spec does not declare this input, but does not forbid it",
        },
      ];
    }
    return rejectionFindings(input, undefined, `the request has ${input.expectation.violation ?? "something undeclared"}`);
  },
};

function authFindings(input: CheckInput, how: string): Violation[] {
  const declaredAuthStatuses = input.provider.authFailureStatuses.filter((status) => declaredResponse(input.operation, status));
  return rejectionFindings(input, declaredAuthStatuses.length > 0 ? declaredAuthStatuses : input.provider.authFailureStatuses, how);
}

export const missingAuth: CheckDefinition = {
  meaning:
    "A request without a credential is refused with the provider's auth-failure status (Kombo 401, Kinde 403) in its error format; a token request without its client secret, with the status and RFC 6749 error the spec declares (Kinde 400 invalid_request or 401 invalid_client).",
  run: (input) => authFindings(input, input.expectation.violation ?? "no credential was sent"),
};

export const ignoredAuth: CheckDefinition = {
  meaning:
    "A request with a wrong credential is refused like one without: the server must not ignore what it was given (a token request with a wrong client secret: 401 invalid_client, as the spec declares).",
  run: (input) => authFindings(input, input.expectation.violation ?? "the credential is wrong"),
};
