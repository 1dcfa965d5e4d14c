import { mediaTypesOf } from "./example-pool.js";
import type { JsonSchema, OpenApiDocument } from "../../openapi/document.js";
import { isSchemaObject, resolveLocal } from "../../openapi/schema-shape.js";

/**
 * The string values each property name is limited to anywhere in a document: `integration_tool`'s
 * enum of tools, say. A property that the spec leaves free but names the same thing (`tool`, the
 * tool of an integration) is then answered with one of those values instead of a made-up word.
 */
export function stringEnumsByPropertyName(document: OpenApiDocument): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  const seen = new Set<unknown>();
  const visit = (schema: JsonSchema, depth: number): void => {
    if (depth > 32) return;
    const resolved = resolveLocal(schema, document);
    if (!isSchemaObject(resolved) || seen.has(resolved)) return;
    seen.add(resolved);
    for (const [name, property] of Object.entries(isSchemaObject(resolved.properties) ? resolved.properties : {})) {
      const target = resolveLocal(property as JsonSchema, document);
      if (isSchemaObject(target) && Array.isArray(target.enum)) {
        const values = target.enum.filter((value): value is string => typeof value === "string" && value !== "");
        if (values.length > 0) found.set(name, new Set([...(found.get(name) ?? []), ...values]));
      }
      visit(property as JsonSchema, depth + 1);
    }
    for (const key of ["allOf", "oneOf", "anyOf"] as const)
      for (const part of Array.isArray(resolved[key]) ? (resolved[key] as JsonSchema[]) : []) visit(part, depth + 1);
    if (resolved.items !== undefined && !Array.isArray(resolved.items)) visit(resolved.items as JsonSchema, depth + 1);
  };
  for (const schema of Object.values(document.components?.schemas ?? {})) visit(schema, 0);
  for (const media of mediaTypesOf(document)) if (media.schema !== undefined) visit(media.schema, 0);
  return new Map([...found].map(([name, values]) => [name, [...values]]));
}

/** The enum for `name`: a property of that very name, else one whose name ends in `_name` (`tool` -> `integration_tool`). */
export function enumForName(enums: ReadonlyMap<string, readonly string[]>, name: string): readonly string[] | undefined {
  const exact = enums.get(name);
  if (exact !== undefined) return exact;
  for (const [other, values] of enums) if (other.endsWith(`_${name}`)) return values;
  return undefined;
}
