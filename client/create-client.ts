import createClient, { type ClientOptions } from "openapi-fetch";
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

/** Creates an openapi-fetch client that sends `Authorization: Bearer <credential>` on every request. */
export function createBearerClient<Paths extends {}>(settings: BearerClientSettings): StrictClient<Paths> {
  const credential = requireNonEmptyString(settings.factory, settings.credentialOption, settings.credential);
  const baseUrl = requireHttpUrl(settings.factory, "baseUrl", settings.baseUrl);
  const client = createClient<Paths, "application/json">({
    baseUrl,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    headers: { ...settings.headers, Authorization: `Bearer ${credential}` },
  });
  // Same object, stricter call signatures (see StrictClient); only the types differ.
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
