import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import kindeDocument from "../../generated/kinde/spec.js";
import { createKindeClient } from "../../generated/kinde/index.js";
import type { OpenApiDocument } from "../../mocks/core/openapi.js";
import { compileSpec } from "../../mocks/core/spec-index.js";
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
