import { InvalidArgumentError, Option, type Command } from "commander";
import type { Environment } from "../io.js";
import { providerDocuments } from "../../providers/documents.js";
import { environmentVariable, providerIds, providers, type ProviderId } from "../../providers/registry.js";
import { webhookSignatureHeader } from "../../openapi/webhooks.js";
import { displayUrl } from "../../openapi/redact.js";
import { defaultWebhookRetryDelaysSeconds, type MockWebhookSettings } from "../../mocks/adapters/webhook-delivery.js";

/**
 * The mock command's webhook flags: for each provider whose spec declares webhooks, `--<id>-webhook-url` and
 * `--<id>-webhook-secret` (each with its variable), and one `--webhook-retry-delays` schedule.
 */

export type WebhookFlags = Record<string, string | readonly number[] | undefined>;

/** The providers whose specs declare webhooks (Kombo). */
export const webhookProviders: readonly ProviderId[] = providerIds.filter((id) => webhookSignatureHeader(providerDocuments[id]) !== undefined);

const camel = (id: ProviderId, what: "Url" | "Secret") => `${id}Webhook${what}`;
const urlVariable = (id: ProviderId) => environmentVariable(id, "MOCK_WEBHOOK_URL");
const secretVariable = (id: ProviderId) => environmentVariable(id, "MOCK_WEBHOOK_SECRET");
const retryVariable = "MOCK_WEBHOOK_RETRY_DELAYS";

function delaysParser(raw: string): readonly number[] {
  if (raw.trim() === "") return [];
  const delays = raw.split(",").map((entry) => Number(entry.trim()));
  if (delays.some((delay) => !Number.isFinite(delay) || delay < 0)) throw new InvalidArgumentError('Not a list of seconds, e.g. "1,5,25" or "0.2" ("" for no retry).');
  return delays;
}

export function withWebhookOptions(command: Command): Command {
  for (const id of webhookProviders) {
    const { title } = providers[id];
    command
      .addOption(new Option(`--${id}-webhook-url <url>`, `POST ${title}'s webhook events here, signed as ${title} signs them`).env(urlVariable(id)))
      .addOption(new Option(`--${id}-webhook-secret <secret>`, `the ${title} webhook secret that signs them (prefer ${secretVariable(id)}: a flag shows in \`ps\`)`).env(secretVariable(id)));
  }
  return command.addOption(
    new Option("--webhook-retry-delays <seconds,...>", `seconds between delivery attempts after a non-2xx, a time-out or a refused connection (default ${defaultWebhookRetryDelaysSeconds.join(",")})`)
      .env(retryVariable)
      .argParser(delaysParser),
  );
}

/** The flags as `startMockServers`' `webhooks`; throws a sentence to show the user when they do not fit together. */
export function webhookServerOptions(flags: WebhookFlags, env: Environment): MockWebhookSettings | undefined {
  const settings: MockWebhookSettings = {};
  for (const id of webhookProviders) {
    const url = (flags[camel(id, "Url")] as string | undefined) ?? env[urlVariable(id)];
    const secret = (flags[camel(id, "Secret")] as string | undefined) ?? env[secretVariable(id)];
    if (url === undefined && secret === undefined) continue;
    if (url === undefined) throw new Error(`--${id}-webhook-secret needs --${id}-webhook-url: where should the events go?`);
    if (secret === undefined || secret === "") throw new Error(`--${id}-webhook-url needs --${id}-webhook-secret (or ${secretVariable(id)}): the events are signed with it`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`--${id}-webhook-url is not a URL (e.g. http://127.0.0.1:3000/webhooks/${id})`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`--${id}-webhook-url must be http:// or https://`);
    settings[id] = { url, secret };
  }
  if (!webhookProviders.some((id) => settings[id] !== undefined)) return undefined;
  const delays = flags.webhookRetryDelays;
  return Array.isArray(delays) ? Object.assign(settings, { retryDelaysSeconds: delays }) : settings;
}

/** Start-up lines: where each provider's webhooks go (the URL as `displayUrl` shows it; never the secret). */
export function webhookBanner(settings: MockWebhookSettings | undefined, origins: Readonly<Record<ProviderId, string>>): string[] {
  if (settings === undefined) return [];
  const delays = (settings.retryDelaysSeconds ?? defaultWebhookRetryDelaysSeconds).join(",") || "none";
  return webhookProviders.flatMap((id) => {
    const url = settings[id]?.url;
    if (url === undefined) return [];
    return [`Webhooks    ${providers[id].title} -> ${displayUrl(url)} (signed; retries after ${delays} s; deliveries: GET ${origins[id]}/__mock/webhooks)`];
  });
}
