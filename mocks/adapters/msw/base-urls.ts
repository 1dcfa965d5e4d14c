/**
 * Which requests a provider's msw handlers answer: those under one of its base URLs. A base URL is an
 * absolute URL whose host may hold `*` wildcards (one DNS label each), e.g. `https://*.kinde.com`.
 */
export interface BaseUrlMatcher {
  /** The base URLs as given, for messages. */
  readonly baseUrls: readonly string[];
  /** The path after the matching base URL (starting with `/`, or empty), or undefined when none matches. */
  pathWithin(url: URL): string | undefined;
  /** True when the URL's scheme and host fit one of the base URLs, whatever its path. */
  matchesOrigin(url: URL): boolean;
}

interface CompiledBaseUrl {
  protocol: string;
  host: RegExp;
  /** Without trailing slash; empty for the root. */
  pathPrefix: string;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compileBaseUrl(baseUrl: string): CompiledBaseUrl {
  // `new URL` lower-cases and punycodes the host but rejects nothing useful about `*`, so read it by hand.
  const found = /^(https?:)\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(baseUrl.trim());
  if (!found) {
    throw new Error(`Mock base URL must be an absolute http(s) URL without query or fragment, got "${baseUrl}"`);
  }
  const [, protocol = "", host = "", path = ""] = found;
  const hostSource = host
    .toLowerCase()
    .split("*")
    .map(escapeForRegExp)
    .join("[^.:/]+");
  return {
    protocol: protocol.toLowerCase(),
    host: new RegExp(`^${hostSource}$`),
    pathPrefix: path.replace(/\/+$/, ""),
  };
}

/** Turns the spec's server templates (`https://{subdomain}.kinde.com`) into wildcard base URLs. */
export function baseUrlsFromServers(servers: readonly { url: string }[] | undefined): string[] {
  return (servers ?? []).map((server) => server.url.replace(/\{[^}]+\}/g, "*").replace(/\/+$/, ""));
}

export function createBaseUrlMatcher(baseUrls: readonly string[]): BaseUrlMatcher {
  if (baseUrls.length === 0) throw new Error("Mock handlers need at least one base URL");
  const compiled = baseUrls.map(compileBaseUrl);
  return {
    baseUrls,
    pathWithin(url) {
      for (const base of compiled) {
        if (url.protocol !== base.protocol || !base.host.test(url.host)) continue;
        const path = url.pathname;
        if (base.pathPrefix === "") return path;
        if (path === base.pathPrefix) return "";
        if (path.startsWith(`${base.pathPrefix}/`)) return path.slice(base.pathPrefix.length);
      }
      return undefined;
    },
    matchesOrigin(url) {
      return compiled.some((base) => url.protocol === base.protocol && base.host.test(url.host));
    },
  };
}
