import { judgeAnswer, type ConformanceAspect, type Judgement } from "../../openapi/conformance.js";
import { redactJsonProperties } from "../../openapi/redact.js";
import { masks } from "../../openapi/secrets.js";
import type { Violation } from "../../openapi/violation.js";
import type { CheckDefinition, CheckInput } from "../model/check.js";
import type { ContractResponse } from "../model/http.js";
import { bodyExcerpt } from "./declared.js";

/** The judge's verdict on one answer, reached once however many of its checks run. */
const verdicts = new WeakMap<ContractResponse, Judgement[]>();

function judged({ operation, response }: CheckInput, aspect: ConformanceAspect): Violation[] {
  let verdict = verdicts.get(response);
  if (verdict === undefined) {
    const body = response.bodyText === "" ? undefined : { text: response.bodyText };
    verdict = judgeAnswer(operation, { status: response.status, contentType: response.headers["content-type"], body }, { mask: (text) => redactJsonProperties(text, masks.report) });
    verdicts.set(response, verdict);
  }
  return verdict.filter((judgement) => judgement.aspect === aspect).map(({ aspect: _aspect, ...violation }): Violation => violation);
}

export const notAServerError: CheckDefinition = {
  meaning: "No answer has a 5xx status.",
  run: ({ response }) =>
    response.status >= 500 ? [{ path: "status", expected: "a status below 500", got: bodyExcerpt(response) }] : [],
};

export const statusCodeConformance: CheckDefinition = {
  meaning: "The status is one the operation declares (or the operation declares `default`).",
  run: (input) => judged(input, "status_code_conformance"),
};

export const contentTypeConformance: CheckDefinition = {
  meaning: "When the declared answer has a body, Content-Type is one of its declared media types (parameters such as charset=utf-8 are fine).",
  run: (input) => judged(input, "content_type_conformance"),
};

export const responseSchemaConformance: CheckDefinition = {
  meaning: "The body validates against the declared schema for its status and media type (additive fields, null where nullable are fine).",
  run: (input) => judged(input, "response_schema_conformance"),
};
