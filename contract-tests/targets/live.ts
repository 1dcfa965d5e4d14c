import type { ProviderId } from "../providers.js";
import type { ProviderEndpoint, RunningTarget, Target } from "./target.js";

/** The environment variables the live target reads, per provider. */
const liveEnvironment = {
  kombo: {
    baseUrl: "KOMBO_BASE_URL",
    defaultBaseUrl: "https://api.kombo.dev/v1",
    credential: "KOMBO_API_KEY",
    parameters: {} as Record<string, string>,
    integrationToken: "KOMBO_INTEGRATION_TOKEN",
  },
  kinde: {
    baseUrl: "KINDE_BASE_URL",
    defaultBaseUrl: undefined,
    credential: "KINDE_TOKEN",
    parameters: { key_code_ref: "KINDE_KEY_CODE_REF", user_id: "KINDE_USER_ID" } as Record<string, string>,
    consentedSession: "KINDE_SESSION_ID",
  },
} as const;

/** Env vars without which a provider cannot run at all. */
const requiredVariables: Record<ProviderId, readonly string[]> = {
  kombo: ["KOMBO_API_KEY"],
  kinde: ["KINDE_BASE_URL", "KINDE_TOKEN", "KINDE_KEY_CODE_REF"],
};

type Environment = Readonly<Record<string, string | undefined>>;

function present(env: Environment, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function endpointFor(provider: ProviderId, env: Environment): ProviderEndpoint | { skipped: string } {
  const missing = requiredVariables[provider].filter((name) => !present(env, name));
  if (missing.length > 0) return { skipped: `no credentials: set ${missing.join(", ")}` };
  const table = liveEnvironment[provider];
  const parameterValues: Record<string, string> = {};
  for (const [parameter, variable] of Object.entries(table.parameters)) {
    const value = present(env, variable);
    if (value !== undefined) parameterValues[parameter] = value;
  }
  return {
    baseUrl: (present(env, table.baseUrl) ?? table.defaultBaseUrl ?? "").replace(/\/+$/, ""),
    credential: present(env, table.credential) ?? "",
    parameterValues,
    integrationToken: "integrationToken" in table ? present(env, table.integrationToken) : undefined,
    consentedSession: "consentedSession" in table ? present(env, table.consentedSession) : undefined,
  };
}

export function liveTarget(env: Environment = process.env): Target {
  return {
    name: "live",
    capabilities: { preferHeader: false, stateful: true, checksCredentials: true, rejectsMalformedJson: true },
    async start(): Promise<RunningTarget> {
      return {
        providers: { kombo: endpointFor("kombo", env), kinde: endpointFor("kinde", env) },
        fetch: globalThis.fetch.bind(globalThis),
        async stop() {},
      };
    },
  };
}
