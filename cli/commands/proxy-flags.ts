import { Option, type Command } from "commander";
import { isProviderId, providerIds, providers, type ProviderId } from "../../providers/registry.js";
import type { StartMockServersOptions } from "../../mocks/adapters/node/server.js";
import { resolveUpstreams, upstreamFlag, upstreamVariable } from "../../mocks/adapters/node/proxy-upstreams.js";

/** The mock command's proxy, record and replay flags, and what they become for `startMockServers`. */

export interface ProxyFlags {
  /** `true` for `--proxy` alone (both providers), else the comma-separated providers given. */
  proxy?: true | string;
  komboUpstream?: string;
  kindeUpstream?: string;
  record?: string;
  replay?: string;
}

export type ProxyServerOptions = Pick<StartMockServersOptions, "proxy" | "record" | "replay">;

function upstreamOption(id: ProviderId): Option {
  const { title, defaultUpstream, upstreamExample } = providers[id];
  const fallback = defaultUpstream === undefined ? `required to proxy ${title}` : `default ${defaultUpstream}`;
  const example = defaultUpstream === undefined ? `, e.g. ${upstreamExample}` : "";
  return new Option(`${upstreamFlag(id)} <url>`, `${title} base URL to proxy to${example} (env: ${upstreamVariable(id)}; ${fallback})`);
}

export function withProxyOptions(command: Command): Command {
  return command
    .addOption(new Option("--proxy [providers]", "forward API requests to the real API and check every answer against the spec (kombo, kinde or both: the default)"))
    .addOption(upstreamOption("kombo"))
    .addOption(upstreamOption("kinde"))
    .addOption(new Option("--record <file.har>", "with --proxy: write every proxied exchange to a HAR 1.2 file as it happens, credentials redacted"))
    .addOption(new Option("--replay <file.har>", "answer requests recorded in a HAR file with the recorded answers; the rest from the mock"));
}

function proxiedProviders(value: true | string): ProviderId[] {
  if (value === true) return [...providerIds];
  const names = value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  const known = names.filter(isProviderId);
  if (known.length < names.length || names.length === 0) throw new Error(`--proxy ${value}: name ${providerIds.join(", ")} or both (comma-separated), or give --proxy alone for both`);
  return known;
}

/** The flags as `startMockServers` options; throws a sentence to show the user when they do not fit together. */
export function proxyServerOptions(flags: ProxyFlags, env: Readonly<Record<string, string | undefined>>): ProxyServerOptions {
  if (flags.proxy === undefined) {
    if (flags.record !== undefined) throw new Error("--record needs --proxy: only exchanges with the real API are recorded");
    if (flags.komboUpstream !== undefined || flags.kindeUpstream !== undefined) throw new Error("--kombo-upstream and --kinde-upstream need --proxy");
    return flags.replay === undefined ? {} : { replay: flags.replay };
  }
  if (flags.replay !== undefined) throw new Error("--proxy and --replay exclude each other: record with --proxy --record FILE.har, then replay it without --proxy");
  const proxy = resolveUpstreams(proxiedProviders(flags.proxy), { kombo: flags.komboUpstream, kinde: flags.kindeUpstream }, env);
  return flags.record === undefined ? { proxy } : { proxy, record: flags.record };
}

/** Start-up lines that say what is proxied where, and what is recorded or replayed. */
export function proxyBanner(options: ProxyServerOptions, origins: Readonly<Record<ProviderId, string>>): string[] {
  const lines: string[] = [];
  for (const name of providerIds) {
    const upstream = options.proxy?.[name];
    if (upstream !== undefined) lines.push(`Proxy       ${origins[name]} -> ${upstream} (answers as the upstream gave them, plus x-contract-violations)`);
  }
  if (options.record !== undefined) lines.push(`Recording   ${options.record} (HAR 1.2, credentials redacted)`);
  if (typeof options.replay === "string") lines.push(`Replaying   ${options.replay} (recorded requests get the recorded answers; the rest the mock's)`);
  return lines;
}
