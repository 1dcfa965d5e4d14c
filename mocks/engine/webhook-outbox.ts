import type { SpecIndex } from "../../openapi/spec-index.js";
import { formatIssue, type Validator } from "../../openapi/validation.js";
import { webhookEvents } from "../../openapi/webhooks.js";
import { setBounded } from "./bounded-map.js";

/**
 * The webhook events an engine raised, as plain data: the behaviour table emits an event, the outbox gives
 * it its id, checks it against the spec's webhook schema and tells its listeners (the adapters, which sign
 * and deliver it). Adapters report each delivery attempt back, so `GET /__mock/webhooks` lists both.
 * No I/O here: signing and sending are the adapters' job.
 */
export interface WebhookEventMessage {
  /** The same on every delivery attempt of this event. */
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export interface WebhookAttempt {
  atMs: number;
  /** The receiver's HTTP status; absent when it gave none. */
  status?: number;
  /** Why there was no answer: time-out, connection refused, ... */
  error?: string;
}

export type WebhookDeliveryState = "pending" | "retrying" | "delivered" | "failed" | "not-configured";

export interface WebhookDelivery {
  eventId: string;
  type: string;
  createdAtMs: number;
  state: WebhookDeliveryState;
  attempts: WebhookAttempt[];
}

export type WebhookListener = (event: WebhookEventMessage) => void;

/** Deliveries kept for `GET /__mock/webhooks`; past it the oldest are forgotten. */
const maxDeliveries = 1_000;

export class WebhookOutbox {
  private readonly deliveries = new Map<string, WebhookDelivery>();
  private readonly listeners = new Set<WebhookListener>();
  private readonly validators: Map<string, Validator>;

  constructor(
    spec: SpecIndex,
    private readonly now: () => number,
    private readonly randomId: (length: number) => string,
    private readonly onInvalid: (type: string, problems: string[]) => void,
  ) {
    this.validators = new Map(webhookEvents(spec.document).flatMap((event) => (event.schema === undefined ? [] : [[event.type, spec.compileSchema(event.schema)] as const])));
  }

  /** True when the spec declares webhooks (only then does the engine serve `/__mock/webhooks`). */
  get declared(): boolean {
    return this.validators.size > 0;
  }

  /** Raises an event: the behaviour tables call it (through their handler context). */
  emit(type: string, data: Record<string, unknown>): WebhookEventMessage {
    const event: WebhookEventMessage = { id: this.randomId(24), type, data };
    const validate = this.validators.get(type);
    const problems = validate === undefined ? [`"${type}" is not a webhook the spec declares`] : validate(event).map(formatIssue);
    if (problems.length > 0) this.onInvalid(type, problems);
    const state: WebhookDeliveryState = this.listeners.size > 0 ? "pending" : "not-configured";
    setBounded(this.deliveries, event.id, { eventId: event.id, type, createdAtMs: this.now(), state, attempts: [] }, maxDeliveries);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** An adapter delivers every event raised from now on; returns the unsubscribe. */
  subscribe(listener: WebhookListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An adapter's report of one delivery attempt and where the delivery stands after it. */
  recordAttempt(eventId: string, attempt: WebhookAttempt, state: WebhookDeliveryState): void {
    const delivery = this.deliveries.get(eventId);
    if (delivery === undefined) return;
    delivery.attempts.push(attempt);
    delivery.state = state;
  }

  /** Every delivery kept, oldest first (copies). */
  list(): WebhookDelivery[] {
    return [...this.deliveries.values()].map((delivery) => ({ ...delivery, attempts: delivery.attempts.map((attempt) => ({ ...attempt })) }));
  }

  clear(): void {
    this.deliveries.clear();
  }
}
