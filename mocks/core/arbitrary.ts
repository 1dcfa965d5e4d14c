import fc from "fast-check";
import { isReference, resolveReference, type JsonSchema, type OpenApiDocument } from "./openapi.js";

/**
 * JSON Schema (the subset our specs use) -> fast-check arbitrary whose every value validates against
 * the schema. Supported: `type` (also type arrays such as `["string", "null"]`), `enum`, `const`,
 * `format` (email, uri, date-time, date, uuid), `minLength`/`maxLength`, `pattern` (lookaheads are
 * honoured by filtering), `minimum`/`maximum`/`exclusive*`/`multipleOf` (integers), `properties`/
 * `required`/`additionalProperties`, `items`/`minItems`/`maxItems`/`uniqueItems`, `allOf` (merged),
 * `anyOf`/`oneOf`, OpenAPI 3.0 `nullable`, and local `$ref` into the document.
 *
 *     const arbitrary = arbitraryFromSchema(operation.requestBody.content.get("application/json").schema, { document });
 *     fc.assert(fc.property(arbitrary, (body) => ...));
 */
export interface ArbitraryOptions {
  /** The OpenAPI document that local `$ref`s point into. */
  document?: OpenApiDocument;
  /** Optional object properties: `"some"` (default) picks any subset, `"all"` always sets them, `"none"` never does. */
  optionalProperties?: "some" | "all" | "none";
  /** Longest generated string when the schema gives no `maxLength` (default 24). */
  maxStringLength?: number;
  /** Largest generated array when the schema gives no `maxItems` (default 4). */
  maxArrayLength?: number;
  /** `"ascii"` (default): printable ASCII; `"unicode"`: any code point, for encoding work. */
  stringCharacters?: "ascii" | "unicode";
}

type SchemaObject = Record<string, unknown>;
type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";
const allTypes: readonly JsonType[] = ["string", "number", "integer", "boolean", "object", "array", "null"];

/** Thrown when a schema asks for something the generator cannot satisfy (e.g. an enum with no value of its type). */
export class UnsatisfiableSchemaError extends Error {
  constructor(where: string, problem: string) {
    super(`Cannot generate a value for the schema at ${where}: ${problem}`);
    this.name = "UnsatisfiableSchemaError";
  }
}

function isObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOfValue(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

function typeAllows(types: readonly JsonType[] | undefined, value: unknown): boolean {
  if (types === undefined) return true;
  const actual = typeOfValue(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

function declaredTypes(schema: SchemaObject): JsonType[] | undefined {
  const raw = schema.type;
  const list = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw.filter((entry): entry is string => typeof entry === "string") : undefined;
  if (list === undefined) return undefined;
  const types = list.filter((entry): entry is JsonType => (allTypes as readonly string[]).includes(entry));
  if (schema.nullable === true && !types.includes("null")) types.push("null");
  return types;
}

/** A type the schema's other keywords imply when it names none (`properties` -> object, ...). */
function impliedTypes(schema: SchemaObject): JsonType[] | undefined {
  if (isObject(schema.properties) || Array.isArray(schema.required)) return ["object"];
  if (schema.items !== undefined) return ["array"];
  if (typeof schema.pattern === "string" || typeof schema.format === "string" || schema.minLength !== undefined) return ["string"];
  return undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

// JavaScript cannot generate lookaheads; they are removed for generation and enforced by filtering.
function withoutLookarounds(pattern: string): string {
  let result = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") {
      result += pattern.slice(index, index + 2);
      index++;
      continue;
    }
    if (pattern.startsWith("(?=", index) || pattern.startsWith("(?!", index) || pattern.startsWith("(?<=", index) || pattern.startsWith("(?<!", index)) {
      let depth = 0;
      for (; index < pattern.length; index++) {
        const inner = pattern[index];
        if (inner === "\\") {
          index++;
          continue;
        }
        if (inner === "(") depth++;
        if (inner === ")" && --depth === 0) break;
      }
      continue;
    }
    result += char;
  }
  return result;
}

// The same checks ajv-formats applies in "full" mode, so generated formats never fail validation.
const formatChecks: Record<string, RegExp> = {
  email:
    /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
};

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  switch (format) {
    case "email": {
      const check = formatChecks.email as RegExp;
      return fc.emailAddress().filter((value) => check.test(value));
    }
    case "uri":
    case "url":
    case "uri-reference":
    case "iri":
      return fc.webUrl({ withQueryParameters: true }).filter((value) => {
        try {
          return new URL(value).href.length > 0 && !/%[^0-9a-f]|%[0-9a-f][^0-9a-f]/i.test(value);
        } catch {
          return false;
        }
      });
    case "date-time":
      return fc
        .date({ min: new Date("1970-01-01T00:00:00.000Z"), max: new Date("2100-12-31T23:59:59.999Z"), noInvalidDate: true })
        .map((date) => date.toISOString());
    case "date":
      return fc
        .date({ min: new Date("1970-01-01T00:00:00.000Z"), max: new Date("2100-12-31T00:00:00.000Z"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case "uuid":
      return fc.uuid();
    case "hostname":
      return fc.domain();
    case "ipv4":
      return fc.ipV4();
    default:
      return undefined;
  }
}

function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

interface Context {
  options: Required<Omit<ArbitraryOptions, "document">> & { document: OpenApiDocument | undefined };
  /** `$ref`s currently being expanded, to cut recursion. */
  expanding: ReadonlySet<string>;
}

function stringArbitrary(schema: SchemaObject, context: Context): fc.Arbitrary<string> {
  const minLength = Math.max(0, numberOr(schema.minLength, 0));
  const maxLength = numberOr(schema.maxLength, Math.max(minLength, context.options.maxStringLength));
  const lengthOk = (value: string): boolean => {
    const length = codePointLength(value);
    return length >= minLength && length <= maxLength;
  };
  let base: fc.Arbitrary<string>;
  const pattern = typeof schema.pattern === "string" ? schema.pattern : undefined;
  const format = typeof schema.format === "string" ? formatArbitrary(schema.format) : undefined;
  if (pattern !== undefined) {
    const full = new RegExp(pattern, "u");
    base = fc.stringMatching(new RegExp(withoutLookarounds(pattern))).filter((value) => full.test(value));
  } else if (format !== undefined) {
    base = format;
  } else {
    const unit = context.options.stringCharacters === "unicode" ? "grapheme" : "grapheme-ascii";
    return fc.string({ unit, minLength, maxLength }).filter(lengthOk);
  }
  return base.filter(lengthOk);
}

function integerArbitrary(schema: SchemaObject): fc.Arbitrary<number> {
  let min = Math.ceil(numberOr(schema.minimum, -1_000_000));
  let max = Math.floor(numberOr(schema.maximum, 1_000_000));
  if (typeof schema.exclusiveMinimum === "number") min = Math.max(min, Math.floor(schema.exclusiveMinimum) + 1);
  if (typeof schema.exclusiveMaximum === "number") max = Math.min(max, Math.ceil(schema.exclusiveMaximum) - 1);
  const step = typeof schema.multipleOf === "number" && Number.isInteger(schema.multipleOf) && schema.multipleOf > 0 ? schema.multipleOf : 1;
  if (step === 1) return fc.integer({ min, max });
  const low = Math.ceil(min / step);
  const high = Math.floor(max / step);
  return fc.integer({ min: low, max: high }).map((factor) => factor * step);
}

function numberArbitrary(schema: SchemaObject): fc.Arbitrary<number> {
  const min = numberOr(schema.minimum, numberOr(schema.exclusiveMinimum, -1_000_000));
  const max = numberOr(schema.maximum, numberOr(schema.exclusiveMaximum, 1_000_000));
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .map((value) => (Object.is(value, -0) ? 0 : value))
    .filter(
      (value) =>
        (typeof schema.exclusiveMinimum !== "number" || value > schema.exclusiveMinimum) &&
        (typeof schema.exclusiveMaximum !== "number" || value < schema.exclusiveMaximum),
    );
}

function objectArbitrary(schema: SchemaObject, context: Context, where: string): fc.Arbitrary<Record<string, unknown>> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === "string") : []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (!required.has(name) && context.options.optionalProperties === "none") continue;
    model[name] = build(propertySchema as JsonSchema, context, `${where}.${name}`);
  }
  // A required property without a schema of its own may hold anything.
  for (const name of required) {
    if (!(name in model)) model[name] = fc.jsonValue({ maxDepth: 1 });
  }
  const requiredKeys = context.options.optionalProperties === "all" ? Object.keys(model) : [...required].filter((name) => name in model);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

function arrayArbitrary(schema: SchemaObject, context: Context, where: string): fc.Arbitrary<unknown[]> {
  const items = schema.items === undefined || Array.isArray(schema.items) ? true : (schema.items as JsonSchema);
  const item = build(items, context, `${where}[]`);
  const minLength = Math.max(0, numberOr(schema.minItems, 0));
  const maxLength = numberOr(schema.maxItems, Math.max(minLength, context.options.maxArrayLength));
  if (schema.uniqueItems === true) return fc.uniqueArray(item, { minLength, maxLength, selector: (value) => JSON.stringify(value) });
  return fc.array(item, { minLength, maxLength });
}

function mergeAllOf(schema: SchemaObject, context: Context): SchemaObject {
  const parts = (schema.allOf as unknown[]).map((part) => resolveLocal(part as JsonSchema, context));
  const merged: SchemaObject = { ...schema };
  delete merged.allOf;
  for (const part of parts) {
    if (!isObject(part)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === "properties" && isObject(value)) merged.properties = { ...(isObject(merged.properties) ? merged.properties : {}), ...value };
      else if (key === "required" && Array.isArray(value))
        merged.required = [...new Set([...(Array.isArray(merged.required) ? merged.required : []), ...value])];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

function resolveLocal(schema: JsonSchema, context: Context): JsonSchema {
  if (!isReference(schema)) return schema;
  if (context.options.document === undefined) throw new UnsatisfiableSchemaError(schema.$ref, "a $ref needs `options.document`");
  return resolveReference<JsonSchema>(context.options.document, schema);
}

function build(schema: JsonSchema, context: Context, where: string): fc.Arbitrary<unknown> {
  if (schema === true) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) throw new UnsatisfiableSchemaError(where, "the schema `false` accepts nothing");
  if (isReference(schema)) {
    const ref = schema.$ref;
    if (context.expanding.has(ref)) throw new UnsatisfiableSchemaError(where, `recursive schemas are not supported (${ref})`);
    return build(resolveLocal(schema, context), { ...context, expanding: new Set([...context.expanding, ref]) }, where);
  }
  if (Array.isArray(schema.allOf)) return build(mergeAllOf(schema, context), context, where);
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (alternatives !== undefined) {
    const rest: SchemaObject = { ...schema };
    delete rest.oneOf;
    delete rest.anyOf;
    const branches = alternatives.map((branch) => build(mergeAllOf({ allOf: [rest, branch] }, context), context, where));
    return fc.oneof(...branches);
  }
  const types = declaredTypes(schema) ?? impliedTypes(schema);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) {
    const allowed = schema.enum.filter((value) => typeAllows(types, value));
    if (allowed.length === 0) throw new UnsatisfiableSchemaError(where, "no `enum` value has an allowed `type`");
    return fc.constantFrom(...allowed);
  }
  const chosen = types ?? (["string", "number", "boolean", "null"] as JsonType[]);
  const arbitraries = chosen.map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case "string":
        return stringArbitrary(schema, context);
      case "integer":
        return integerArbitrary(schema);
      case "number":
        return numberArbitrary(schema);
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "object":
        return objectArbitrary(schema, context, where);
      case "array":
        return arrayArbitrary(schema, context, where);
    }
  });
  if (arbitraries.length === 0) throw new UnsatisfiableSchemaError(where, "`type` names no JSON type");
  return arbitraries.length === 1 ? (arbitraries[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbitraries);
}

/** An arbitrary of values that satisfy `schema`. Build it once and reuse it: construction walks the schema. */
export function arbitraryFromSchema(schema: JsonSchema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const context: Context = {
    options: {
      document: options.document,
      optionalProperties: options.optionalProperties ?? "some",
      maxStringLength: options.maxStringLength ?? 24,
      maxArrayLength: options.maxArrayLength ?? 4,
      stringCharacters: options.stringCharacters ?? "ascii",
    },
    expanding: new Set(),
  };
  return build(schema, context, "$");
}

/** `count` values of `arbitrary`, the same ones for the same `seed`. */
export function sampleSeeded<T>(arbitrary: fc.Arbitrary<T>, seed: number, count = 1): T[] {
  return fc.sample(arbitrary, { seed, numRuns: count });
}
