import type { CompiledMediaType, CompiledOperation, CompiledResponse } from "../../openapi/spec-index.js";
import { redactSecrets } from "../reports/redact.js";
import { mediaTypeEssence } from "../../mocks/engine/messages.js";
import type { ContractResponse } from "../model/http.js";
import type { CheckFinding, CheckInput } from "../model/check.js";

/** The response the spec declares for `status`: exact, then a range like `4XX`, then `default`. */
export function declaredResponse(operation: CompiledOperation, status: number): CompiledResponse | undefined {
  return (
    operation.responses.get(String(status)) ??
    operation.responses.get(`${Math.floor(status / 100)}XX`) ??
    operation.responses.get("default")
  );
}

export function describeStatuses(operation: CompiledOperation): string {
  return [...operation.responses.keys()].join(", ");
}

/** The declared media type the response's Content-Type stands for (parameters such as charset aside). */
export function matchingMediaType(response: CompiledResponse, contentType: string | undefined): CompiledMediaType | undefined {
  const normalize = (value: string) => value.toLowerCase().replace(/\s+/g, "");
  const declared = [...response.content.values()];
  const exact = declared.find((media) => normalize(media.mediaType) === normalize(contentType ?? ""));
  return exact ?? declared.find((media) => mediaTypeEssence(media.mediaType) === mediaTypeEssence(contentType));
}

/** A value as JSON, shortened for one report line. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = redactSecrets(JSON.stringify(value) ?? String(value));
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

export function bodyExcerpt(response: ContractResponse): string {
  if (response.bodyText === "") return `${response.status} with an empty body`;
  const body = redactSecrets(response.bodyText);
  const text = body.length > 160 ? `${body.slice(0, 157)}...` : body;
  return `${response.status} ${text}`;
}

/** The provider's error body, when the answer has (or the spec declares) one. */
export function errorFormatFindings(input: CheckInput): CheckFinding[] {
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
