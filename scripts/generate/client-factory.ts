import type { ClientProvider } from "./providers.js";

/** The options type and factory function of a generated client, as TypeScript source. */

/** The path of the operation with this operationId, e.g. `/oauth2/token`. */
function operationPath(provider: ClientProvider, document: unknown, operationId: string): string {
  const paths = (document as { paths?: Record<string, Record<string, { operationId?: string }>> }).paths ?? {};
  for (const [path, item] of Object.entries(paths)) {
    if (Object.values(item).some((operation) => operation?.operationId === operationId)) return path;
  }
  throw new Error(`${provider.specFile}: no operation "${operationId}" for the client credentials grant`);
}

/** Options and factory of a client that takes a token, or client credentials to fetch one. */
function credentialedClient(provider: ClientProvider, name: string, tokenPath: string, audiencePath: string): string {
  const credential = provider.credentialOption;
  return `export { TokenRequestError } from "../../client/client-credentials.js";

export interface ${name}CommonOptions {
  /** Your business's domain, e.g. \`https://acme.kinde.com\`, or the local mock. */
  baseUrl: string;
  fetch?: ClientOptions["fetch"];
  headers?: Record<string, string>;
}

/** A bearer token you already have, sent as \`Authorization: Bearer <${credential}>\`. */
export interface ${name}TokenOptions extends ${name}CommonOptions {
  ${credential}: string;
  clientId?: never;
  clientSecret?: never;
  audience?: never;
}

/**
 * An M2M application's credentials: the client fetches its token from \`POST <baseUrl>${tokenPath}\`
 * (client credentials grant), keeps it, and fetches a new one shortly before it expires.
 */
export interface ${name}ClientCredentialsOptions extends ${name}CommonOptions {
  clientId: string;
  clientSecret: string;
  /** Default: \`<baseUrl>${audiencePath}\`. */
  audience?: string;
  ${credential}?: never;
}

export type ${name}ClientOptions = ${name}TokenOptions | ${name}ClientCredentialsOptions;

/** openapi-fetch's client; every call is type-checked against the spec, unknown keys included. */
export type ${name}Client = StrictClient<paths>;

export function ${provider.factory}(options: ${name}ClientOptions): ${name}Client {
  return createCredentialedClient<paths>({
    factory: ${JSON.stringify(provider.factory)},
    credentialOption: ${JSON.stringify(credential)},
    credential: options.${credential},
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    audience: options.audience,
    endpoint: { tokenPath: ${JSON.stringify(tokenPath)}, audiencePath: ${JSON.stringify(audiencePath)} },
    baseUrl: resolveBaseUrl(${JSON.stringify(provider.factory)}, options, {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
}`;
}

/** Options and factory of a client that takes a bearer credential. */
function bearerClient(provider: ClientProvider, name: string, hasRegions: boolean): string {
  return `export interface ${name}ClientOptions {
  /** Sent as \`Authorization: Bearer <${provider.credentialOption}>\`. */
  ${provider.credentialOption}: string;
  ${
    hasRegions
      ? `/** Overrides \`region\`, e.g. the local mock. Defaults to the ${provider.regions[0]} server. */
  baseUrl?: string;
  region?: ${name}Region;`
      : `/** Your business's domain, e.g. \`https://acme.kinde.com\`, or the local mock. */
  baseUrl: string;`
  }
  fetch?: ClientOptions["fetch"];
  headers?: Record<string, string>;
}

/** openapi-fetch's client; every call is type-checked against the spec, unknown keys included. */
export type ${name}Client = StrictClient<paths>;

export function ${provider.factory}(options: ${name}ClientOptions): ${name}Client {
  return createBearerClient<paths>({
    factory: ${JSON.stringify(provider.factory)},
    credentialOption: ${JSON.stringify(provider.credentialOption)},
    credential: options.${provider.credentialOption},
    baseUrl: resolveBaseUrl(${JSON.stringify(provider.factory)}, options, ${hasRegions ? `${provider.id}Servers` : "{}"}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
}`;
}

/** The factory for `provider`, and the helper of client/create-client.ts it imports. */
export function clientFactory(provider: ClientProvider, document: unknown, name: string, hasRegions: boolean): { clientImport: string; source: string } {
  const credentials = provider.clientCredentials;
  if (credentials === undefined) return { clientImport: "createBearerClient", source: bearerClient(provider, name, hasRegions) };
  const tokenPath = operationPath(provider, document, credentials.tokenOperationId);
  return { clientImport: "createCredentialedClient", source: credentialedClient(provider, name, tokenPath, credentials.audiencePath) };
}
