import { isReference, resolveReference, type JsonSchema, type OpenApiDocument } from "./openapi.js";

/** The object schema a (possibly `$ref`'d) schema stands for, or undefined when it is not one. */
export function resolveObjectSchema(document: OpenApiDocument, schema: JsonSchema | undefined): Record<string, unknown> | undefined {
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

/** `value` with every absent top-level property that declares a `default` set to it, as the provider would. */
export function withDefaults(document: OpenApiDocument, schema: JsonSchema | undefined, value: Record<string, unknown>): Record<string, unknown> {
  const properties = resolveObjectSchema(document, schema)?.properties;
  if (typeof properties !== "object" || properties === null) return value;
  const filled: Record<string, unknown> = { ...value };
  for (const [name, entry] of Object.entries(properties as Record<string, JsonSchema>)) {
    const resolved = resolveObjectSchema(document, entry);
    if (!(name in filled) && resolved !== undefined && "default" in resolved) filled[name] = resolved.default;
  }
  return filled;
}

/** The string values of an `enum` (without `null`). */
export function enumStrings(schema: Record<string, unknown> | undefined): string[] {
  return Array.isArray(schema?.enum) ? schema.enum.filter((value): value is string => typeof value === "string") : [];
}
