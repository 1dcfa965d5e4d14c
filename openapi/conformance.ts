import { isJsonMediaType, matchingMediaType } from "./media-type.js";
import { jsonText, preview, shorten } from "./preview.js";
import { declaredResponse, describeStatuses, type CompiledMediaType, type CompiledOperation } from "./spec-index.js";
import type { Violation } from "./violation.js";

/**
 * The one conformance judge: does an answer fit what its operation declares for its status? The mock
 * calls it on its own answers, the proxy and replay on real ones, the contract suite's checks on a
 * target's; all of them give the same answer the same verdict. Pure, and nothing is compiled here.
 */

/** The three things judged, by the names the suite's checks report them under. */
export type ConformanceAspect = "status_code_conformance" | "content_type_conformance" | "response_schema_conformance";

export type Judgement = Violation & { aspect: ConformanceAspect };

/** An answer to judge: its status, its Content-Type, and its body as sent (text) or as about to be sent (a value). */
export interface JudgedAnswer {
  status: number;
  contentType: string | undefined;
  /** Undefined or empty text: no body. A `value` is what the mock is about to serialise as JSON. */
  body: { text: string } | { value: unknown } | undefined;
}

export interface JudgeOptions {
  /** Applied to every quoted body text or value before it is shortened (the suite masks secrets with it). */
  mask?: (text: string) => string;
}

/** How much of a body or a value a judgement quotes. */
const quoteLimit = 160;

function hasBody(body: JudgedAnswer["body"]): body is { text: string } | { value: unknown } {
  if (body === undefined) return false;
  return "value" in body ? body.value !== undefined : body.text !== "";
}

/**
 * The media type to validate the body by: the declared one the Content-Type stands for, else (the
 * Content-Type is judged on its own) the first declared JSON one, so a JSON body is still checked.
 */
function mediaToValidate(declared: readonly CompiledMediaType[], contentType: string | undefined): CompiledMediaType | undefined {
  return matchingMediaType(declared, contentType) ?? declared.find((media) => isJsonMediaType(media.mediaType));
}

/**
 * Every way `answer` breaks its operation: an undeclared status (nothing else is judged then); a body
 * missing where one is declared; a Content-Type that is none of the declared media types; a body that
 * is not JSON where JSON is declared, or that breaks the schema. A body where the status declares none
 * is not judged: the spec is silent about it (Kinde answers its bodiless 403 with a JSON error).
 */
export function judgeAnswer(operation: CompiledOperation, answer: JudgedAnswer, options: JudgeOptions = {}): Judgement[] {
  const mask = options.mask ?? ((text: string) => text);
  const declared = declaredResponse(operation, answer.status);
  if (declared === undefined) {
    return [{ aspect: "status_code_conformance", path: "status", expected: `must be one of the declared statuses ${describeStatuses(operation)}`, got: String(answer.status) }];
  }
  if (declared.media.length === 0) return [];
  const judgements: Judgement[] = [];
  if (matchingMediaType(declared.media, answer.contentType) === undefined) {
    const got = answer.contentType === undefined ? "no Content-Type header" : JSON.stringify(answer.contentType);
    judgements.push({ aspect: "content_type_conformance", path: "header content-type", expected: `must be ${[...declared.content.keys()].join(" or ")}`, got });
  }
  const media = mediaToValidate(declared.media, answer.contentType);
  if (media === undefined) return judgements;
  const bodyExpected = `must be a ${isJsonMediaType(media.mediaType) ? "JSON " : ""}body for ${answer.status} (${media.mediaType})`;
  if (!hasBody(answer.body)) return [...judgements, { aspect: "response_schema_conformance", path: "$", expected: bodyExpected, got: "an empty body" }];
  let value: unknown;
  if ("value" in answer.body) value = answer.body.value;
  else if (!isJsonMediaType(media.mediaType)) value = answer.body.text;
  else {
    try {
      value = JSON.parse(answer.body.text);
    } catch {
      return [...judgements, { aspect: "response_schema_conformance", path: "$", expected: bodyExpected, got: `not JSON: ${shorten(mask(answer.body.text), quoteLimit)}` }];
    }
  }
  for (const issue of media.validate(value)) {
    const got = issue.got === undefined ? preview(undefined) : shorten(mask(jsonText(issue.got)), quoteLimit);
    judgements.push({ aspect: "response_schema_conformance", path: issue.path, expected: issue.expected, got });
  }
  return judgements;
}
