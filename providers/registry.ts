/**
 * The provider registry: the one list of providers and every fact about each that its spec does not
 * hold. The generator, the mock, the suite, the proxy, drift, the bench and the CLI all read it; a new
 * provider starts here (see docs/development.md). Plain data: no `node:` module, no spec loaded (the
 * generator reads this before `generated/` exists; `documents.ts` adds the specs).
 */
export const providerIds = ["kombo", "kinde"] as const;

export type ProviderId = (typeof providerIds)[number];

export interface ProviderFacts {
  id: ProviderId;
  /** How messages, banners and reports name it. */
  title: string;
  /** Our spec, relative to the package root. */
  specFile: string;
  /** The port `connect-contracts mock` serves it on by default. */
  defaultPort: number;
  /**
   * Upper-case start of its environment variables: `<prefix>_MOCK_PORT`, `<prefix>_BASE_URL`, and the
   * credentials each part documents (`KOMBO_MOCK_API_KEY`, `KINDE_TOKEN`, ...).
   */
  environmentPrefix: string;
  /** The live API's base URL, base path included; undefined when each account has its own host. */
  defaultUpstream: string | undefined;
  /** A base URL to show in messages and help. */
  upstreamExample: string;
}

export const providers: Readonly<Record<ProviderId, ProviderFacts>> = {
  kombo: {
    id: "kombo",
    title: "Kombo",
    specFile: "specs/kombo.yaml",
    defaultPort: 4010,
    environmentPrefix: "KOMBO",
    defaultUpstream: "https://api.kombo.dev/v1",
    upstreamExample: "https://api.kombo.dev/v1",
  },
  kinde: {
    id: "kinde",
    title: "Kinde",
    specFile: "specs/kinde.yaml",
    defaultPort: 4011,
    environmentPrefix: "KINDE",
    // Each Kinde business has its own host (https://{subdomain}.kinde.com): there is no default to proxy to.
    defaultUpstream: undefined,
    upstreamExample: "https://<your-subdomain>.kinde.com",
  },
};

export function isProviderId(value: string): value is ProviderId {
  return (providerIds as readonly string[]).includes(value);
}

/** `environmentVariable("kombo", "BASE_URL")` -> `KOMBO_BASE_URL`. */
export function environmentVariable(id: ProviderId, name: string): string {
  return `${providers[id].environmentPrefix}_${name}`;
}
