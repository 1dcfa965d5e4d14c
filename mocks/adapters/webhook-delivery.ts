import { signWebhookBody } from "../../client/webhook-signature.js";
import { webhookSignatureHeader } from "../../openapi/webhooks.js";
import type { ProviderId } from "../../providers/registry.js";
import type { MockEngine } from "../engine/engine.js";
import type { WebhookAttempt, WebhookEventMessage } from "../engine/webhook-outbox.js";

/**
 * Delivers an engine's webhook events the way the provider does: the body is the event's JSON, signed in
 * the spec's signature header (HMAC-SHA256, base64url without padding), POSTed at least once: a non-2xx
 * answer, a time-out or a refused connection is retried after each of `retryDelaysSeconds`, with the same
 * event id every time. Each attempt is reported to the engine (`GET /__mock/webhooks`); the secret and
 * the signature are never part of a report. fetch, timers and WebCrypto only: runs in Node and browsers.
 */

/** The mock's own retry schedule (Kombo publishes none): after 1 s, 5 s and 25 s, then it gives up. */
export const defaultWebhookRetryDelaysSeconds: readonly number[] = [1, 5, 25];
/** How long a receiver may take to answer one attempt. */
const defaultWebhookTimeoutMs = 10_000;
/** The newest signed events kept for `signed()`, as many as the outbox keeps deliveries: a long-running mock must not grow. */
const maxSigned = 1_000;

/** One event as the receiver gets it: the headers (signature included) and the raw body. */
export interface SignedWebhook {
  headers: Record<string, string>;
  body: string;
}

/** A receiver in the same process (msw set-ups, tests): its answer's status, or a throw, counts as the attempt's outcome. */
export type InProcessReceiver = (webhook: SignedWebhook) => number | { status: number } | void | Promise<number | { status: number } | void>;

export interface WebhookReceiver {
  /** The webhook secret the events are signed with. */
  secret: string;
  /** Where the events are POSTed. */
  url?: string;
  /** Called with each event instead of a POST when no `url` is given. Answering nothing counts as 200. */
  handler?: InProcessReceiver;
}

export interface WebhookDeliveryOptions {
  /** Default `defaultWebhookRetryDelaysSeconds`. */
  retryDelaysSeconds?: readonly number[];
  /** Default `defaultWebhookTimeoutMs`. */
  timeoutMs?: number;
}

/** Webhook delivery for the mocks: a receiver per provider (only specs that declare webhooks take one), one schedule. */
export type MockWebhookSettings = WebhookDeliveryOptions & Partial<Record<ProviderId, WebhookReceiver>>;

export interface WebhookSender {
  /** The events signed so far, in order, the newest 1,000 (for in-process tests). */
  signed(): SignedWebhook[];
  /** Resolves once no delivery is in flight or waiting for a retry. */
  settled(): Promise<void>;
  /** Forgets the events signed so far (deliveries under way go on). */
  clear(): void;
  /** Stops retrying and delivering. */
  close(): void;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) return `timed out after ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (typeof cause?.code === "string") return `connection failed (${cause.code})`;
  return `delivery failed: ${error instanceof Error ? error.message : String(error)}`;
}

export function deliverWebhooks(engine: MockEngine, receiver: WebhookReceiver, options: WebhookDeliveryOptions = {}): WebhookSender {
  const header = webhookSignatureHeader(engine.spec.document);
  if (header === undefined) throw new Error(`the ${engine.provider} spec declares no webhooks to deliver`);
  if (receiver.secret === "") throw new Error("a webhook secret is needed to sign the events");
  const delays = options.retryDelaysSeconds ?? defaultWebhookRetryDelaysSeconds;
  const timeoutMs = options.timeoutMs ?? defaultWebhookTimeoutMs;
  const signed: SignedWebhook[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  let closed = false;

  const done = (): void => {
    if (closed) return;
    inFlight--;
    if (inFlight > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  const send = async (webhook: SignedWebhook): Promise<{ status?: number; error?: string }> => {
    try {
      if (receiver.url !== undefined) {
        const response = await fetch(receiver.url, { method: "POST", headers: webhook.headers, body: webhook.body, signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
        return { status: response.status };
      }
      const answer = await receiver.handler?.(webhook);
      return { status: typeof answer === "number" ? answer : (answer?.status ?? 200) };
    } catch (error) {
      return { error: describeFailure(error, timeoutMs) };
    }
  };

  const attempt = async (event: WebhookEventMessage, webhook: SignedWebhook, retry: number): Promise<void> => {
    const outcome = await send(webhook);
    if (closed) return done();
    const record: WebhookAttempt = { atMs: engine.clock.now(), ...outcome };
    const delivered = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
    const delay = delays[retry];
    if (delivered || delay === undefined) {
      engine.webhooks.recordAttempt(event.id, record, delivered ? "delivered" : "failed");
      return done();
    }
    engine.webhooks.recordAttempt(event.id, record, "retrying");
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(event, webhook, retry + 1);
    }, delay * 1000);
    timers.add(timer);
  };

  const unsubscribe = engine.webhooks.subscribe((event) => {
    if (closed) return;
    inFlight++;
    const body = JSON.stringify(event);
    void signWebhookBody(body, receiver.secret).then((signature) => {
      const webhook: SignedWebhook = { headers: { "content-type": "application/json", "user-agent": "connect-contracts-mock", [header]: signature }, body };
      signed.push(webhook);
      if (signed.length > maxSigned) signed.splice(0, signed.length - maxSigned);
      return attempt(event, webhook, 0);
    });
  });

  return {
    signed: () => [...signed],
    clear: () => void signed.splice(0),
    settled: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close() {
      closed = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      inFlight = 0;
      for (const resolve of waiters) resolve();
      waiters = [];
    },
  };
}
