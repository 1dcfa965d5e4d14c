import { canonicalJson } from "./canonical.js";
import { isObject, type JsonObject } from "./document.js";

/**
 * One schema node read the same way whatever its dialect: OpenAPI 3.0 (`nullable`, `example`, boolean
 * `exclusiveMinimum`) and 3.1 (type lists, `examples`, `const`) come out alike, so drift never reports the dialect.
 */
export interface SchemaView {
  /** Allowed JSON types, `null` included; undefined when the schema does not restrict the type. */
  types: Set<string> | undefined;
  /** Allowed values (canonical JSON → value); `const` reads as a one-value enum. */
  enumValues: Map<string, unknown> | undefined;
  format: string | undefined;
  hasDefault: boolean;
  defaultValue: unknown;
  constraints: Record<string, unknown>;
  properties: JsonObject;
  required: Set<string>;
  additionalProperties: unknown;
  examples: unknown[] | undefined;
  description: string | undefined;
  deprecated: boolean;
}

const constraintKeywords = [
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
] as const;

/** Constraints where a smaller published value allows more (min*), or a larger one does (max*). */
export const lowerBounds = new Set(["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"]);
export const upperBounds = new Set(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"]);

export function viewSchema(schema: unknown): SchemaView {
  const node: JsonObject = isObject(schema) ? schema : {};
  let types: Set<string> | undefined;
  if (typeof node.type === "string") types = new Set([node.type]);
  else if (Array.isArray(node.type)) types = new Set(node.type.filter((entry): entry is string => typeof entry === "string"));
  if (node.nullable === true && types) types.add("null");

  let enumValues: Map<string, unknown> | undefined;
  const listed = Array.isArray(node.enum) ? node.enum : "const" in node ? [node.const] : undefined;
  if (listed) enumValues = new Map(listed.map((value) => [canonicalJson(value), value]));

  const constraints: Record<string, unknown> = {};
  for (const keyword of constraintKeywords) if (node[keyword] !== undefined) constraints[keyword] = node[keyword];
  // OpenAPI 3.0: `exclusiveMinimum: true` qualifies `minimum`; 3.1 writes the bound itself.
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof node[flag] === "boolean") {
      delete constraints[flag];
      if (node[flag] === true && typeof node[bound] === "number") {
        constraints[flag] = node[bound];
        delete constraints[bound];
      }
    }
  }

  const examples = Array.isArray(node.examples) ? node.examples : node.example !== undefined ? [node.example] : undefined;
  return {
    types,
    enumValues,
    format: typeof node.format === "string" ? node.format : undefined,
    hasDefault: "default" in node,
    defaultValue: node.default,
    constraints,
    properties: isObject(node.properties) ? node.properties : {},
    required: new Set(Array.isArray(node.required) ? node.required.filter((entry): entry is string => typeof entry === "string") : []),
    additionalProperties: node.additionalProperties,
    examples,
    description: typeof node.description === "string" ? node.description : undefined,
    deprecated: node.deprecated === true,
  };
}

/** How a type set reads in a message: `string | null`, or `any type`. */
export function describeTypes(types: Set<string> | undefined): string {
  return types ? [...types].sort(nullLast).join(" | ") : "any type";
}

function nullLast(left: string, right: string): number {
  if (left === "null") return 1;
  if (right === "null") return -1;
  return left.localeCompare(right);
}
