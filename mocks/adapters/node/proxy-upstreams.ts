import type { ErrorRule } from "../../engine/definition.js";
import { providerNames, type ProviderName } from "../../behaviour/index.js";

/** What proxying needs to know of each provider, as data: where the live API is and how it says "bad gateway". */
export interface UpstreamRules {
  /** The live base URL, or undefined when the provider has no fixed host. */
  liveBaseUrl: string | undefined;
  /** The environment variable that points the toolkit at another base URL. */
  baseUrlVariable: string;
  /** The command-line flag that names the upstream. */
  flag: string;
  /** A base URL to show in messages. */
  exampleUrl: string;
  /** The 502 answered when the upstream cannot be reached, in the provider's error format. */
  unreachable: ErrorRule;
}

export const upstreamRules: Readonly<Record<ProviderName, UpstreamRules>> = {
  kombo: {
    liveBaseUrl: "https://api.kombo.dev/v1",
    baseUrlVariable: "KOMBO_BASE_URL",
    flag: "--kombo-upstream",
    exampleUrl: "https://api.kombo.dev/v1",
    // Kombo's `code` is a closed enum without a gateway error, so the code is null and the title says it.
    unreachable: { status: 502, code: null, title: "Upstream unreachable (mock proxy)." },
  },
  kinde: {
    // Each Kinde business has its own host (https://{subdomain}.kinde.com): there is no default to proxy to.
    liveBaseUrl: undefined,
    baseUrlVariable: "KINDE_BASE_URL",
    flag: "--kinde-upstream",
    exampleUrl: "https://<your-subdomain>.kinde.com",
    unreachable: { status: 502, code: "UPSTREAM_UNREACHABLE" },
  },
};

export type ProxyUpstreams = Partial<Record<ProviderName, string>>;

function checkedUrl(name: ProviderName, raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${source}=${raw} is not a URL: give the ${name} base URL, e.g. ${upstreamRules[name].exampleUrl}`);
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
  providers: readonly ProviderName[],
  flags: Partial<Record<ProviderName, string | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): ProxyUpstreams {
  const upstreams: ProxyUpstreams = {};
  for (const name of providers) {
    const rules = upstreamRules[name];
    const flag = flags[name];
    const fromEnv = env[rules.baseUrlVariable];
    if (flag !== undefined && flag !== "") upstreams[name] = checkedUrl(name, flag, rules.flag);
    else if (fromEnv !== undefined && fromEnv.trim() !== "") upstreams[name] = checkedUrl(name, fromEnv.trim(), rules.baseUrlVariable);
    else if (rules.liveBaseUrl !== undefined) upstreams[name] = rules.liveBaseUrl;
    else {
      const others = providerNames.filter((other) => other !== name);
      throw new Error(
        `Cannot proxy ${name}: it has no fixed host (each account has its own, ${rules.exampleUrl}). ` +
          `Pass ${rules.flag} ${rules.exampleUrl} or set ${rules.baseUrlVariable}, or proxy only ${others.join(" and ")} with --proxy ${others.join(",")}.`,
      );
    }
  }
  return upstreams;
}
