import type { OpenApiDocument } from "../openapi/document.js";
import type { Validator } from "../openapi/validation.js";
import { webhookEvents } from "../openapi/webhooks.js";
import { verifyWebhookSignature, type RawBody } from "./webhook-signature.js";

/** Why a delivered webhook was refused: answer 401 for `signature`, 400 for `body`. */
export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: "signature" | "body",
    message: string,
    /** For `body`: each way the event breaks its schema, e.g. `$.data.id is required`. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

export interface WebhookParser<Event> {
  /** True only for the body's own signature under `secret` (see `verifyWebhookSignature`). */
  verify(rawBody: RawBody, signatureHeader: string | null | undefined, secret: string): Promise<boolean>;
  /**
   * Verifies the signature on the raw body, then reads the body and validates it against the spec's schema of
   * its event type. Resolves with the typed event, or with `undefined` for a validly signed event of a type
   * the spec does not know yet (the provider may add types at any time: acknowledge it with a 2xx and move on).
   * Rejects with a `WebhookVerificationError` otherwise.
   */
  parse(rawBody: RawBody, signatureHeader: string | null | undefined, secret: string): Promise<Event | undefined>;
}

const decoder = new TextDecoder();

/** The verifier and parser of one spec's webhooks (the generated `verifyKomboWebhook` / `parseKomboWebhook`). */
export function createWebhookParser<Event>(document: OpenApiDocument): WebhookParser<Event> {
  const events = new Map(webhookEvents(document).map((event) => [event.type, event]));
  const validators = new Map<string, Validator>();
  let compiler: Promise<{ compileAt(pointer: string): Validator }> | undefined;

  // ajv loads on the first parse only, so code that only verifies stays small.
  const validatorFor = async (type: string, pointer: string): Promise<Validator> => {
    const known = validators.get(type);
    if (known !== undefined) return known;
    compiler ??= import("../openapi/validation.js").then(({ SchemaCompiler }) => new SchemaCompiler(document));
    const validator = (await compiler).compileAt(pointer);
    validators.set(type, validator);
    return validator;
  };

  return {
    verify: verifyWebhookSignature,
    async parse(rawBody, signatureHeader, secret) {
      if (!(await verifyWebhookSignature(rawBody, signatureHeader, secret))) {
        throw new WebhookVerificationError(
          "signature",
          signatureHeader ? "the signature does not match the raw body under this secret" : "the request carries no signature",
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(typeof rawBody === "string" ? rawBody : decoder.decode(rawBody));
      } catch {
        throw new WebhookVerificationError("body", "the body is not JSON");
      }
      const type = typeof body === "object" && body !== null ? (body as { type?: unknown }).type : undefined;
      if (typeof type !== "string") throw new WebhookVerificationError("body", "the body is not a webhook event: it has no string `type`", ["$.type is required"]);
      const event = events.get(type);
      if (event === undefined) return undefined;
      const issues = (await validatorFor(type, event.schemaPointer))(body);
      if (issues.length > 0) {
        const { formatIssue } = await import("../openapi/validation.js");
        const problems = issues.map(formatIssue);
        throw new WebhookVerificationError("body", `the ${type} event breaks its schema: ${problems.join("; ")}`, problems);
      }
      return body as Event;
    },
  };
}
