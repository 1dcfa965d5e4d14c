/**
 * A hand-written stand-in of the live Kombo and Kinde APIs for the suite's own tests: node:http on a free
 * port, both providers on one server (Kombo under /v1, Kinde under /api/v1). It is not the project's mock
 * engine. Faithful by default; each fault makes it drift from the spec in exactly one way, and each leniency
 * makes it do something the spec does not declare but allows (as many real servers do).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { providerContracts } from "../model/provider-contract.js";

export type Fault =
  | "missing-required-field"
  | "wrong-type"
  | "broken-enum"
  | "wrong-content-type"
  | "server-error-on-bad-input"
  | "bad-input-accepted"
  | "auth-ignored"
  | "wrong-error-body"
  | "undeclared-status"
  | "revoke-ignored"
  /** `POST /oauth2/token` issues a token whatever the client secret. */
  | "token-wrong-secret-accepted"
  /** The management routes refuse the tokens `POST /oauth2/token` issues. */
  | "issued-token-refused"
  /** `POST /oauth2/token` issues a token for any audience, and the management routes take it. */
  | "issued-token-audience-ignored"
  /** The management routes take an issued token whatever scopes it carries. */
  | "issued-token-scope-ignored";

/** Lawful liberties: the suite may warn about them, never fail on them. */
export type Leniency =
  /** Parses a create-link body as JSON whatever its Content-Type (e.g. text/plain). */
  | "text-plain-json"
  /** Adds fields the schemas do not list to every answer, and headers the spec does not name. */
  | "extra-fields"
  /** Spells the JSON media type differently: `application/json;charset=UTF-8`, `Application/JSON; Charset=utf-8`. */
  | "charset-spelling";

export const leniencies: readonly Leniency[] = ["text-plain-json", "extra-fields", "charset-spelling"];

export const fixtures = {
  komboApiKey: "kombo-test-key",
  integrationToken: "completed-flow-token",
  kindeToken: "kinde-test-token",
  keyCodeRef: "google_calendar",
  userId: "kp_1234",
  consentedSession: "consented-session-1",
  clientId: "m2m-client-1",
  clientSecret: "m2m-client-secret-1",
} as const;

export interface StandIn {
  env: Record<string, string>;
  requests: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
  contentType?: string;
}

const komboError = (code: string, message: string) => ({ status: "error", error: { code, title: null, message, log_url: null } });
const kindeError = (code: string, message: string) => ({ errors: [{ code, message }] });

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}

function kombo(fault: Fault | undefined, lenient: ReadonlySet<Leniency>, method: string, path: string, headers: IncomingMessage["headers"], text: string): Answer {
  const authorization = headers.authorization ?? "";
  const authorized = fault === "auth-ignored" ? authorization.startsWith("Bearer ") : authorization === `Bearer ${fixtures.komboApiKey}`;
  if (!authorized) return { status: 401, body: komboError("PLATFORM.AUTHENTICATION_INVALID", "Please provide a valid API key.") };
  if (method === "POST" && path === "/v1/connect/create-link") {
    const invalid = (message: string): Answer => ({ status: 400, body: komboError("PLATFORM.INPUT_INVALID", message) });
    if (fault !== "bad-input-accepted") {
      if (!lenient.has("text-plain-json") && !(headers["content-type"] ?? "").startsWith("application/json")) return invalid("Content-Type must be application/json");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        if (fault === "server-error-on-bad-input") return { status: 500, body: komboError("PLATFORM.UNKNOWN_ERROR", "SyntaxError") };
        return invalid("body is not JSON");
      }
      // The real API validates with its own rules; the stand-in borrows the spec's, which describe them.
      const validate = providerContracts()[0]?.index.byOperationId("PostConnectCreateLink").requestBody?.content.get("application/json")?.validate;
      const issues = validate ? validate(body) : [];
      if (issues.length > 0) return invalid(`${issues[0]?.path}: ${issues[0]?.expected}`);
    }
    const link = `https://connect.kombo.dev/v1?token=${randomUUID()}`;
    if (fault === "missing-required-field") return { status: 200, body: { status: "success", data: {} } };
    if (fault === "wrong-content-type") return { status: 200, body: { status: "success", data: { link } }, contentType: "text/html" };
    return { status: 200, body: { status: "success", data: { link }, request_id: "additive-field" } };
  }
  const token = /^\/v1\/connect\/integration-by-token\/([^/]+)$/.exec(path)?.[1];
  if (method === "GET" && token !== undefined) {
    if (decodeURIComponent(token) !== fixtures.integrationToken) {
      return { status: 404, body: komboError("PLATFORM.INTEGRATION_NOT_FOUND", "No integration belongs to this token.") };
    }
    const data = {
      tool: "personio",
      id: "personio:8sd7f6",
      end_user_origin_id: null,
      end_user_organization_name: "Acme GmbH",
      end_user_email: "jane@acme.example",
      setup_status: fault === "broken-enum" ? "DONE" : "COMPLETED",
    };
    return { status: 200, body: { status: "success", data } };
  }
  return { status: 404, body: komboError(null as unknown as string, "Not found") };
}

const oauthError = (status: number, error: string, description: string): Answer => ({ status, body: { error, error_description: description } });

/** `Basic base64(id:secret)` read back, or undefined. */
function basicClient(authorization: string): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

/** Kinde's `POST /oauth2/token` as RFC 6749 has it: the client credentials grant, the client in the form or with Basic. */
/** Each Management API route's scope, as Kinde's `x-scope`. */
const routeScopes: Readonly<Record<string, string>> = {
  "GET /api/v1/connected_apps/auth_url": "read:connected_apps",
  "GET /api/v1/connected_apps/token": "read:connected_apps",
  "POST /api/v1/connected_apps/revoke": "create:connected_apps",
};

/** Issued tokens and the scopes each carries. */
type IssuedTokens = Map<string, readonly string[]>;

function kindeToken(fault: Fault | undefined, url: URL, headers: IncomingMessage["headers"], text: string, issued: IssuedTokens): Answer {
  if (!(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return oauthError(400, "invalid_request", "send a form");
  const form = new URLSearchParams(text);
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required");
  if (grantType !== "client_credentials") return oauthError(400, "unsupported_grant_type", "Only the client_credentials grant is supported.");
  const authorization = headers.authorization ?? "";
  const inForm = form.has("client_secret");
  if (authorization !== "" && inForm) return oauthError(400, "invalid_request", "authenticate once: the form or HTTP Basic");
  const client = authorization !== "" ? basicClient(authorization) : inForm ? { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "" } : undefined;
  const secretChecked = fault !== "token-wrong-secret-accepted";
  if (client === undefined || client.id !== fixtures.clientId || (secretChecked && client.secret !== fixtures.clientSecret)) {
    return oauthError(401, "invalid_client", "Client authentication failed.");
  }
  const audience = form.get("audience");
  if (audience !== null && audience !== `${url.origin}/api` && fault !== "issued-token-audience-ignored") return oauthError(400, "invalid_request", "unknown audience");
  const all = [...new Set(Object.values(routeScopes))];
  const requested = form.get("scope")?.split(" ").filter((entry) => entry !== "");
  const scopes = requested === undefined ? all : requested.filter((entry) => all.includes(entry));
  const token = `m2m.${randomUUID()}`;
  issued.set(token, scopes);
  return { status: 200, body: { access_token: token, token_type: "bearer", expires_in: 86400, scope: scopes.join(" ") } };
}

function kinde(fault: Fault | undefined, method: string, url: URL, headers: IncomingMessage["headers"], text: string, revoked: Set<string>, issued: IssuedTokens): Answer {
  if (method === "POST" && url.pathname === "/oauth2/token") return kindeToken(fault, url, headers, text, issued);
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1] ?? "";
  const issuedTaken = fault !== "issued-token-refused" && issued.has(bearer);
  if (bearer !== fixtures.kindeToken && !issuedTaken) return { status: 403, body: kindeError("INVALID_CREDENTIALS", "Invalid credentials used to access API.") };
  const needed = routeScopes[`${method} ${url.pathname}`];
  const scopes = issued.get(bearer);
  if (issuedTaken && needed !== undefined && scopes !== undefined && !scopes.includes(needed) && fault !== "issued-token-scope-ignored") {
    return { status: 403, body: kindeError("INSUFFICIENT_SCOPE", `Missing scope ${needed}.`) };
  }
  const query = url.searchParams;
  const invalidSession = (): Answer =>
    fault === "wrong-error-body"
      ? { status: 400, body: { error: "invalid session" } }
      : fault === "undeclared-status"
        ? { status: 404, body: kindeError("NOT_FOUND", "No such session.") }
        : { status: 400, body: kindeError("INVALID_SESSION", "The session id provided points to an invalid session.") };
  switch (`${method} ${url.pathname}`) {
    case "GET /api/v1/connected_apps/auth_url": {
      const keyCodeRef = query.get("key_code_ref");
      if (!keyCodeRef) return { status: 400, body: kindeError("INVALID_REQUEST", "key_code_ref: is required") };
      if (keyCodeRef !== fixtures.keyCodeRef) return { status: 404, body: kindeError("CONNECTED_APP_NOT_FOUND", "No connected app.") };
      const session = randomUUID().replace(/-/g, "");
      return { status: 200, body: { url: `${url.origin}/consent?session_id=${session}`, session_id: fault === "wrong-type" ? 42 : session } };
    }
    case "GET /api/v1/connected_apps/token": {
      const session = query.get("session_id");
      if (!session) return { status: 400, body: kindeError("INVALID_REQUEST", "session_id: is required") };
      if (session !== fixtures.consentedSession || revoked.has(session)) return invalidSession();
      return { status: 200, body: { access_token: "ya29.stand-in", access_token_expiry: new Date(Date.now() + 3600_000).toISOString() } };
    }
    case "POST /api/v1/connected_apps/revoke": {
      const session = query.get("session_id");
      if (!session) return { status: 400, body: kindeError("INVALID_REQUEST", "session_id: is required") };
      if (session !== fixtures.consentedSession || revoked.has(session)) return invalidSession();
      if (fault !== "revoke-ignored") revoked.add(session);
      return { status: 200, body: { message: "Success", code: "OK" } };
    }
    default:
      return { status: 405, body: kindeError("METHOD_NOT_ALLOWED", "Invalid HTTP method used.") };
  }
}

/** Every JSON object of the answer, nested ones too, gains a field no schema lists. */
function withExtraFields(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withExtraFields);
  if (typeof body !== "object" || body === null) return body;
  return { ...Object.fromEntries(Object.entries(body).map(([name, value]) => [name, withExtraFields(value)])), stand_in_extra: { added: true } };
}

function contentTypeOf(answer: Answer, isKombo: boolean, lenient: ReadonlySet<Leniency>): string {
  if (answer.contentType !== undefined) return answer.contentType;
  if (lenient.has("charset-spelling")) return isKombo ? "application/json;charset=UTF-8" : "Application/JSON; Charset=utf-8";
  return isKombo ? "application/json" : "application/json; charset=utf-8";
}

export async function startStandIn(fault?: Fault, lenient: ReadonlySet<Leniency> = new Set()): Promise<StandIn> {
  const revoked = new Set<string>();
  const issued: IssuedTokens = new Map();
  const state = { requests: 0 };
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    state.requests++;
    const text = await readBody(request);
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    const method = request.method ?? "GET";
    const isKombo = url.pathname.startsWith("/v1/");
    const answer = isKombo ? kombo(fault, lenient, method, url.pathname, request.headers, text) : kinde(fault, method, url, request.headers, text, revoked, issued);
    const extra = lenient.has("extra-fields");
    const body = extra ? withExtraFields(answer.body) : answer.body;
    const extraHeaders = extra ? { "x-ratelimit-remaining": "99", "cache-control": "no-store", "x-powered-by": "stand-in" } : {};
    response.writeHead(answer.status, { "content-type": contentTypeOf(answer, isKombo, lenient), "x-request-id": randomUUID(), ...extraHeaders });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    env: {
      KOMBO_BASE_URL: `${origin}/v1`,
      KOMBO_API_KEY: fixtures.komboApiKey,
      KOMBO_INTEGRATION_TOKEN: fixtures.integrationToken,
      KINDE_BASE_URL: origin,
      KINDE_TOKEN: fixtures.kindeToken,
      KINDE_KEY_CODE_REF: fixtures.keyCodeRef,
      KINDE_USER_ID: fixtures.userId,
      KINDE_SESSION_ID: fixtures.consentedSession,
      KINDE_MANAGEMENT_CLIENT_ID: fixtures.clientId,
      KINDE_MANAGEMENT_CLIENT_SECRET: fixtures.clientSecret,
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
