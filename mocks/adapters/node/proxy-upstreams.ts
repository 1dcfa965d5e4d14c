import { environmentVariable, providerIds, providers, type ProviderId } from "../../../providers/registry.js";

/** Where each proxied provider's requests go: the registry's facts, a flag, or an environment variable. */

export type ProxyUpstreams = Partial<Record<ProviderId, string>>;

/** The flag that names a provider's upstream, e.g. `--kombo-upstream`. */
export function upstreamFlag(id: ProviderId): string {
  return `--${id}-upstream`;
}

/** The environment variable that points the toolkit at another base URL, e.g. `KOMBO_BASE_URL`. */
export function upstreamVariable(id: ProviderId): string {
  return environmentVariable(id, "BASE_URL");
}

function checkedUrl(id: ProviderId, raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${source}=${raw} is not a URL: give the ${id} base URL, e.g. ${providers[id].upstreamExample}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${source}=${raw} must be an http or https URL`);
  if (url.search !== "" || url.hash !== "") throw new Error(`${source}=${raw} must be a base URL without query or fragment`);
  return url.href.replace(/\/+$/, "");
}

/**
 * The upstream of each proxied provider: the flag, else `KOMBO_BASE_URL`/`KINDE_BASE_URL`, else the live
 * base URL. Throws a sentence a person can act on when a provider has none (Kinde has no fixed host).
 */
export function resolveUpstreams(
  proxied: readonly ProviderId[],
  flags: Partial<Record<ProviderId, string | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): ProxyUpstreams {
  const upstreams: ProxyUpstreams = {};
  for (const id of proxied) {
    const facts = providers[id];
    const flag = flags[id];
    const variable = upstreamVariable(id);
    const fromEnv = env[variable];
    if (flag !== undefined && flag !== "") upstreams[id] = checkedUrl(id, flag, upstreamFlag(id));
    else if (fromEnv !== undefined && fromEnv.trim() !== "") upstreams[id] = checkedUrl(id, fromEnv.trim(), variable);
    else if (facts.defaultUpstream !== undefined) upstreams[id] = facts.defaultUpstream;
    else {
      const others = providerIds.filter((other) => other !== id);
      throw new Error(
        `Cannot proxy ${id}: it has no fixed host (each account has its own, ${facts.upstreamExample}). ` +
          `Pass ${upstreamFlag(id)} ${facts.upstreamExample} or set ${variable}, or proxy only ${others.join(" and ")} with --proxy ${others.join(",")}.`,
      );
    }
  }
  return upstreams;
}
