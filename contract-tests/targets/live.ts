import type { ProviderId } from "../model/provider-contract.js";
import { oauth } from "../model/token-endpoint.js";
import type { Capabilities, ProviderEndpoint, RunningTarget, Target } from "./target.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** The environment variables the live target (and `--target url`) reads, per provider. */
const liveEnvironment = {
  kombo: {
    baseUrl: "KOMBO_BASE_URL",
    defaultBaseUrl: "https://api.kombo.dev/v1",
    credential: "KOMBO_API_KEY",
    parameters: {} as Record<string, string>,
    bodyFields: {} as Record<string, string>,
    defaultBodyValues: (): Record<string, string> => ({}),
    integrationToken: "KOMBO_INTEGRATION_TOKEN",
    /** Variables beyond the credential a stateful run cannot do without. */
    stateVariables: [] as readonly string[],
  },
  kinde: {
    baseUrl: "KINDE_BASE_URL",
    defaultBaseUrl: undefined,
    credential: "KINDE_TOKEN",
    parameters: { key_code_ref: "KINDE_KEY_CODE_REF", user_id: "KINDE_USER_ID" } as Record<string, string>,
    /** The client's variables are the names `@kinde/management-api-js`'s `init()` reads, so one environment serves both. */
    bodyFields: { client_id: "KINDE_MANAGEMENT_CLIENT_ID", client_secret: "KINDE_MANAGEMENT_CLIENT_SECRET", audience: "KINDE_MANAGEMENT_AUDIENCE" } as Record<string, string>,
    /** A token for the Management API asks for its audience, `https://<subdomain>.kinde.com/api`. */
    defaultBodyValues: (baseUrl: string): Record<string, string> => ({ audience: `${baseUrl}/api` }),
    consentedSession: "KINDE_SESSION_ID",
    stateVariables: ["KINDE_KEY_CODE_REF"] as readonly string[],
  },
} as const;

/** What a target other than the live APIs needs to know to reach a provider. */
export interface EndpointRequirements {
  /** The base URL (`--kombo-url`); else the provider's `*_BASE_URL` variable or its default. */
  baseUrl?: string | undefined;
  /** Whether the target accepts any credential: then a missing one is replaced by a placeholder. */
  anyCredential: boolean;
  /** Whether the target keeps state: a stateless one needs no known connected app. */
  stateful: boolean;
}

/** Sent when the target accepts any credential and none is set: it proves nothing and is no secret. */
const placeholderCredential = "contract-tests-credential";
/** The same for a token endpoint's client id or secret. */
const placeholderClientValue = "contract-tests-client";

function present(env: Environment, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function endpointFor(provider: ProviderId, env: Environment, requirements: EndpointRequirements): ProviderEndpoint | { skipped: string } {
  const table = liveEnvironment[provider];
  const baseUrl = requirements.baseUrl ?? present(env, table.baseUrl) ?? table.defaultBaseUrl;
  const needed = [
    ...(baseUrl === undefined ? [table.baseUrl] : []),
    ...(requirements.anyCredential ? [] : [table.credential]),
    ...(requirements.stateful ? table.stateVariables : []),
  ];
  const missing = needed.filter((name) => !present(env, name));
  if (missing.length > 0 || baseUrl === undefined) return { skipped: `no credentials: set ${missing.join(", ")}` };
  const parameterValues: Record<string, string> = {};
  for (const [parameter, variable] of Object.entries(table.parameters)) {
    const value = present(env, variable);
    if (value !== undefined) parameterValues[parameter] = value;
  }
  const base = baseUrl.replace(/\/+$/, "");
  const bodyValues: Record<string, string> = { ...table.defaultBodyValues(base) };
  for (const [field, variable] of Object.entries(table.bodyFields)) {
    const value = present(env, variable);
    if (value !== undefined) bodyValues[field] = value;
  }
  // A token endpoint's client: the variables of the client id and secret fields (none where no token endpoint is).
  const clientVariables = [oauth.clientIdField, oauth.clientSecretField].flatMap((field) => table.bodyFields[field] ?? []);
  const missingClient = clientVariables.filter((name) => !present(env, name));
  // A target that takes any credential takes any client too: a placeholder proves nothing and is no secret.
  for (const [field, variable] of Object.entries(table.bodyFields)) {
    if (requirements.anyCredential && missingClient.includes(variable)) bodyValues[field] = placeholderClientValue;
  }
  const clientKnown = missingClient.length === 0 || requirements.anyCredential;
  return {
    baseUrl: base,
    credential: present(env, table.credential) ?? placeholderCredential,
    parameterValues,
    bodyValues,
    clientCredentialsMissing: clientKnown ? undefined : `no client credentials: set ${missingClient.join(", ")}`,
    integrationToken: "integrationToken" in table ? present(env, table.integrationToken) : undefined,
    consentedSession: "consentedSession" in table ? present(env, table.consentedSession) : undefined,
  };
}

const liveCapabilities: Capabilities = { preferHeader: false, stateful: true, checksCredentials: true, refusesMissingCredential: true, rejectsMalformedJson: true, issuesTokens: true };

export function liveTarget(env: Environment = process.env): Target {
  return {
    name: "live",
    capabilities: liveCapabilities,
    async start(): Promise<RunningTarget> {
      const requirements = { anyCredential: false, stateful: true };
      return {
        providers: { kombo: endpointFor("kombo", env, requirements), kinde: endpointFor("kinde", env, requirements) },
        fetch: globalThis.fetch.bind(globalThis),
        async stop() {},
      };
    },
  };
}

/**
 * Any server at the given base URLs (a staging API, a proxy, another mock), with the live variables'
 * credentials. What it cannot tell (state, credentials) is said with the capability flags.
 */
export function urlTarget(urls: Readonly<Partial<Record<ProviderId, string>>>, flags: { stateless: boolean; anyCredential: boolean }, env: Environment = process.env): Target {
  return {
    name: "url",
    capabilities: liveCapabilities,
    async start(): Promise<RunningTarget> {
      const endpoint = (provider: ProviderId, flag: string) => {
        const baseUrl = urls[provider];
        if (baseUrl === undefined) return { skipped: `no ${flag} given` };
        return endpointFor(provider, env, { baseUrl, anyCredential: flags.anyCredential, stateful: !flags.stateless });
      };
      return {
        providers: { kombo: endpoint("kombo", "--kombo-url"), kinde: endpoint("kinde", "--kinde-url") },
        fetch: globalThis.fetch.bind(globalThis),
        async stop() {},
      };
    },
  };
}
