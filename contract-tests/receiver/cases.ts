import { signWebhookBody } from "../../client/webhook-signature.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { webhookEvents, webhookSignatureHeader } from "../../openapi/webhooks.js";
import type { ReceiverCheckName } from "../model/receiver-checks.js";

/**
 * What the receiver contract test sends: each declared event validly signed, then the ways a forged or
 * broken delivery looks, and what the provider may legitimately do (a new event type, a redelivery).
 * Bodies are the spec's own webhook examples with a fresh event id, so a receiver that remembers ids
 * across runs still sees new events.
 */
interface ReceiverDelivery {
  headers: Record<string, string>;
  body: string;
}

export interface ReceiverCase {
  name: string;
  check: ReceiverCheckName;
  /** Sent in order; every one must get the expected class of answer. */
  deliveries: ReceiverDelivery[];
  expect: "2xx" | "4xx";
}

/** A type Kombo does not send today; a receiver must acknowledge it rather than fail the delivery. */
const futureEventType = "integration-future-event";

export async function receiverCases(document: OpenApiDocument, secret: string, freshId: () => string): Promise<ReceiverCase[]> {
  const header = webhookSignatureHeader(document);
  if (header === undefined) throw new Error("the spec declares no webhooks");
  const signed = async (event: unknown, key = secret): Promise<ReceiverDelivery> => {
    const body = JSON.stringify(event);
    return { headers: { "content-type": "application/json", [header]: await signWebhookBody(body, key) }, body };
  };
  const events = webhookEvents(document).map((declared) => {
    const example = Object.values(declared.examples)[0];
    if (typeof example !== "object" || example === null) throw new Error(`webhook ${declared.type} has no example to send`);
    return { type: declared.type, event: { ...(example as Record<string, unknown>), id: freshId() } };
  });
  const cases: ReceiverCase[] = [];
  for (const { type, event } of events) cases.push({ name: `${type}, validly signed`, check: "webhook_accepted", deliveries: [await signed(event)], expect: "2xx" });

  const first = events[0];
  if (first === undefined) return cases;
  const original = await signed({ ...first.event, id: freshId() });
  const tamperedBody = original.body.replace(/"data":\{/, '"data":{"tampered":true,');
  const signature = original.headers[header] as string;
  cases.push(
    { name: `${first.type}, body changed after signing`, check: "webhook_tampered_refused", deliveries: [{ headers: original.headers, body: tamperedBody }], expect: "4xx" },
    { name: `${first.type}, signed with another secret`, check: "webhook_wrong_secret_refused", deliveries: [await signed({ ...first.event, id: freshId() }, `${secret}-not-yours`)], expect: "4xx" },
    { name: `${first.type}, signature with = padding`, check: "webhook_padded_signature_refused", deliveries: [{ headers: { ...original.headers, [header]: `${signature}=` }, body: original.body }], expect: "4xx" },
    { name: `${first.type}, no signature header`, check: "webhook_unsigned_refused", deliveries: [{ headers: { "content-type": "application/json" }, body: original.body }], expect: "4xx" },
    {
      name: `${futureEventType}, a type Kombo may add tomorrow`,
      check: "webhook_unknown_type_tolerated",
      deliveries: [await signed({ id: freshId(), type: futureEventType, data: { integration_id: "personio:future" } })],
      expect: "2xx",
    },
  );
  const repeated = await signed({ ...first.event, id: freshId() });
  cases.push({ name: `${first.type}, the same event twice`, check: "webhook_redelivery_accepted", deliveries: [repeated, repeated], expect: "2xx" });
  return cases;
}
