import { isReference, resolveReference, type JsonSchema, type OpenApiDocument } from "../../openapi/document.js";

/** The object schema a (possibly `$ref`'d) schema stands for, or undefined when it is not one. */
function resolveObjectSchema(document: OpenApiDocument, schema: JsonSchema | undefined): Record<string, unknown> | undefined {
  if (schema === undefined || typeof schema === "boolean") return undefined;
  const resolved = isReference(schema) ? resolveReference<JsonSchema>(document, schema) : schema;
  return typeof resolved === "object" ? resolved : undefined;
}

/** The schema of one property of an object schema, resolved. */
export function propertySchema(document: OpenApiDocument, schema: JsonSchema | undefined, name: string): Record<string, unknown> | undefined {
  const properties = resolveObjectSchema(document, schema)?.properties;
  if (typeof properties !== "object" || properties === null) return undefined;
  return resolveObjectSchema(document, (properties as Record<string, JsonSchema>)[name]);
}

/** The declared defaults of an object schema's properties; undefined when it has no properties. */
function declaredDefaults(document: OpenApiDocument, schema: JsonSchema | undefined): Array<[string, unknown]> | undefined {
  const properties = resolveObjectSchema(document, schema)?.properties;
  if (typeof properties !== "object" || properties === null) return undefined;
  const defaults: Array<[string, unknown]> = [];
  for (const [name, entry] of Object.entries(properties as Record<string, JsonSchema>)) {
    const resolved = resolveObjectSchema(document, entry);
    if (resolved !== undefined && "default" in resolved) defaults.push([name, resolved.default]);
  }
  return defaults;
}

// Resolved once per schema: resolving the references on every request was a tenth of a create-link answer.
const defaultsBySchema = new WeakMap<object, Array<[string, unknown]> | undefined>();

/** `value` with every absent top-level property that declares a `default` set to it, as the provider would. */
export function withDefaults(document: OpenApiDocument, schema: JsonSchema | undefined, value: Record<string, unknown>): Record<string, unknown> {
  let defaults: Array<[string, unknown]> | undefined;
  if (typeof schema === "object") {
    if (!defaultsBySchema.has(schema)) defaultsBySchema.set(schema, declaredDefaults(document, schema));
    defaults = defaultsBySchema.get(schema);
  } else {
    defaults = declaredDefaults(document, schema);
  }
  if (defaults === undefined) return value;
  // Object.assign, not spread: on Node 20 a spread followed by added properties is a slow path (~1 µs
  // each). Object.assign would run the `__proto__` setter for a body carrying that key, so it keeps the spread.
  const filled: Record<string, unknown> = Object.hasOwn(value, "__proto__") ? { ...value } : Object.assign({}, value);
  for (const [name, fallback] of defaults) if (!(name in filled)) filled[name] = fallback;
  return filled;
}

/** The string values of an `enum` (without `null`). */
export function enumStrings(schema: Record<string, unknown> | undefined): string[] {
  return Array.isArray(schema?.enum) ? schema.enum.filter((value): value is string => typeof value === "string") : [];
}
