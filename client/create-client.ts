import createClient, { type ClientOptions } from "openapi-fetch";
import { clientCredentialsTokenSource } from "./client-credentials.js";
import type { StrictClient } from "./strict-client.js";

/** What every provider's client factory shares: a base URL, a bearer credential, and openapi-fetch's own options. */
export interface BearerClientSettings {
  /** Option name shown in errors, e.g. `apiKey` or `token`. */
  credentialOption: string;
  credential: unknown;
  /** The resolved base URL; errors about it name the `baseUrl` option. */
  baseUrl: unknown;
  fetch?: ClientOptions["fetch"];
  headers?: Record<string, string>;
  /** Factory name for error messages, e.g. `createKomboClient`. */
  factory: string;
}

export class ClientOptionError extends Error {
  constructor(factory: string, option: string, problem: string) {
    super(`${factory}: option \`${option}\` ${problem}`);
    this.name = "ClientOptionError";
  }
}

function requireNonEmptyString(factory: string, option: string, value: unknown): string {
  if (value === undefined || value === null) throw new ClientOptionError(factory, option, "is required");
  if (typeof value !== "string") throw new ClientOptionError(factory, option, `must be a string, got ${typeof value}`);
  if (value.trim() === "") throw new ClientOptionError(factory, option, "must not be empty");
  return value;
}

function requireHttpUrl(factory: string, option: string, value: unknown): string {
  const text = requireNonEmptyString(factory, option, value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ClientOptionError(factory, option, `must be an absolute http(s) URL, got "${text}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ClientOptionError(factory, option, `must be an http(s) URL, got "${text}"`);
  }
  return text.replace(/\/+$/, "");
}

/**
 * The caller's fetch, or one that looks `globalThis.fetch` up on every call. openapi-fetch keeps the fetch it
 * saw at creation, so a client created at module level, before msw's `server.listen()` patches fetch, would
 * bypass msw (and reach the real API); looked up at call time, it cannot.
 */
function fetchAtCallTime(chosen: ClientOptions["fetch"]): NonNullable<ClientOptions["fetch"]> {
  return chosen ?? ((input: Request) => globalThis.fetch(input));
}

/** Creates an openapi-fetch client that sends `Authorization: Bearer <credential>` on every request. */
export function createBearerClient<Paths extends {}>(settings: BearerClientSettings): StrictClient<Paths> {
  const credential = requireNonEmptyString(settings.factory, settings.credentialOption, settings.credential);
  const baseUrl = requireHttpUrl(settings.factory, "baseUrl", settings.baseUrl);
  const client = createClient<Paths, "application/json">({
    baseUrl,
    fetch: fetchAtCallTime(settings.fetch),
    headers: { ...settings.headers, Authorization: `Bearer ${credential}` },
  });
  // Same object, stricter call signatures (see StrictClient); only the types differ.
  return client as unknown as StrictClient<Paths>;
}

/** Where a provider's client credentials grant lives, relative to the client's base URL. */
interface ClientCredentialsEndpoint {
  /** The token endpoint, e.g. `/oauth2/token`. */
  tokenPath: string;
  /** The default `audience`: the base URL plus this, e.g. `/api` for Kinde's Management API. */
  audiencePath: string;
}

export interface CredentialedClientSettings extends BearerClientSettings {
  clientId: unknown;
  clientSecret: unknown;
  /** Overrides the default audience. */
  audience: unknown;
  endpoint: ClientCredentialsEndpoint;
}

/**
 * A client that sends either a fixed bearer credential (`token`) or one it fetches with the client
 * credentials grant (`clientId` + `clientSecret`), kept until shortly before it expires.
 */
export function createCredentialedClient<Paths extends {}>(settings: CredentialedClientSettings): StrictClient<Paths> {
  const { factory, credentialOption } = settings;
  const hasClient = settings.clientId !== undefined || settings.clientSecret !== undefined;
  if (settings.credential !== undefined && hasClient) {
    throw new ClientOptionError(factory, credentialOption, "cannot be combined with `clientId` / `clientSecret`: pass a token, or client credentials to fetch one");
  }
  if (!hasClient) {
    if (settings.credential === undefined || settings.credential === null) {
      throw new ClientOptionError(factory, credentialOption, "is required, or `clientId` and `clientSecret` to fetch one");
    }
    return createBearerClient<Paths>(settings);
  }
  const clientId = requireNonEmptyString(factory, "clientId", settings.clientId);
  const clientSecret = requireNonEmptyString(factory, "clientSecret", settings.clientSecret);
  const baseUrl = requireHttpUrl(factory, "baseUrl", settings.baseUrl);
  const audience = settings.audience === undefined ? `${baseUrl}${settings.endpoint.audiencePath}` : requireNonEmptyString(factory, "audience", settings.audience);
  const tokenUrl = `${baseUrl}${settings.endpoint.tokenPath}`;
  const chosenFetch = settings.fetch;
  // Resolved at call time, as openapi-fetch does, so msw's patched fetch answers the token request too.
  const fetchFn: typeof fetch = chosenFetch ? (input, init) => chosenFetch(new Request(input, init)) : (input, init) => globalThis.fetch(input, init);
  const token = clientCredentialsTokenSource({ factory, tokenUrl, clientId, clientSecret, audience, fetch: fetchFn });
  const client = createClient<Paths, "application/json">({
    baseUrl,
    fetch: fetchAtCallTime(chosenFetch),
    ...(settings.headers ? { headers: settings.headers } : {}),
  });
  client.use({
    async onRequest({ request }) {
      // A call to the token endpoint itself authenticates the client in its body, not with a bearer.
      if (request.url.split("?")[0] === tokenUrl) return undefined;
      request.headers.set("Authorization", `Bearer ${await token()}`);
      return request;
    },
  });
  return client as unknown as StrictClient<Paths>;
}

/** `baseUrl` when given, else the server of `region` (the first region when none is given). */
export function resolveBaseUrl(
  factory: string,
  options: { baseUrl?: unknown; region?: unknown },
  servers: Readonly<Record<string, string>>,
): unknown {
  if (options.baseUrl !== undefined) return options.baseUrl;
  const regions = Object.keys(servers);
  if (regions.length === 0) return undefined;
  const region = options.region ?? regions[0];
  if (typeof region !== "string" || !(region in servers)) {
    throw new ClientOptionError(factory, "region", `must be one of ${regions.map((r) => `"${r}"`).join(", ")}, got ${JSON.stringify(region)}`);
  }
  return servers[region];
}
