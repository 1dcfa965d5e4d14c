import type { HttpHandler } from "msw";
import type { ProviderCoverage } from "../../../openapi/coverage.js";
import type { EngineOptions } from "../../engine/engine.js";
import { readHar, type Har } from "../../record/har.js";
import { replayFrom } from "../../record/har-replay.js";
import { mergeJournals, type ProviderJournalEntry } from "../../engine/journal.js";
import { kindeProvider, komboProvider, type KindeState, type KomboState, type MockSettings } from "../../behaviour/index.js";
import type { paths as KindePaths } from "../../../generated/kinde/types.js";
import type { paths as KomboPaths } from "../../../generated/kombo/types.js";
import { createProviderMocks, type ProviderMocks } from "./provider-mocks.js";
import { deliverWebhooks, type MockWebhookSettings, type SignedWebhook, type WebhookSender } from "../webhook-delivery.js";

/**
 * msw handlers for both providers over the mock engine, for `setupServer` (Node) and `setupWorker`
 * (browser) alike:
 *
 *     const mocks = createMockHandlers();
 *     const server = setupServer(...mocks.handlers);
 *     server.use(mocks.kombo.post("/connect/create-link", ({ response }) => response(400).example()));
 */
export interface MockHandlersOptions {
  /** Default: the spec's servers, `https://api.kombo.dev/v1` and `https://api.us.kombo.dev/v1`. */
  kombo?: { baseUrls?: readonly string[] };
  /** Default: `https://*.kinde.com` (any business domain). */
  kinde?: { baseUrls?: readonly string[] };
  /** Pinned credentials and connected apps (see `mockSettingsFromEnv`); default: any bearer, any key_code_ref. */
  settings?: MockSettings;
  /** Clock (e.g. `createManualClock()` to expire links), response validation, drift hook; shared by both engines. */
  engine?: EngineOptions;
  /**
   * A HAR recording (e.g. from `npm run mock -- --proxy --record session.har`): requests that match a
   * recorded one get the recorded answer, checked against the spec; the rest go to the mock. `Prefer` still wins.
   */
  replay?: Har;
  /**
   * Webhooks, signed as the provider signs them: `{ kombo: { secret, handler } }` calls your webhook handler in
   * process with each event (`{ headers, body }`; its status counts as the answer, retried on non-2xx), or
   * `{ kombo: { secret, url } }` POSTs them (let that URL through msw). `webhooks()` lists every event signed.
   */
  webhooks?: MockWebhookSettings;
}

export interface MockHandlers {
  /** Both providers' handlers: spread them into `setupServer(...)` or `setupWorker(...)`. */
  handlers: HttpHandler[];
  kombo: ProviderMocks<KomboPaths>;
  kinde: ProviderMocks<KindePaths>;
  /** Forgets every link, token and session of both providers (call it after each test). */
  reset(): void;
  /** Both request journals, oldest first: what the app sent, to assert on in a test. */
  requests(): ProviderJournalEntry[];
  /** Empties both journals. */
  clearRequests(): void;
  /** Which declared answers (status and named example) each provider's mock gave, with counts, as `GET /__mock/coverage` serves them. */
  coverage(): ProviderCoverage[];
  /**
   * Every webhook raised since the last `reset()`, as delivered (`{ headers, body }`), once no delivery is in
   * flight. Needs `webhooks` with a secret.
   */
  webhooks(): Promise<SignedWebhook[]>;
}

export function createMockHandlers(options: MockHandlersOptions = {}): MockHandlers {
  const engine = options.replay === undefined ? options.engine : Object.assign({}, options.engine, { replay: replayFrom(readHar(options.replay, "replay")) });
  const kombo = createProviderMocks<KomboPaths, KomboState>(komboProvider(options.settings?.kombo), {
    baseUrls: options.kombo?.baseUrls,
    engine,
  });
  const kinde = createProviderMocks<KindePaths, KindeState>(kindeProvider(options.settings?.kinde), {
    baseUrls: options.kinde?.baseUrls,
    engine,
  });
  const senders: WebhookSender[] = [];
  for (const mocks of [kombo, kinde]) {
    const receiver = options.webhooks?.[mocks.engine.provider];
    if (receiver !== undefined) senders.push(deliverWebhooks(mocks.engine, receiver, options.webhooks));
  }
  return {
    handlers: [kombo.handler, kinde.handler],
    kombo,
    kinde,
    reset() {
      kombo.reset();
      kinde.reset();
      for (const sender of senders) sender.clear();
    },
    async webhooks() {
      if (senders.length === 0) throw new Error("no webhooks to list: pass webhooks: { kombo: { secret, handler } } to the set-up");
      await Promise.all(senders.map((sender) => sender.settled()));
      return senders.flatMap((sender) => sender.signed());
    },
    requests: () => mergeJournals([kombo.engine, kinde.engine]),
    clearRequests() {
      kombo.engine.clearRequests();
      kinde.engine.clearRequests();
    },
    coverage: () => [kombo.engine.coverage(), kinde.engine.coverage()],
  };
}

export { MockOverrideError } from "./overrides.js";
export type { JournalEntry, JournalFilter, ProviderJournalEntry } from "../../engine/journal.js";
export type { MockOverride, OverrideInput } from "../../engine/overrides.js";
export type { OperationCoverage, ProviderCoverage } from "../../../openapi/coverage.js";
export { signedWebhook, type SignedWebhookOptions } from "./signed-webhook.js";
export { defaultWebhookRetryDelaysSeconds, type InProcessReceiver, type MockWebhookSettings, type SignedWebhook, type WebhookReceiver } from "../webhook-delivery.js";
export type { Har, HarEntry } from "../../record/har.js";
export type { ProviderMocks } from "./provider-mocks.js";
export type { OverrideAnswer, OverrideContext, OverrideResolver, ResponseHelper, StatusAnswers } from "./override-types.js";
