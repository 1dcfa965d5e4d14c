import { canonicalJson } from "./canonical.js";
import { isObject, type DocumentView } from "./document.js";
import { describeTypes, viewSchema } from "./schema-view.js";

const maxDepth = 6;

/**
 * What a schema accepts, without its words (descriptions, examples) and whatever its dialect: two
 * schemas with the same fingerprint are the same contract. Drift uses it to tell a rename (one property
 * gone, one with the same schema added) from a removal and an unrelated addition.
 */
export function schemaFingerprint(document: DocumentView, schema: unknown, pointer: string, depth = 0): string {
  const located = document.resolve(schema, pointer);
  if (depth > maxDepth) return located.pointer;
  const view = viewSchema(located.node);
  const node = isObject(located.node) ? located.node : {};
  const properties: Record<string, string> = {};
  for (const name of Object.keys(view.properties).sort()) {
    properties[name] = schemaFingerprint(document, view.properties[name], `${located.pointer}/properties/${name}`, depth + 1);
  }
  return canonicalJson({
    types: view.types ? describeTypes(view.types) : undefined,
    enum: view.enumValues ? [...view.enumValues.keys()].sort() : undefined,
    format: view.format,
    default: view.hasDefault ? canonicalJson(view.defaultValue) : undefined,
    constraints: view.constraints,
    properties,
    required: [...view.required].sort(),
    items: node.items === undefined ? undefined : schemaFingerprint(document, node.items, `${located.pointer}/items`, depth + 1),
  });
}
