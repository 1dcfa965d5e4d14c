import { signWebhookBody } from "../../../client/webhook-signature.js";
import { compileSpec, type SpecIndex } from "../../../openapi/spec-index.js";
import { webhookEvents, webhookSignatureHeader } from "../../../openapi/webhooks.js";
import { providerDocuments, providerValidators } from "../../../providers/documents.js";
import { providerIds, type ProviderId } from "../../../providers/registry.js";
import { FakeDataGenerator } from "../../data/fake-data.js";
import { loadFaker } from "../../data/faker.js";
import { randomId } from "../../data/random.js";
import type { SignedWebhook } from "../webhook-delivery.js";

/**
 * A webhook of any declared type, as the provider would deliver it to an app's endpoint, for the app's
 * own tests: believable data from the spec's schema (the mock's fake data, following the spec's examples),
 * the envelope `{ id, type, data }`, and the signature header made with `secret`.
 *
 *     const { headers, body } = await signedWebhook({ type: "integration-state-changed", secret, data: { state: "INVALID" } });
 *     const response = await app.request("/webhooks/kombo", { method: "POST", headers, body });
 */
export interface SignedWebhookOptions {
  /** The declared event type, e.g. `integration-created`. */
  type: string;
  secret: string;
  /** Default: the first provider whose spec declares webhooks (Kombo). */
  provider?: ProviderId;
  /** Fields of `data` to set (merged over the generated ones). */
  data?: Record<string, unknown>;
  /** The event id; default a fresh one. */
  id?: string;
  /** The same data for the same seed; default a fresh seed each call. */
  seed?: number;
}

const generators = new Map<ProviderId, { spec: SpecIndex; fake: FakeDataGenerator }>();

async function generatorFor(provider: ProviderId): Promise<{ spec: SpecIndex; fake: FakeDataGenerator }> {
  let generator = generators.get(provider);
  if (generator === undefined) {
    const spec = compileSpec(providerDocuments[provider], { precompiled: providerValidators[provider] });
    // faker is imported here, on the first signed webhook, as for the mock's first dynamic answer.
    generator = { spec, fake: new FakeDataGenerator({ document: spec.document, compileSchema: spec.compileSchema, faker: await loadFaker() }) };
    generators.set(provider, generator);
  }
  return generator;
}

export async function signedWebhook(options: SignedWebhookOptions): Promise<SignedWebhook> {
  const provider = options.provider ?? providerIds.find((id) => webhookSignatureHeader(providerDocuments[id]) !== undefined);
  if (provider === undefined) throw new Error("no provider's spec declares webhooks");
  const document = providerDocuments[provider];
  const events = webhookEvents(document);
  const event = events.find((candidate) => candidate.type === options.type);
  const header = webhookSignatureHeader(document);
  if (event === undefined || event.schema === undefined || header === undefined) {
    throw new Error(`"${options.type}" is not a ${provider} webhook; declared: ${events.map((candidate) => candidate.type).join(", ")}`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const generated = (await generatorFor(provider)).fake.generate(event.schema, seed, Object.values(event.examples)) as { data?: Record<string, unknown> };
  const body = JSON.stringify({ id: options.id ?? randomId(24), type: options.type, data: { ...generated.data, ...options.data } });
  return { headers: { "content-type": "application/json", [header.toLowerCase()]: await signWebhookBody(body, options.secret) }, body };
}
