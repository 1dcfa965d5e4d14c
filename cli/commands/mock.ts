import { Command, InvalidArgumentError, Option } from "commander";
import { pathToFileURL } from "node:url";
import { packageVersion } from "../../providers/files.js";
import { runCommand } from "../run.js";
import { mockSettingsFromEnv } from "../../mocks/behaviour/index.js";
import { proxyBanner, proxyServerOptions, withProxyOptions, type ProxyFlags, type ProxyServerOptions } from "./proxy-flags.js";
import { startMockServers } from "../../mocks/adapters/node/server.js";
import { environmentVariable, providers, type ProviderId } from "../../providers/registry.js";

/** `connect-contracts mock` and `npm run mock`: both mocks over HTTP until Ctrl-C. */

export interface MockCommandOptions {
  komboPort: number;
  kindePort: number;
  host: string;
  quiet: boolean;
}

/** A port from a flag or its environment variable; blank (an unset-looking variable) means the default. */
function portParser(fallback: number): (raw: string) => number {
  return (raw) => {
    if (raw.trim() === "") return fallback;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("Not a port (0-65535; 0 picks a free one).");
    return port;
  };
}

function hostParser(raw: string): string {
  return raw.trim() === "" ? "127.0.0.1" : raw.trim();
}

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

function portOption(id: ProviderId): Option {
  const { title, defaultPort } = providers[id];
  return new Option(`--${id}-port <port>`, `${title} mock port (0: any free port, printed)`)
    .env(environmentVariable(id, "MOCK_PORT"))
    .default(defaultPort)
    .argParser(portParser(defaultPort));
}

/** The listening options shared by `mock` and `npm run mock:prism`: ports, host, quiet, each with its variable. */
export function withListenOptions(command: Command): Command {
  return command
    .addOption(portOption("kombo"))
    .addOption(portOption("kinde"))
    .addOption(new Option("--host <host>", "interface to listen on (0.0.0.0: every interface)").env("MOCK_HOST").default("127.0.0.1").argParser(hostParser))
    .option("--quiet", "no per-request log lines (env: MOCK_QUIET=1)");
}

/** What `withListenOptions` parsed, defaults filled in. */
export function listenOptionsOf(options: Partial<MockCommandOptions>): MockCommandOptions {
  return {
    komboPort: options.komboPort ?? providers.kombo.defaultPort,
    kindePort: options.kindePort ?? providers.kinde.defaultPort,
    host: options.host ?? "127.0.0.1",
    // A boolean flag reads no value from commander's `.env()`; only MOCK_QUIET=1 means quiet, as before the flag.
    quiet: options.quiet === true || process.env.MOCK_QUIET === "1",
  };
}

export function mockCommand(): Command {
  return withProxyOptions(withListenOptions(new Command("mock").description("Run the Kombo (default :4010) and Kinde (default :4011) mocks over HTTP until Ctrl-C")))
    .version(packageVersion())
    .addHelpText("after", helpAfter)
    .showHelpAfterError("(add --help to see the options)")
    .action(async (options: Partial<MockCommandOptions> & ProxyFlags, command: Command) => {
      let proxyOptions: ProxyServerOptions;
      try {
        proxyOptions = proxyServerOptions(options, process.env);
      } catch (error) {
        command.error(`${command.name()}: ${error instanceof Error ? error.message : String(error)}`, { exitCode: 2 });
      }
      await runMock(listenOptionsOf(options), proxyOptions, command);
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

async function runMock(options: MockCommandOptions, proxyOptions: ProxyServerOptions, command: Command): Promise<void> {
  const settings = mockSettingsFromEnv(process.env);
  let mocks;
  try {
    mocks = await startMockServers({
      ...options,
      ...proxyOptions,
      settings,
      engine: { onViolation: (report) => process.stderr.write(`DRIFT ${report.operationId} ${report.status}: ${report.problems.join("; ")}\n`) },
    });
  } catch (error) {
    process.stderr.write(`${command.name()}: could not start the mocks: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const pinned = [
    settings.kombo?.apiKeys?.length ? "KOMBO_MOCK_API_KEY" : "",
    settings.kinde?.tokens?.length ? "KINDE_MOCK_TOKEN" : "",
    settings.kinde?.keyCodeRefs?.length ? "KINDE_MOCK_KEY_CODE_REFS" : "",
    settings.kinde?.clientId !== undefined ? "KINDE_MOCK_CLIENT_ID" : "",
    settings.kinde?.clientSecret !== undefined ? "KINDE_MOCK_CLIENT_SECRET" : "",
  ].filter(Boolean);
  process.stdout.write(
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
  closeOnSignals(mocks, (signal) => process.stdout.write(`\n${signal}: stopping the mocks\n`));
}

/** Closes `running` on Ctrl-C or SIGTERM, then exits 0; a second signal while it closes exits at once (130). */
export function closeOnSignals(running: { close(): Promise<void> }, announce?: (signal: string) => void): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      announce?.(signal);
      void running.close().then(() => process.exit(0));
    });
  }
}

/** `npm run mock -- <flags>` (cli/launch-mock.mjs calls this in its bundle) and `tsx cli/commands/mock.ts <flags>`. */
export async function runMockCommand(args: readonly string[]): Promise<void> {
  await runCommand(mockCommand().name("npm run mock --"), args);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runMockCommand(process.argv.slice(2));
