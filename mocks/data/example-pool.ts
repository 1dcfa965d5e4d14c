import {
  httpMethods,
  isReference,
  resolveReference,
  type JsonSchema,
  type MediaTypeObject,
  type OpenApiDocument,
  type RequestBodyObject,
  type ResponseObject,
} from "../../openapi/document.js";
import { isSchemaObject, resolveLocal, type SchemaObject } from "../../openapi/schema-shape.js";

/**
 * Every example value the spec gives for each schema node, wherever it is given: the named examples
 * of request bodies and responses (walked down into their properties and items) and the schemas'
 * own `examples`/`example`. Keyed by the schema object itself, so a component shared by several
 * responses (an error body) pools the examples of all of them.
 */
export class ExamplePool {
  private readonly values = new Map<SchemaObject, unknown[]>();
  private readonly ownExamplesWalked = new Set<SchemaObject>();

  constructor(private readonly document: OpenApiDocument) {
    for (const media of mediaTypesOf(document)) this.addMedia(media);
  }

  /** The example values of a schema node (as reached after `$ref` resolution), in spec order. */
  of(schema: JsonSchema): readonly unknown[] {
    return isSchemaObject(schema) ? (this.values.get(schema) ?? []) : [];
  }

  private addMedia(media: MediaTypeObject): void {
    if (media.schema === undefined) return;
    for (const example of Object.values(media.examples ?? {})) {
      const value = isReference(example) ? resolveReference<{ value?: unknown }>(this.document, example).value : example.value;
      if (value !== undefined) this.walk(media.schema, value, 0);
    }
    if (media.example !== undefined) this.walk(media.schema, media.example, 0);
    this.walk(media.schema, undefined, 0);
  }

  /** Records `value` at `schema` and below; `undefined` only visits the nodes for their own examples. */
  private walk(schema: JsonSchema, value: unknown, depth: number): void {
    if (depth > 32) return;
    const resolved = resolveLocal(schema, this.document);
    if (!isSchemaObject(resolved)) return;
    if (value !== undefined) {
      const list = this.values.get(resolved) ?? [];
      list.push(value);
      this.values.set(resolved, list);
    }
    if (!this.ownExamplesWalked.has(resolved)) {
      this.ownExamplesWalked.add(resolved);
      const own = [...(Array.isArray(resolved.examples) ? resolved.examples : []), ...("example" in resolved ? [resolved.example] : [])];
      for (const example of own) this.walk(resolved, example, depth + 1);
    }
    for (const part of Array.isArray(resolved.allOf) ? (resolved.allOf as JsonSchema[]) : []) this.walk(part, value, depth + 1);
    for (const branch of [...(Array.isArray(resolved.oneOf) ? resolved.oneOf : []), ...(Array.isArray(resolved.anyOf) ? resolved.anyOf : [])])
      this.walk(branch as JsonSchema, value, depth + 1);
    if (isSchemaObject(resolved.properties)) {
      for (const [name, property] of Object.entries(resolved.properties)) {
        const child = isSchemaObject(value) ? value[name] : undefined;
        this.walk(property as JsonSchema, child, depth + 1);
      }
    }
    if (resolved.items !== undefined && !Array.isArray(resolved.items)) {
      if (Array.isArray(value)) for (const item of value) this.walk(resolved.items as JsonSchema, item, depth + 1);
      else this.walk(resolved.items as JsonSchema, undefined, depth + 1);
    }
  }
}

/** Every media type of every request body and response in the document, `$ref`s resolved. */
export function mediaTypesOf(document: OpenApiDocument): MediaTypeObject[] {
  const found: MediaTypeObject[] = [];
  for (const pathItem of Object.values(document.paths)) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      if (operation.requestBody !== undefined)
        found.push(...Object.values(resolveReference<RequestBodyObject>(document, operation.requestBody).content ?? {}));
      for (const response of Object.values(operation.responses ?? {}))
        found.push(...Object.values(resolveReference<ResponseObject>(document, response).content ?? {}));
    }
  }
  return found;
}
