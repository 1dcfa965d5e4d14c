/**
 * An OAuth 2.0 client credentials token source (RFC 6749 §4.4): fetches an access token from the token
 * endpoint, keeps it, and fetches a new one shortly before it expires. Concurrent callers share one
 * request. Hand-written: the few OAuth libraries that do this bring their own HTTP stack, and here the
 * token must come through the same `fetch` as the API calls (so msw and stand-ins see it).
 */

export interface ClientCredentialsSettings {
  /** Factory name for error messages, e.g. `createKindeClient`. */
  factory: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent as `audience` (Kinde's Management API wants `<domain>/api`). */
  audience: string | undefined;
  fetch: typeof fetch;
}

/** A token request that failed: names the endpoint, the status and the server's OAuth error, never the secret. */
export class TokenRequestError extends Error {
  constructor(
    factory: string,
    readonly tokenUrl: string,
    readonly status: number | undefined,
    problem: string,
  ) {
    super(`${factory}: POST ${tokenUrl} (client credentials) ${problem}`);
    this.name = "TokenRequestError";
  }
}

interface CachedToken {
  accessToken: string;
  /** When to fetch a new one (ms since the epoch): ahead of the real expiry. */
  refreshAtMs: number;
}

/** Fetch a new token this long before it expires (half its lifetime for tokens shorter than two margins). */
const refreshMarginMs = 60_000;

function refreshAt(nowMs: number, expiresInSeconds: number): number {
  const lifetimeMs = expiresInSeconds * 1000;
  return nowMs + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2);
}

function describeFailure(status: number, body: unknown): string {
  const oauth = body as { error?: unknown; error_description?: unknown } | undefined;
  if (oauth && typeof oauth.error === "string") {
    const description = typeof oauth.error_description === "string" ? `: ${oauth.error_description}` : "";
    return `answered ${status} ${oauth.error}${description}`;
  }
  return `answered ${status}`;
}

/** A token answer without `access_token`, shown by its keys when it is JSON: a token under another name stays out of the message. */
function describeAnswer(text: string, body: unknown): string {
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return `a JSON object with ${Object.keys(body).join(", ") || "no keys"}`;
  return text.slice(0, 80) || "no body";
}

/** Returns a function that resolves to a valid access token, fetching one only when needed. */
export function clientCredentialsTokenSource(settings: ClientCredentialsSettings): () => Promise<string> {
  let cached: CachedToken | undefined;
  let pending: Promise<string> | undefined;

  const request = async (): Promise<string> => {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: settings.clientId, client_secret: settings.clientSecret });
    if (settings.audience !== undefined) form.set("audience", settings.audience);
    const fail = (status: number | undefined, problem: string) => new TokenRequestError(settings.factory, settings.tokenUrl, status, problem);
    let response: Response;
    try {
      response = await settings.fetch(settings.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
      });
    } catch (error) {
      throw fail(undefined, `failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) throw fail(response.status, describeFailure(response.status, body));
    const answer = body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof answer?.access_token !== "string" || answer.access_token === "") {
      throw fail(response.status, `answered ${response.status} without an access_token (got ${describeAnswer(text, body)})`);
    }
    const expiresIn = typeof answer.expires_in === "number" && answer.expires_in > 0 ? answer.expires_in : 0;
    cached = { accessToken: answer.access_token, refreshAtMs: refreshAt(Date.now(), expiresIn) };
    return answer.access_token;
  };

  return () => {
    if (cached !== undefined && Date.now() < cached.refreshAtMs) return Promise.resolve(cached.accessToken);
    pending ??= request().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
