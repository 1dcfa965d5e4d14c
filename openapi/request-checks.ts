import { contentTypeParts, formMediaType } from "./media-type.js";
import { preview } from "./preview.js";
import { isLogSecretName, masks } from "./secrets.js";
import type { CompiledMediaType, CompiledOperation, CompiledParameter, CompiledRequestBody } from "./spec-index.js";
import type { ValidationIssue, Validator } from "./validation.js";
import { describeViolation, type Violation } from "./violation.js";

/** Request checks against the operation's spec: parameters, content type, JSON or form-encoded body. */

/** A request as these checks read it: headers in lower case, the body as text. */
export interface CheckedRequest {
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
}

/** Why a request body is refused, by the kind of error the provider answers it with. */
interface RequestRefusal {
  kind: "invalidRequest" | "malformedJson" | "unsupportedMediaType";
  /** One sentence that says what was wrong and how to fix it. */
  message: string;
  /** Each validation problem on its own (as lines: `problems`), or the message as one violation. */
  violations: Violation[];
  problems?: string[];
}

function refusal(kind: RequestRefusal["kind"], message: string): { ok: false; error: RequestRefusal } {
  return { ok: false, error: { kind, message, violations: [{ path: "", expected: message }] } };
}

/** Deeper JSON than this is refused before validation (our schemas are a few levels deep). */
const maxJsonDepth = 64;

export type BodyResult = { ok: true; body: unknown } | { ok: false; error: RequestRefusal };

/** How much of a value a request problem quotes. */
const quoteLimit = 60;

/** The last name in a JSON path (`$.client_secret[1]` -> `client_secret`). */
function lastName(path: string): string {
  const names = path.match(/[A-Za-z_$][\w$]*/g);
  return names?.[names.length - 1] ?? "";
}

function issueAt(where: string, issue: ValidationIssue): Violation {
  const path = issue.path === "$" ? where : `${where}${issue.path.slice(1)}`;
  // A secret's value never reaches an error message or the request journal.
  const got = issue.got !== undefined && isLogSecretName(lastName(path)) ? masks.log : preview(issue.got, quoteLimit);
  return { path, expected: issue.expected, got };
}

function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== "object" || current === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Query and header values arrive as text; a parameter typed as number or boolean is compared as one. */
function coerce(parameter: CompiledParameter, raw: string): unknown {
  const schema = parameter.schema;
  const type = typeof schema === "object" ? schema.type : undefined;
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes("integer") || types.includes("number")) && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** Every way the path, query and header parameters break the operation. */
export function checkParameters(
  operation: CompiledOperation,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  headers: Readonly<Record<string, string>>,
): Violation[] {
  const problems: Violation[] = [];
  for (const parameter of operation.parameters) {
    const where = `${parameter.in}.${parameter.name}`;
    let values: string[];
    if (parameter.in === "path") values = pathParams[parameter.name] === undefined ? [] : [pathParams[parameter.name] as string];
    else if (parameter.in === "query") values = query.getAll(parameter.name);
    else if (parameter.in === "header") {
      const value = headers[parameter.name.toLowerCase()];
      values = value === undefined ? [] : [value];
    } else continue;
    if (values.length === 0) {
      if (parameter.required) problems.push({ path: where, expected: "is required" });
      continue;
    }
    const schemaType = typeof parameter.schema === "object" ? parameter.schema.type : undefined;
    if (values.length > 1 && schemaType !== "array") {
      problems.push({ path: where, expected: "must be given once", got: `${values.length} values` });
      continue;
    }
    const value = schemaType === "array" ? values : coerce(parameter, values[0] as string);
    for (const issue of parameter.validate(value)) problems.push(issueAt(where, issue));
  }
  return problems;
}

/** A request body's declared media types by their base type, worked out once per operation, not per request. */
const declaredByBase = new WeakMap<CompiledRequestBody, ReadonlyMap<string, CompiledMediaType>>();

function mediaByBase(declared: CompiledRequestBody): ReadonlyMap<string, CompiledMediaType> {
  let byBase = declaredByBase.get(declared);
  if (byBase === undefined) {
    const first = new Map<string, CompiledMediaType>();
    for (const media of declared.content.values()) {
      const base = contentTypeParts(media.mediaType).essence;
      if (!first.has(base)) first.set(base, media);
    }
    declaredByBase.set(declared, first);
    byBase = first;
  }
  return byBase;
}

// Clients send the same Content-Type request after request: parse the last one seen only once.
let lastContentType = "";
let lastParts = contentTypeParts("");

function requestContentType(header: string): { essence: string; charset: string | undefined } {
  if (header !== lastContentType) {
    lastParts = contentTypeParts(header);
    lastContentType = header;
  }
  return lastParts;
}

/** Parses (JSON, or `application/x-www-form-urlencoded` into an object of strings) and validates the body of an operation that declares one. */
export function checkBody(operation: CompiledOperation, request: CheckedRequest): BodyResult {
  const declared = operation.requestBody;
  if (declared === undefined) return { ok: true, body: undefined };
  const text = request.body;
  const accepted = (): string => [...declared.content.keys()].join(" or ");
  if (text === undefined || text.length === 0) {
    if (!declared.required) return { ok: true, body: undefined };
    return refusal("invalidRequest", `body is required: send ${accepted()}`);
  }
  const encoding = request.headers["content-encoding"];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity") {
    return refusal("unsupportedMediaType", `Content-Encoding "${encoding}" is not supported: send the body uncompressed`);
  }
  const contentType = request.headers["content-type"];
  if (contentType === undefined || contentType.trim() === "") {
    return refusal("unsupportedMediaType", `Content-Type is missing: send ${accepted()}`);
  }
  const { essence: base, charset } = requestContentType(contentType);
  const media = mediaByBase(declared).get(base);
  if (media === undefined) {
    return refusal("unsupportedMediaType", `Content-Type "${contentType}" is not accepted: send ${accepted()}`);
  }
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8" && charset !== "us-ascii") {
    return refusal("unsupportedMediaType", `charset "${charset}" is not supported: send the body as UTF-8`);
  }
  if (base === formMediaType) return validated(media.validate, formFields(text));
  let body: unknown;
  try {
    body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unreadable";
    return refusal("malformedJson", `body is not valid JSON: ${reason.slice(0, 120)}`);
  }
  if (jsonDepthExceeds(body, maxJsonDepth)) {
    return refusal("invalidRequest", `body is nested deeper than ${maxJsonDepth} levels`);
  }
  return validated(media.validate, body);
}

function validated(validate: Validator, body: unknown): BodyResult {
  const issues = validate(body);
  if (issues.length > 0) {
    const violations = issues.map((issue) => issueAt("body", issue));
    const problems = violations.map(describeViolation);
    return { ok: false, error: { kind: "invalidRequest", message: problems.join("; "), violations, problems } };
  }
  return { ok: true, body };
}

/**
 * A form body as the object its schema describes: each field a string, a field sent more than once an
 * array of strings (so a schema that wants one value reports the repeat). `+` reads as a space, as in forms.
 */
export function formFields(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = fields[name];
    fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return fields;
}
