import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { escapePointerToken, type JsonSchema, type OpenApiDocument } from "./document.js";
import { preview } from "./preview.js";
import { describeViolation } from "./violation.js";

/** One way a value breaks its schema, in words a person can act on. */
export interface ValidationIssue {
  /** JSONPath of the offending value, e.g. `$.data.link` or `$.errors[0].code`; `$` is the whole value. */
  path: string;
  /** The JSON Schema keyword that failed, e.g. `required`, `type`, `enum`, `format`. */
  keyword: string;
  /** What the schema wants, e.g. `must be string`. */
  expected: string;
  /** The value found at `path` (undefined when it is missing). */
  got: unknown;
}

/** Returns no issues for a valid value. Compiled once per schema, cheap to call. */
export type Validator = (value: unknown) => ValidationIssue[];

// ajv-formats ships CommonJS with a default export that NodeNext sees as the module namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const documentKey = "openapi-document";

/** An ajv validate function as ajv's standalone code exports it: true or false, the errors on `.errors`. */
export interface PrecompiledValidate {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Validators compiled ahead of time by `npm run generate` (ajv's standalone code, `generated/<provider>/validators.ts`),
 * by the JSON pointer of the schema they check; used only for the very document they were compiled from.
 */
export interface PrecompiledValidators {
  document: unknown;
  byPointer: Readonly<Record<string, PrecompiledValidate>>;
}

export interface SchemaCompilerOptions {
  /** Schemas found here are not compiled at all: neither the server nor the browser compiles them at start. */
  precompiled?: PrecompiledValidators | undefined;
  /** Keep each compiled function's source, for ajv's standalone code (the generator). */
  keepSource?: boolean;
}

function jsonPathFromPointer(pointer: string): string {
  if (pointer === "") return "$";
  return (
    "$" +
    pointer
      .split("/")
      .slice(1)
      .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((token) => (/^\d+$/.test(token) ? `[${token}]` : /^[A-Za-z_$][\w$]*$/.test(token) ? `.${token}` : `[${JSON.stringify(token)}]`))
      .join("")
  );
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const token of pointer.split("/").slice(1)) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return current;
}

function describeAllowed(values: readonly unknown[]): string {
  const shown = values.slice(0, 12).map((value) => JSON.stringify(value));
  return values.length > shown.length ? `${shown.join(", ")}, … (${values.length} values)` : shown.join(", ");
}

function toIssue(error: ErrorObject, root: unknown): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") {
    const pointer = `${error.instancePath}/${escapePointerToken(String(params.missingProperty))}`;
    return { path: jsonPathFromPointer(pointer), keyword: "required", expected: "is required", got: undefined };
  }
  if (error.keyword === "additionalProperties") {
    const pointer = `${error.instancePath}/${escapePointerToken(String(params.additionalProperty))}`;
    return { path: jsonPathFromPointer(pointer), keyword: error.keyword, expected: "is not allowed", got: valueAtPointer(root, pointer) };
  }
  const got = valueAtPointer(root, error.instancePath);
  const expected =
    error.keyword === "enum"
      ? `must be one of ${describeAllowed(params.allowedValues as unknown[])}`
      : error.keyword === "const"
        ? `must be ${JSON.stringify(params.allowedValue)}`
        : error.keyword === "format"
          ? `must be a valid ${String(params.format)}`
          : (error.message ?? error.keyword);
  return { path: jsonPathFromPointer(error.instancePath), keyword: error.keyword, expected, got };
}

/** The keywords whose failure only repeats another one (e.g. `type` beside `enum` for a nullable enum). */
function dropNoise(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((error) => error.keyword !== "if" && error.keyword !== "anyOf" && error.keyword !== "oneOf");
}

/** A copy of `value` whose local `#/...` references name the registered document, so ajv resolves them. */
function pointRefsAtDocument(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointRefsAtDocument);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    copy[key] = key === "$ref" && typeof entry === "string" && entry.startsWith("#/") ? `${documentKey}${entry}` : pointRefsAtDocument(entry);
  }
  return copy;
}

/**
 * Compiles the schemas of one OpenAPI document. The document is registered once, so schemas anywhere
 * in it (inline or under components) compile by JSON pointer and keep their local `$ref`s.
 */
export class SchemaCompiler {
  private ajvInstance: Ajv2020 | undefined;
  private readonly byPointer = new Map<string, Validator>();
  private readonly compiledByAjv: string[] = [];
  private readonly precompiled: Readonly<Record<string, PrecompiledValidate>>;

  constructor(
    private readonly document: OpenApiDocument,
    private readonly options: SchemaCompilerOptions = {},
  ) {
    this.precompiled = options.precompiled?.document === document ? options.precompiled.byPointer : {};
  }

  /** ajv with the document registered, made on the first schema that was not compiled ahead of time. */
  get ajv(): Ajv2020 {
    if (this.ajvInstance === undefined) {
      this.ajvInstance = new Ajv2020({
        strict: false,
        allErrors: true,
        validateSchema: false,
        validateFormats: true,
        ...(this.options.keepSource ? { code: { source: true, esm: true } } : {}),
      });
      addFormats(this.ajvInstance);
      this.ajvInstance.addSchema(this.document as unknown as Record<string, unknown>, documentKey);
    }
    return this.ajvInstance;
  }

  /** The pointers compiled here rather than ahead of time. */
  compiledWithAjv(): readonly string[] {
    return this.compiledByAjv;
  }

  /** The ajv schema reference of each pointer compiled so far (`openapi-document#/components/...`), for ajv's standalone code. */
  compiledReferences(): Record<string, string> {
    return Object.fromEntries([...this.byPointer.keys()].map((pointer) => [pointer, `${documentKey}#${pointer}`]));
  }

  /**
   * Compiles the schema found at `pointer` (e.g. `/components/schemas/Foo`) in the document. A schema that
   * is only a `$ref` compiles as its target, and each target compiles once, however many operations share it.
   */
  compileAt(pointer: string): Validator {
    const target = this.canonicalPointer(pointer);
    let validator = this.byPointer.get(target);
    if (validator === undefined) {
      const ahead = this.precompiled[target];
      if (ahead === undefined) this.compiledByAjv.push(target);
      validator = this.wrap(ahead ?? this.ajv.compile({ $ref: `${documentKey}#${target}` }));
      this.byPointer.set(target, validator);
    }
    return validator;
  }

  private canonicalPointer(pointer: string): string {
    let current = pointer;
    for (let hops = 0; hops < 32; hops++) {
      const value = valueAtPointer(this.document, current);
      if (typeof value !== "object" || value === null) return current;
      const keys = Object.keys(value);
      const ref = (value as { $ref?: unknown }).$ref;
      if (keys.length !== 1 || typeof ref !== "string" || !ref.startsWith("#/")) return current;
      current = decodeURIComponent(ref.slice(1));
    }
    return current;
  }

  /** Compiles a schema that is not part of the document (its `$ref`s may point into the document). */
  compileDetached(schema: JsonSchema): Validator {
    return this.wrap(this.ajv.compile(typeof schema === "boolean" ? schema : (pointRefsAtDocument(schema) as Record<string, unknown>)));
  }

  private wrap(validate: ValidateFunction | PrecompiledValidate): Validator {
    return (value) => (validate(value) ? [] : dropNoise(validate.errors ?? []).map((error) => toIssue(error, value)));
  }
}

/** `$.data.link must be a valid uri (got "not a uri")`: an issue as one line. */
export function formatIssue(issue: ValidationIssue): string {
  return describeViolation({ path: issue.path, expected: issue.expected, got: preview(issue.got) });
}
