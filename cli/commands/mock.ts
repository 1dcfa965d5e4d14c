import { Command } from "commander";
import type { Outcome } from "../exit-codes.js";
import { processIo, type CommandIo } from "../io.js";
import { closeOnSignals, isEntryPoint, refuse, runCommand, withAction } from "../run.js";
import { listenOptionsOf, withListenOptions, type ListenOptions } from "./listen-flags.js";
import { proxyBanner, proxyServerOptions, withProxyOptions, type ProxyFlags, type ProxyServerOptions } from "./proxy-flags.js";
import { mockSettingsFromEnv } from "../../mocks/behaviour/index.js";
import { startMockServers } from "../../mocks/adapters/node/server.js";
import { packageVersion } from "../../providers/files.js";
import { providers } from "../../providers/registry.js";

/** `connect-contracts mock` and `npm run mock`: both mocks over HTTP until Ctrl-C. */

const helpAfter = `
Credentials (environment only, so they stay out of shell history and \`ps\`):
  KOMBO_MOCK_API_KEY        the only Kombo API key(s) accepted, comma-separated (default: any bearer)
  KINDE_MOCK_TOKEN          the only Kinde Management API token(s) accepted, comma-separated
  KINDE_MOCK_KEY_CODE_REFS  the connected apps that exist, comma-separated (default: any)
  KINDE_MOCK_CLIENT_ID      the only M2M client_id POST /oauth2/token accepts (default: any)
  KINDE_MOCK_CLIENT_SECRET  the only client_secret it accepts (default: any)
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

Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 could not listen (port in use, unknown host), 2 bad command line.`;

const description = "Run the Kombo (default :4010) and Kinde (default :4011) mocks over HTTP until Ctrl-C";

/** The `mock` command, ready to mount (`program.addCommand(mockCommand(io))`). */
export function mockCommand(io: CommandIo = processIo): Command {
  const command = withProxyOptions(withListenOptions(new Command("mock").description(description)))
    .version(packageVersion())
    .addHelpText("after", helpAfter)
    .showHelpAfterError("(add --help to see the options)");
  return withAction(command, io, async (options: Partial<ListenOptions> & ProxyFlags) => {
    let proxyOptions: ProxyServerOptions;
    try {
      proxyOptions = proxyServerOptions(options, io.env);
    } catch (error) {
      refuse(command, `${command.name()}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return runMock(listenOptionsOf(options, io.env), proxyOptions, command.name(), io);
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

async function runMock(options: ListenOptions, proxyOptions: ProxyServerOptions, name: string, io: CommandIo): Promise<Outcome> {
  const settings = mockSettingsFromEnv(io.env);
  let mocks;
  try {
    mocks = await startMockServers({
      ...options,
      ...proxyOptions,
      settings,
      engine: { onDrift: (drift) => io.err(`DRIFT ${drift.operationId} ${drift.status}: ${drift.problems.join("; ")}\n`) },
    });
  } catch (error) {
    io.err(`${name}: could not start the mocks: ${error instanceof Error ? error.message : String(error)}\n`);
    return "failed";
  }
  const pinned = [
    settings.kombo?.apiKeys?.length ? "KOMBO_MOCK_API_KEY" : "",
    settings.kinde?.tokens?.length ? "KINDE_MOCK_TOKEN" : "",
    settings.kinde?.keyCodeRefs?.length ? "KINDE_MOCK_KEY_CODE_REFS" : "",
    settings.kinde?.clientId !== undefined ? "KINDE_MOCK_CLIENT_ID" : "",
    settings.kinde?.clientSecret !== undefined ? "KINDE_MOCK_CLIENT_SECRET" : "",
  ].filter(Boolean);
  io.out(
    [
      `${providers.kombo.title} mock  ${mocks.kombo.baseUrl}`,
      `${providers.kinde.title} mock  ${mocks.kinde.baseUrl}`,
      ...proxyBanner(proxyOptions, { kombo: mocks.kombo.baseUrl, kinde: mocks.kinde.baseUrl }),
      // A pinned credential is named by its variable, never printed: the banner lands in terminals and CI logs.
      `Typed clients: createKomboClient({ apiKey: ${settings.kombo?.apiKeys?.length ? "process.env.KOMBO_MOCK_API_KEY" : '"any"'}, baseUrl: "${mocks.kombo.baseUrl}" }); createKindeClient({ token: ${settings.kinde?.tokens?.length ? "process.env.KINDE_MOCK_TOKEN" : '"any"'}, baseUrl: "${mocks.kinde.baseUrl}" })`,
      `Credentials: ${credentialsLine(pinned, proxyOptions)}. Reset state: POST ${mocks.kombo.origin}/__mock/reset (and ${mocks.kinde.origin}/__mock/reset). Ready ${Math.round(performance.now())} ms after start; Ctrl-C stops.`,
      "",
    ].join("\n"),
  );
  closeOnSignals(mocks, (signal) => io.out(`\n${signal}: stopping the mocks\n`));
  return "ok";
}

/** `npm run mock -- <flags>` (cli/launch-mock.mjs calls this in its bundle) and `tsx cli/commands/mock.ts <flags>`. */
export async function runMockCommand(args: readonly string[]): Promise<void> {
  await runCommand((io) => mockCommand(io).name("npm run mock --"), args);
}

if (isEntryPoint(import.meta.url)) await runMockCommand(process.argv.slice(2));
