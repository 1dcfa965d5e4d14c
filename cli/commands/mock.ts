import { Command } from "commander";
import type { Outcome } from "../exit-codes.js";
import { processIo, type CommandIo } from "../io.js";
import { closeOnSignals, isEntryPoint, refuse, runCommand, withAction } from "../run.js";
import { listenOptionsOf, withListenOptions, type ListenOptions } from "./listen-flags.js";
import { proxyBanner, proxyServerOptions, withProxyOptions, type ProxyFlags, type ProxyServerOptions } from "./proxy-flags.js";
import { webhookBanner, webhookServerOptions, withWebhookOptions, type WebhookFlags } from "./webhook-flags.js";
import type { MockWebhookSettings } from "../../mocks/adapters/webhook-delivery.js";
import { mockSettingsFromEnv, type MockSettings } from "../../mocks/behaviour/index.js";
import { startMockServers } from "../../mocks/adapters/node/server.js";
import { packageVersion } from "../../providers/files.js";
import { environmentVariable, providerIds, providers } from "../../providers/registry.js";

/** `connect-contracts mock` and `npm run mock`: both mocks over HTTP until Ctrl-C. */

interface PinnableCredential {
  variable: string;
  help: string;
  isPinned(settings: MockSettings): boolean;
}

/** The credentials a mock can be pinned to, environment only; mocks/behaviour reads them, in this order. */
const credentials = {
  komboApiKey: {
    variable: environmentVariable("kombo", "MOCK_API_KEY"),
    help: `the only ${providers.kombo.title} API key(s) accepted, comma-separated (default: any bearer)`,
    isPinned: (settings) => Boolean(settings.kombo?.apiKeys?.length),
  },
  kindeToken: {
    variable: environmentVariable("kinde", "MOCK_TOKEN"),
    help: `the only ${providers.kinde.title} Management API token(s) accepted, comma-separated`,
    isPinned: (settings) => Boolean(settings.kinde?.tokens?.length),
  },
  kindeKeyCodeRefs: {
    variable: environmentVariable("kinde", "MOCK_KEY_CODE_REFS"),
    help: "the connected apps that exist, comma-separated (default: any)",
    isPinned: (settings) => Boolean(settings.kinde?.keyCodeRefs?.length),
  },
  kindeClientId: {
    variable: environmentVariable("kinde", "MOCK_CLIENT_ID"),
    help: "the only M2M client_id POST /oauth2/token accepts (default: any)",
    isPinned: (settings) => settings.kinde?.clientId !== undefined,
  },
  kindeClientSecret: {
    variable: environmentVariable("kinde", "MOCK_CLIENT_SECRET"),
    help: "the only client_secret it accepts (default: any)",
    isPinned: (settings) => settings.kinde?.clientSecret !== undefined,
  },
  kindeM2MScopes: {
    variable: environmentVariable("kinde", "MOCK_M2M_SCOPES"),
    help: "the scopes its M2M tokens may carry, comma-separated (default: every x-scope of the spec)",
    isPinned: (settings) => Boolean(settings.kinde?.m2mScopes?.length),
  },
} satisfies Record<string, PinnableCredential>;

const helpAfter = `
Credentials (environment only, so they stay out of shell history and \`ps\`):
${Object.values(credentials)
  .map((credential) => `  ${credential.variable.padEnd(26)}${credential.help}`)
  .join("\n")}
Flags win over their environment variables.

Examples:
  $ connect-contracts mock
  $ connect-contracts mock --kombo-port 4310 --kinde-port 4311 --quiet
  $ connect-contracts mock --host 0.0.0.0          # reachable from a container or a phone
  $ KOMBO_MOCK_API_KEY=sk_test connect-contracts mock
  $ npm run mock -- --kombo-port 4310               # the same command inside a clone of connect-contracts
  $ connect-contracts mock --proxy kombo --record session.har   # live Kombo API, checked and recorded
  $ connect-contracts mock --proxy --kinde-upstream https://acme.kinde.com
  $ connect-contracts mock --replay session.har      # offline: recorded answers, the mock for the rest
  $ KOMBO_MOCK_WEBHOOK_SECRET=whsec connect-contracts mock --kombo-webhook-url http://127.0.0.1:3000/webhooks/kombo

Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 could not listen (port in use, unknown host), 2 bad command line.`;

const description = `Run the ${providerIds.map((id) => `${providers[id].title} (default :${providers[id].defaultPort})`).join(" and ")} mocks over HTTP until Ctrl-C`;

/** The `mock` command, ready to mount (`program.addCommand(mockCommand(io))`). */
export function mockCommand(io: CommandIo = processIo): Command {
  const command = withWebhookOptions(withProxyOptions(withListenOptions(new Command("mock").description(description))))
    .version(packageVersion())
    .addHelpText("after", helpAfter)
    .showHelpAfterError("(add --help to see the options)");
  return withAction(command, io, async (options: Partial<ListenOptions> & ProxyFlags & WebhookFlags) => {
    let proxyOptions: ProxyServerOptions;
    let webhooks: MockWebhookSettings | undefined;
    try {
      proxyOptions = proxyServerOptions(options, io.env);
      webhooks = webhookServerOptions(options, io.env);
    } catch (error) {
      refuse(command, `${command.name()}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return runMock(listenOptionsOf(options, io.env), { ...proxyOptions, webhooks }, command.name(), io);
  });
}

/** What the mocks accept; a proxied provider takes the client's own credential to its upstream instead. */
function credentialsLine(pinned: readonly string[], proxyOptions: ProxyServerOptions): string {
  const proxied = Object.entries(proxyOptions.proxy ?? {})
    .filter(([, upstream]) => upstream !== undefined)
    .map(([name]) => name);
  const mocked = pinned.length > 0 ? `pinned by ${pinned.join(", ")}` : "any non-empty bearer, any key_code_ref";
  return proxied.length > 0 ? `${proxied.join(" and ")}: your own, passed to the upstream; mocked routes: ${mocked}` : mocked;
}

async function runMock(options: ListenOptions, proxyOptions: ProxyServerOptions & { webhooks: MockWebhookSettings | undefined }, name: string, io: CommandIo): Promise<Outcome> {
  const settings = mockSettingsFromEnv(io.env);
  let mocks;
  try {
    mocks = await startMockServers({
      ...options,
      ...proxyOptions,
      settings,
      engine: { onViolation: (report) => io.err(`DRIFT ${report.operationId} ${report.status}: ${report.problems.join("; ")}\n`) },
    });
  } catch (error) {
    io.err(`${name}: could not start the mocks: ${error instanceof Error ? error.message : String(error)}\n`);
    return "failed";
  }
  const pinned = Object.values(credentials)
    .filter((credential) => credential.isPinned(settings))
    .map((credential) => credential.variable);
  // A pinned credential is named by its variable, never printed: the banner lands in terminals and CI logs.
  const credentialOf = (credential: PinnableCredential) => (credential.isPinned(settings) ? `process.env.${credential.variable}` : '"any"');
  io.out(
    [
      ...providerIds.map((id) => `${providers[id].title} mock  ${mocks[id].baseUrl}`),
      ...proxyBanner(proxyOptions, { kombo: mocks.kombo.baseUrl, kinde: mocks.kinde.baseUrl }),
      ...webhookBanner(proxyOptions.webhooks, { kombo: mocks.kombo.origin, kinde: mocks.kinde.origin }),
      `Typed clients: createKomboClient({ apiKey: ${credentialOf(credentials.komboApiKey)}, baseUrl: "${mocks.kombo.baseUrl}" }); createKindeClient({ token: ${credentialOf(credentials.kindeToken)}, baseUrl: "${mocks.kinde.baseUrl}" })`,
      `Credentials: ${credentialsLine(pinned, proxyOptions)}. Reset state: POST ${mocks.kombo.origin}/__mock/reset (and ${mocks.kinde.origin}/__mock/reset). Ready ${Math.round(performance.now())} ms after start; Ctrl-C stops.`,
      "",
    ].join("\n"),
  );
  closeOnSignals(mocks, (signal) => io.out(`\n${signal}: stopping the mocks\n`));
  return "ok";
}

/**
 * `npm run mock -- <flags>` (cli/launch-mock.mjs calls this in its bundle) and `tsx cli/commands/mock.ts <flags>`.
 * @public (knip: the bundle is imported by name at run time)
 */
export async function runMockCommand(args: readonly string[]): Promise<void> {
  await runCommand((io) => mockCommand(io).name("npm run mock --"), args);
}

if (isEntryPoint(import.meta.url)) await runMockCommand(process.argv.slice(2));
