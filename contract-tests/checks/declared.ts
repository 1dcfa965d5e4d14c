import { redactJsonProperties } from "../../openapi/redact.js";
import { jsonText, shorten } from "../../openapi/preview.js";
import { masks } from "../../openapi/secrets.js";
import { declaredResponse } from "../../openapi/spec-index.js";
import type { Violation } from "../../openapi/violation.js";
import type { CheckInput } from "../model/check.js";
import type { ContractResponse } from "../model/http.js";

/** How much of a value or a body a report line quotes. */
const quoteLimit = 160;

/** A value as JSON for one report line, secrets masked before it is shortened. */
export function show(value: unknown): string {
  return shorten(redactJsonProperties(jsonText(value), masks.report), quoteLimit);
}

export function bodyExcerpt(response: ContractResponse): string {
  if (response.bodyText === "") return `${response.status} with an empty body`;
  return `${response.status} ${shorten(redactJsonProperties(response.bodyText, masks.report), quoteLimit)}`;
}

/** The provider's error body, when the answer has (or the spec declares) one. */
export function errorFormatFindings(input: CheckInput): Violation[] {
  const { response, provider, operation } = input;
  const declared = declaredResponse(operation, response.status);
  const bodyDeclared = declared !== undefined && declared.content.size > 0;
  if (response.bodyText === "" && !bodyDeclared) return [];
  const format = provider.errorFormatOf(operation);
  if (response.json === undefined) {
    return [{ path: "$", expected: `the ${provider.id} error body (${format.schemaRef})`, got: bodyExcerpt(response) }];
  }
  return format.validate(response.json).map((issue) => ({
    path: issue.path,
    expected: `${issue.expected} (${provider.id} error body ${format.schemaRef})`,
    got: show(issue.got),
  }));
}
