import { escapePointerToken, resolveReference, type ExampleObject, type JsonSchema, type OpenApiDocument, type ParameterObject } from "./document.js";

/**
 * The spec's OpenAPI 3.1 `webhooks`, read in one place: each event the provider POSTs to its users, the
 * schema of its body, the header that carries its signature and its examples. The mock's sender, the
 * package's parser, the test helpers and the receiver contract test all take them from here.
 */
export interface WebhookEvent {
  /** The key under `webhooks`, which is also the envelope's `type` (`integration-created`). */
  type: string;
  operationId: string | undefined;
  /** JSON pointer of the body's schema, for `SchemaCompiler.compileAt`. */
  schemaPointer: string;
  schema: JsonSchema | undefined;
  /** The required header of the request that carries the signature (`X-Kombo-Signature`), as the spec spells it. */
  signatureHeader: string | undefined;
  /** The body examples, by name. */
  examples: Record<string, unknown>;
}

const jsonMedia = "application/json";

export function webhookEvents(document: OpenApiDocument): WebhookEvent[] {
  return Object.entries(document.webhooks ?? {}).flatMap(([type, item]) => {
    const operation = item.post;
    if (operation === undefined || operation.requestBody === undefined) return [];
    const media = resolveReference(document, operation.requestBody).content?.[jsonMedia];
    const header = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
      .map((parameter) => resolveReference<ParameterObject>(document, parameter))
      .find((parameter) => parameter.in === "header" && parameter.required === true);
    const examples = Object.fromEntries(
      Object.entries(media?.examples ?? {}).map(([name, example]) => [name, resolveReference<ExampleObject>(document, example).value]),
    );
    return [
      {
        type,
        operationId: operation.operationId,
        schemaPointer: `/webhooks/${escapePointerToken(type)}/post/requestBody/content/${escapePointerToken(jsonMedia)}/schema`,
        schema: media?.schema,
        signatureHeader: header?.name,
        examples,
      },
    ];
  });
}

/** The one signature header the spec's webhooks share; undefined when the spec has none. */
export function webhookSignatureHeader(document: OpenApiDocument): string | undefined {
  return webhookEvents(document).find((event) => event.signatureHeader !== undefined)?.signatureHeader;
}
