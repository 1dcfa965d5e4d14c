import { isReference, resolveReference, type JsonSchema, type OpenApiDocument } from "./document.js";

/**
 * Reading a JSON Schema (the subset our specs use) for value generation: its JSON types, the types
 * its keywords imply, `allOf` merged into one schema, local `$ref`s resolved. Shared by the
 * fast-check arbitraries of the contract suite and the mock's realistic dynamic data.
 */

export type SchemaObject = Record<string, unknown>;
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";
const allTypes: readonly JsonType[] = ["string", "number", "integer", "boolean", "object", "array", "null"];

/** Thrown when a schema asks for something a generator cannot satisfy (e.g. an enum with no value of its type). */
export class UnsatisfiableSchemaError extends Error {
  constructor(where: string, problem: string) {
    super(`Cannot generate a value for the schema at ${where}: ${problem}`);
    this.name = "UnsatisfiableSchemaError";
  }
}

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function typeOfValue(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

export function typeAllows(types: readonly JsonType[] | undefined, value: unknown): boolean {
  if (types === undefined) return true;
  const actual = typeOfValue(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

/** `type` as a list (OpenAPI 3.0 `nullable: true` adds `"null"`), or undefined when the schema names none. */
export function declaredTypes(schema: SchemaObject): JsonType[] | undefined {
  const raw = schema.type;
  const list = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw.filter((entry): entry is string => typeof entry === "string") : undefined;
  if (list === undefined) return undefined;
  const types = list.filter((entry): entry is JsonType => (allTypes as readonly string[]).includes(entry));
  if (schema.nullable === true && !types.includes("null")) types.push("null");
  return types;
}

/** A type the schema's other keywords imply when it names none (`properties` -> object, ...). */
export function impliedTypes(schema: SchemaObject): JsonType[] | undefined {
  if (isSchemaObject(schema.properties) || Array.isArray(schema.required)) return ["object"];
  if (schema.items !== undefined) return ["array"];
  if (typeof schema.pattern === "string" || typeof schema.format === "string" || schema.minLength !== undefined) return ["string"];
  return undefined;
}

export function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** The names in `required`. */
export function requiredNames(schema: SchemaObject): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === "string") : []);
}

/** Resolves a local `$ref`; other schemas come back unchanged. */
export function resolveLocal(schema: JsonSchema, document: OpenApiDocument | undefined): JsonSchema {
  if (!isReference(schema)) return schema;
  if (document === undefined) throw new UnsatisfiableSchemaError(schema.$ref, "a $ref needs `options.document`");
  return resolveReference<JsonSchema>(document, schema);
}

/** One schema with the parts of `allOf` merged in (properties and `required` united, other keywords: first wins). */
export function mergeAllOf(schema: SchemaObject, document: OpenApiDocument | undefined): SchemaObject {
  const parts = (schema.allOf as unknown[]).map((part) => resolveLocal(part as JsonSchema, document));
  const merged: SchemaObject = { ...schema };
  delete merged.allOf;
  for (const part of parts) {
    if (!isSchemaObject(part)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === "properties" && isSchemaObject(value))
        merged.properties = { ...(isSchemaObject(merged.properties) ? merged.properties : {}), ...value };
      else if (key === "required" && Array.isArray(value))
        merged.required = [...new Set([...(Array.isArray(merged.required) ? merged.required : []), ...value])];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

/** The branches of `oneOf`/`anyOf`, each merged with the schema's other keywords; undefined without either. */
export function alternativesOf(schema: SchemaObject, document: OpenApiDocument | undefined): SchemaObject[] | undefined {
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (alternatives === undefined) return undefined;
  const rest: SchemaObject = { ...schema };
  delete rest.oneOf;
  delete rest.anyOf;
  return alternatives.map((branch) => mergeAllOf({ allOf: [rest, branch] }, document));
}

// JavaScript cannot generate lookaheads; generators drop them and check the full pattern afterwards.
export function withoutLookarounds(pattern: string): string {
  let result = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") {
      result += pattern.slice(index, index + 2);
      index++;
      continue;
    }
    if (
      pattern.startsWith("(?=", index) ||
      pattern.startsWith("(?!", index) ||
      pattern.startsWith("(?<=", index) ||
      pattern.startsWith("(?<!", index)
    ) {
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
