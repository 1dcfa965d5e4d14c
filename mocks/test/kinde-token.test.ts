import { describe, expect, it } from "vitest";
import { createManualClock } from "../engine/clock.js";
import { createEngine } from "../engine/engine.js";
import { decodeJwtPayload } from "../behaviour/jwt.js";
import { kindeM2MTokenLifetimeSeconds, kindeProvider, mockSettingsFromEnv, type KindeMockSettings } from "../behaviour/index.js";
import { call, json, kindeBase } from "./helpers.js";

// Kinde's M2M token endpoint, POST /oauth2/token (client credentials grant), through the engine.

const form = { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" };
const audience = `${kindeBase}/api`;
const grant = (fields: Record<string, string>) => new URLSearchParams({ grant_type: "client_credentials", ...fields }).toString();
const basic = (id: string, secret: string) => ({ authorization: `Basic ${btoa(`${id}:${secret}`)}` });

function engineWith(settings: KindeMockSettings = {}, start = Date.parse("2026-11-30T08:00:00Z")) {
  const clock = createManualClock(start);
  const engine = createEngine(kindeProvider(settings), { clock });
  const token = (headers: Record<string, string>, body: string) => call(engine, "POST", `${kindeBase}/oauth2/token`, { ...form, ...headers }, body);
  const authUrl = (accessToken: string) => call(engine, "GET", `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=slack`, { authorization: `Bearer ${accessToken}` });
  return { clock, engine, token, authUrl };
}

describe("POST /oauth2/token issues client credentials tokens", () => {
  it("answers the form-encoded grant as the SDK sends it with a JWT whose aud holds the audience and whose exp is set", () => {
    const { clock, token } = engineWith();
    const answer = token({}, grant({ scope: "", client_id: "m2m_client", client_secret: "s3cret", audience }));
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["cache-control"]).toBe("no-store");
    const body = json(answer);
    // No scope asked for: every scope the spec's operations need is granted.
    expect(body).toMatchObject({ token_type: "bearer", expires_in: kindeM2MTokenLifetimeSeconds, scope: "read:connected_apps create:connected_apps" });
    expect(body.access_token.split(".")).toHaveLength(3);
    const claims = decodeJwtPayload(body.access_token);
    const issuedAt = Math.floor(clock.now() / 1000);
    expect(claims).toMatchObject({ aud: [audience], azp: "m2m_client", iat: issuedAt, exp: issuedAt + kindeM2MTokenLifetimeSeconds, iss: kindeBase, gty: ["client_credentials"] });
  });

  it("grants the scopes asked for", () => {
    const { token } = engineWith();
    const body = json(token({}, grant({ scope: "read:connected_apps", client_id: "m2m_client", client_secret: "s3cret", audience })));
    expect(body.scope).toBe("read:connected_apps");
    expect(decodeJwtPayload(body.access_token)).toMatchObject({ scp: ["read:connected_apps"] });
  });

  it("accepts HTTP Basic client authentication instead of form fields", () => {
    const { token } = engineWith({ clientId: "m2m_client", clientSecret: "s3cret" });
    expect(token(basic("m2m_client", "s3cret"), grant({ audience })).status).toBe(200);
  });

  it.each([
    ["a wrong secret", { clientId: "m2m_client", clientSecret: "s3cret" }, {}, grant({ client_id: "m2m_client", client_secret: "guess" }), "wrong client_secret"],
    ["an unknown client", { clientId: "m2m_client" }, {}, grant({ client_id: "someone_else", client_secret: "x" }), "unknown client_id"],
    ["no client at all", {}, {}, grant({}), "no client authentication"],
    ["an empty secret", {}, {}, grant({ client_id: "a", client_secret: "" }), "must not be empty"],
    ["a wrong Basic secret", { clientSecret: "s3cret" }, basic("a", "guess"), grant({}), "wrong client_secret"],
  ])("answers 401 invalid_client for %s", (_case, settings, headers, body, reason) => {
    const { token } = engineWith(settings);
    const answer = token(headers, body);
    expect(answer.status).toBe(401);
    expect(json(answer).error).toBe("invalid_client");
    expect(json(answer).error_description).toContain(reason);
  });

  it("challenges a request that tried Basic with WWW-Authenticate", () => {
    const { token } = engineWith();
    const answer = token({ authorization: "Basic !!!" }, grant({}));
    expect(answer.status).toBe(401);
    expect(answer.headers["www-authenticate"]).toBe('Basic realm="oauth2/token"');
  });

  it.each([
    ["another grant", grant({ grant_type: "authorization_code", client_id: "a", client_secret: "b" }), form, "unsupported_grant_type", 'grant_type "authorization_code" is not supported'],
    ["no grant_type", "client_id=a&client_secret=b", form, "invalid_request", "body.grant_type is required"],
    ["JSON instead of a form", JSON.stringify({ grant_type: "client_credentials" }), { "content-type": "application/json" }, "invalid_request", "is not accepted: send application/x-www-form-urlencoded"],
    ["both Basic and a form secret", grant({ client_id: "a", client_secret: "b" }), { ...form, ...basic("a", "b") }, "invalid_request", "not both"],
  ])("answers 400 in RFC 6749's format for %s", (_case, body, headers, error, description) => {
    const { engine } = engineWith();
    const answer = call(engine, "POST", `${kindeBase}/oauth2/token`, headers, body);
    expect(answer.status).toBe(400);
    expect(answer.headers["x-mock-drift"]).toBeUndefined();
    expect(json(answer)).toEqual({ error, error_description: expect.stringContaining(description) });
  });

  it("never puts a client secret in an error or the request journal", () => {
    const { engine, token } = engineWith({ clientSecret: "pinned-secret" });
    const twice = token({}, "grant_type=client_credentials&client_id=a&client_secret=leaked-1&client_secret=leaked-2");
    expect(twice.status).toBe(400);
    expect(json(twice).error_description).toBe("body.client_secret must be string (got ***)");
    token({}, grant({ client_id: "a", client_secret: "leaked-3" }));
    token(basic("a", "leaked-4"), grant({}));
    const journal = JSON.stringify(engine.requests());
    expect(engine.requests()).toHaveLength(3);
    for (const secret of ["leaked-1", "leaked-2", "leaked-3", "leaked-4", "pinned-secret"]) expect(journal).not.toContain(secret);
  });
});

describe("tokens the mock issued authorize the Management API", () => {
  it("are accepted while KINDE_MOCK_TOKEN pins another token, which still works; other bearers get 403", () => {
    const { token, authUrl } = engineWith({ tokens: ["pinned-token"] });
    const issued = json(token({}, grant({ client_id: "a", client_secret: "b", audience }))).access_token as string;
    expect(authUrl(issued).status).toBe(200);
    expect(authUrl("pinned-token").status).toBe(200);
    const other = authUrl("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    expect(other.status).toBe(403);
    expect(other.body).toBeUndefined();
  });

  it("stop working once their exp has passed, even when any bearer is accepted", () => {
    const { clock, token, authUrl } = engineWith();
    const issued = json(token({}, grant({ client_id: "a", client_secret: "b", audience }))).access_token as string;
    clock.advance(kindeM2MTokenLifetimeSeconds * 1000 - 1);
    expect(authUrl(issued).status).toBe(200);
    clock.advance(1);
    expect(authUrl(issued).status).toBe(403);
    expect(authUrl("any-other-bearer").status).toBe(200);
  });

  it("outlive a reset, as clients keep them (sessions do not)", () => {
    const { engine, token, authUrl } = engineWith({ tokens: ["pinned-token"] });
    const issued = json(token({}, grant({ client_id: "a", client_secret: "b", audience }))).access_token as string;
    engine.reset();
    expect(authUrl(issued).status).toBe(200);
  });

  it("are not shared between engines", () => {
    const first = engineWith({ tokens: ["pinned-token"] });
    const second = engineWith({ tokens: ["pinned-token"] });
    const issued = json(first.token({}, grant({ client_id: "a", client_secret: "b" }))).access_token as string;
    expect(second.authUrl(issued).status).toBe(403);
  });
});

describe("an issued token reaches only the Management API, and only with the operation's x-scope", () => {
  const revoke = (engine: ReturnType<typeof engineWith>["engine"], accessToken: string) =>
    call(engine, "POST", `${kindeBase}/api/v1/connected_apps/revoke?session_id=s1`, { authorization: `Bearer ${accessToken}` });

  it("a token for another audience (or none) gets 403 naming the audience it needs", () => {
    const { engine, token, authUrl } = engineWith();
    for (const fields of [{ audience: "https://acme.kinde.com/other-api" }, {}] as Record<string, string>[]) {
      const issued = json(token({}, grant({ client_id: "a", client_secret: "b", ...fields }))).access_token as string;
      // auth_url declares its 403 without a body (as published): the header names what is missing.
      const refused = authUrl(issued);
      expect(refused.status).toBe(403);
      expect(refused.headers["www-authenticate"]).toBe(`Bearer error="invalid_token", error_description="aud is not ${audience}"`);
      const withBody = revoke(engine, issued);
      expect(withBody.status).toBe(403);
      expect(json(withBody)).toEqual({ errors: [{ code: "INVALID_CREDENTIALS", message: expect.stringContaining(`request it with audience=${audience}`) }] });
    }
  });

  it("a token without the operation's scope gets 403 INSUFFICIENT_SCOPE naming the scope", () => {
    const { engine, token, authUrl } = engineWith();
    const readOnly = json(token({}, grant({ client_id: "a", client_secret: "b", audience, scope: "read:connected_apps" }))).access_token as string;
    expect(authUrl(readOnly).status).toBe(200);
    const refused = revoke(engine, readOnly);
    expect(refused.status).toBe(403);
    expect(refused.headers["www-authenticate"]).toBe('Bearer error="insufficient_scope", scope="create:connected_apps"');
    expect(json(refused)).toEqual({ errors: [{ code: "INSUFFICIENT_SCOPE", message: "RevokeConnectedAppToken needs the scope create:connected_apps; the token has read:connected_apps. Grant it to the M2M application and request a new token." }] });
  });

  it("the M2M application's scopes are configurable (KINDE_MOCK_M2M_SCOPES); default: every x-scope of the spec", () => {
    expect(mockSettingsFromEnv({ KINDE_MOCK_M2M_SCOPES: "read:connected_apps" }).kinde?.m2mScopes).toEqual(["read:connected_apps"]);
    const all = engineWith();
    expect(json(all.token({}, grant({ client_id: "a", client_secret: "b", audience }))).scope).toBe("read:connected_apps create:connected_apps");
    const limited = engineWith({ m2mScopes: ["read:connected_apps"] });
    const asked = json(limited.token({}, grant({ client_id: "a", client_secret: "b", audience, scope: "read:connected_apps create:connected_apps" })));
    expect(asked.scope).toBe("read:connected_apps");
    expect(revoke(limited.engine, asked.access_token as string).status).toBe(403);
    expect(limited.authUrl(asked.access_token as string).status).toBe(200);
  });
});

describe("KINDE_MOCK_CLIENT_ID and KINDE_MOCK_CLIENT_SECRET", () => {
  it("pin the accepted client; unset or blank accepts any non-empty pair", () => {
    expect(mockSettingsFromEnv({ KINDE_MOCK_CLIENT_ID: "m2m", KINDE_MOCK_CLIENT_SECRET: "s" }).kinde).toMatchObject({ clientId: "m2m", clientSecret: "s" });
    expect(mockSettingsFromEnv({ KINDE_MOCK_CLIENT_ID: " " }).kinde).toMatchObject({ clientId: undefined, clientSecret: undefined });
    const { token } = engineWith(mockSettingsFromEnv({ KINDE_MOCK_CLIENT_ID: "m2m", KINDE_MOCK_CLIENT_SECRET: "s" }).kinde);
    expect(token({}, grant({ client_id: "m2m", client_secret: "s" })).status).toBe(200);
    expect(token({}, grant({ client_id: "m2m", client_secret: "t" })).status).toBe(401);
  });
});
