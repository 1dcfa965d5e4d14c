import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import kindeDocument from "../../generated/kinde/spec.js";
import { createKindeClient, TokenRequestError } from "../../generated/kinde/index.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { specExample, startStandIn, type StandIn } from "./stand-in.js";

const kinde = compileSpec(kindeDocument as unknown as OpenApiDocument);
const token = "eyJhbGciOiJSUzI1NiJ9.m2m-test-token";
let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.requests.length = 0;
});

function client() {
  return createKindeClient({ token, baseUrl: standIn.url });
}

describe("createKindeClient against a local stand-in", () => {
  test("auth_url sends GET with every query parameter and the bearer token", async () => {
    const authUrl = specExample(kinde, "GetConnectedAppAuthUrl", "200");
    standIn.reply = () => ({ status: 200, body: authUrl });

    const { data, error } = await client().GET("/api/v1/connected_apps/auth_url", {
      params: { query: { key_code_ref: "google_calendar", user_id: "kp_1234", org_code: "org_acme" } },
    });

    expect(error).toBeUndefined();
    expect(data).toEqual(authUrl);
    const [request] = standIn.requests;
    expect(request?.method).toBe("GET");
    const url = new URL(request?.url ?? "", standIn.url);
    expect(url.pathname).toBe("/api/v1/connected_apps/auth_url");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      key_code_ref: "google_calendar",
      user_id: "kp_1234",
      org_code: "org_acme",
    });
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
  });

  test("token sends GET ?session_id= and types the access token and its expiry", async () => {
    const accessToken = specExample(kinde, "GetConnectedAppToken", "200");
    standIn.reply = () => ({ status: 200, body: accessToken });

    const { data } = await client().GET("/api/v1/connected_apps/token", { params: { query: { session_id: "sess 1" } } });

    expect(data).toEqual(accessToken);
    expect(Number.isNaN(Date.parse(data?.access_token_expiry ?? ""))).toBe(false);
    const [request] = standIn.requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toMatch(/^\/api\/v1\/connected_apps\/token\?session_id=sess(%20|\+)1$/);
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
  });

  test("revoke sends POST ?session_id= with no body", async () => {
    standIn.reply = () => ({ status: 200, body: specExample(kinde, "RevokeConnectedAppToken", "200") });

    const { data } = await client().POST("/api/v1/connected_apps/revoke", { params: { query: { session_id: "sess_1" } } });

    expect(data).toEqual({ message: "Success", code: "OK" });
    const [request] = standIn.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/api/v1/connected_apps/revoke?session_id=sess_1");
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.body).toBe("");
  });

  test.each([
    ["400", "INVALID_SESSION"],
    ["403", "INVALID_CREDENTIALS"],
  ])("a %s from token comes back as a typed `error` (%s), and no data", async (status, code) => {
    const errorBody = specExample(kinde, "GetConnectedAppToken", status);
    standIn.reply = () => ({ status: Number(status), body: errorBody });

    const { data, error, response } = await client().GET("/api/v1/connected_apps/token", {
      params: { query: { session_id: "sess_revoked" } },
    });

    expect(data).toBeUndefined();
    expect(response.status).toBe(Number(status));
    expect(error).toEqual(errorBody);
    expect(error?.errors[0]?.code).toBe(code);
    expect(typeof error?.errors[0]?.message).toBe("string");
  });

  test("a trailing slash on baseUrl does not double the slash", async () => {
    standIn.reply = () => ({ status: 200, body: specExample(kinde, "RevokeConnectedAppToken", "200") });
    const slashed = createKindeClient({ token, baseUrl: `${standIn.url}/` });

    await slashed.POST("/api/v1/connected_apps/revoke", { params: { query: { session_id: "s" } } });

    expect(standIn.requests[0]?.url).toBe("/api/v1/connected_apps/revoke?session_id=s");
  });
});

describe("createKindeClient with client credentials against a local stand-in", () => {
  const credentials = { clientId: "m2m_client", clientSecret: "s3cret-value" };
  let issued = 0;

  /** The stand-in's token endpoint issues `m2m-<n>` tokens valid for `expiresIn` seconds; the API answers revoke. */
  function serve(expiresIn = 3600): void {
    issued = 0;
    standIn.reply = (request) => {
      if (request.url === "/oauth2/token") {
        issued += 1;
        return { status: 200, body: { access_token: `m2m-${issued}`, token_type: "bearer", expires_in: expiresIn, scope: "" } };
      }
      return { status: 200, body: specExample(kinde, "RevokeConnectedAppToken", "200") };
    };
  }
  const revoke = (client: ReturnType<typeof createKindeClient>) => client.POST("/api/v1/connected_apps/revoke", { params: { query: { session_id: "s" } } });
  const tokenRequests = () => standIn.requests.filter((request) => request.url === "/oauth2/token");
  const apiBearers = () => standIn.requests.filter((request) => request.url !== "/oauth2/token").map((request) => request.headers.authorization);

  afterEach(() => {
    vi.useRealTimers();
  });

  test("fetches the token with a form-encoded client credentials grant for <baseUrl>/api, then sends it", async () => {
    serve();
    const { data } = await revoke(createKindeClient({ baseUrl: standIn.url, ...credentials }));

    expect(data).toEqual({ message: "Success", code: "OK" });
    const [tokenRequest, apiRequest] = standIn.requests;
    expect(tokenRequest?.method).toBe("POST");
    expect(tokenRequest?.url).toBe("/oauth2/token");
    expect(tokenRequest?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(tokenRequest?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "m2m_client",
      client_secret: "s3cret-value",
      audience: `${standIn.url}/api`,
    });
    expect(apiRequest?.headers.authorization).toBe("Bearer m2m-1");
  });

  test("keeps the token across calls and shares one token request between concurrent calls", async () => {
    serve();
    const client = createKindeClient({ baseUrl: standIn.url, ...credentials });
    await Promise.all([revoke(client), revoke(client), revoke(client)]);
    await revoke(client);
    expect(tokenRequests()).toHaveLength(1);
    expect(apiBearers()).toEqual(["Bearer m2m-1", "Bearer m2m-1", "Bearer m2m-1", "Bearer m2m-1"]);
  });

  test("fetches a new token a minute before expires_in runs out, not before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-11-30T09:00:00Z"));
    serve(3600);
    const client = createKindeClient({ baseUrl: standIn.url, ...credentials });
    await revoke(client);
    vi.setSystemTime(Date.parse("2026-11-30T09:58:59Z"));
    await revoke(client);
    expect(tokenRequests()).toHaveLength(1);
    vi.setSystemTime(Date.parse("2026-11-30T09:59:00Z"));
    await revoke(client);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiBearers()).toEqual(["Bearer m2m-1", "Bearer m2m-1", "Bearer m2m-2"]);
  });

  test("an audience option replaces the default", async () => {
    serve();
    await revoke(createKindeClient({ baseUrl: standIn.url, ...credentials, audience: "https://acme.kinde.com/api" }));
    expect(new URLSearchParams(tokenRequests()[0]?.body).get("audience")).toBe("https://acme.kinde.com/api");
  });

  test("a refused token request rejects the call with the endpoint, status and OAuth error, never the secret", async () => {
    standIn.reply = () => ({ status: 401, body: { error: "invalid_client", error_description: "Client authentication failed." } });
    const call = revoke(createKindeClient({ baseUrl: standIn.url, ...credentials }));
    await expect(call).rejects.toThrow(TokenRequestError);
    const error = (await call.catch((caught: unknown) => caught)) as TokenRequestError;
    expect(error.message).toBe(`createKindeClient: POST ${standIn.url}/oauth2/token (client credentials) answered 401 invalid_client: Client authentication failed.`);
    expect(error.status).toBe(401);
    expect(error.message).not.toContain("s3cret-value");
    expect(standIn.requests.filter((request) => request.url !== "/oauth2/token")).toHaveLength(0);
  });

  test("an answer without access_token is an error too", async () => {
    standIn.reply = () => ({ status: 200, body: { token_type: "bearer" } });
    await expect(revoke(createKindeClient({ baseUrl: standIn.url, ...credentials }))).rejects.toThrow(/answered 200 without an access_token/);
  });

  test("an answer with the token under another name names its keys, never the token", async () => {
    standIn.reply = () => ({ status: 200, body: { accessToken: "m2m-under-another-name", expires_in: 3600 } });
    const call = revoke(createKindeClient({ baseUrl: standIn.url, ...credentials }));
    await expect(call).rejects.toThrow("answered 200 without an access_token (got a JSON object with accessToken, expires_in)");
    await expect(call).rejects.not.toThrow("m2m-under-another-name");
  });
});
