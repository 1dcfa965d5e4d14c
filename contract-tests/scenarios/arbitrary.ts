import fc from "fast-check";
import { isReference, type JsonSchema, type OpenApiDocument } from "../../openapi/document.js";
import {
  alternativesOf,
  codePointLength,
  declaredTypes,
  impliedTypes,
  isSchemaObject as isObject,
  mergeAllOf,
  numberOr,
  requiredNames,
  resolveLocal,
  typeAllows,
  UnsatisfiableSchemaError,
  withoutLookarounds,
  type JsonType,
  type SchemaObject,
} from "../../openapi/schema-shape.js";

export { UnsatisfiableSchemaError } from "../../openapi/schema-shape.js";

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
  const required = requiredNames(schema);
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

function build(schema: JsonSchema, context: Context, where: string): fc.Arbitrary<unknown> {
  if (schema === true) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) throw new UnsatisfiableSchemaError(where, "the schema `false` accepts nothing");
  if (isReference(schema)) {
    const ref = schema.$ref;
    if (context.expanding.has(ref)) throw new UnsatisfiableSchemaError(where, `recursive schemas are not supported (${ref})`);
    return build(resolveLocal(schema, context.options.document), { ...context, expanding: new Set([...context.expanding, ref]) }, where);
  }
  if (Array.isArray(schema.allOf)) return build(mergeAllOf(schema, context.options.document), context, where);
  const branches = alternativesOf(schema, context.options.document);
  if (branches !== undefined) return fc.oneof(...branches.map((branch) => build(branch, context, where)));
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
