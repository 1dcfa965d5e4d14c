import { InvalidArgumentError, Option, type Command } from "commander";
import type { Environment } from "../io.js";
import { environmentVariable, providers, type ProviderId } from "../../providers/registry.js";

/** The listening flags shared by `mock` and `npm run mock:prism`: ports, host, quiet, each with its variable. */

export interface ListenOptions {
  komboPort: number;
  kindePort: number;
  host: string;
  quiet: boolean;
}

const defaultHost = "127.0.0.1";

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
  return raw.trim() === "" ? defaultHost : raw.trim();
}

function portOption(id: ProviderId): Option {
  const { title, defaultPort } = providers[id];
  return new Option(`--${id}-port <port>`, `${title} mock port (0: any free port, printed)`)
    .env(environmentVariable(id, "MOCK_PORT"))
    .default(defaultPort)
    .argParser(portParser(defaultPort));
}

export function withListenOptions(command: Command): Command {
  return command
    .addOption(portOption("kombo"))
    .addOption(portOption("kinde"))
    .addOption(new Option("--host <host>", "interface to listen on (0.0.0.0: every interface)").env("MOCK_HOST").default(defaultHost).argParser(hostParser))
    .option("--quiet", "no per-request log lines (env: MOCK_QUIET=1)");
}

/** What `withListenOptions` parsed, defaults filled in. */
export function listenOptionsOf(options: Partial<ListenOptions>, env: Environment): ListenOptions {
  return {
    komboPort: options.komboPort ?? providers.kombo.defaultPort,
    kindePort: options.kindePort ?? providers.kinde.defaultPort,
    host: options.host ?? defaultHost,
    // A boolean flag reads no value from commander's `.env()`; only MOCK_QUIET=1 means quiet, as before the flag.
    quiet: options.quiet === true || env.MOCK_QUIET === "1",
  };
}
