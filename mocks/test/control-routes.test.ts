import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";

const apiKey = "sk_live_secret-key-4f9a";
const link = { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" };

let mocks: RunningMockServers;
beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
});
afterAll(() => mocks.close());
beforeEach(async () => {
  await fetch(`${mocks.kombo.origin}/__mock/reset`, { method: "POST" });
  await fetch(`${mocks.kombo.origin}/__mock/requests`, { method: "DELETE" });
  await fetch(`${mocks.kombo.origin}/__mock/coverage`, { method: "DELETE" });
});

function createLink(body: unknown = link, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${mocks.kombo.baseUrl}/connect/create-link`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function postOverride(override: unknown, origin = mocks.kombo.origin): Promise<{ status: number; body: Record<string, unknown> }> {
  return json(`${origin}/__mock/overrides`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(override) });
}

describe("the whole journal", () => {
  it("keeps the body as sent and the headers with the bearer masked; the credential is nowhere in its text", async () => {
    expect((await createLink()).status).toBe(200);
    const response = await fetch(`${mocks.kombo.origin}/__mock/requests`);
    const text = await response.text();
    const { requests } = JSON.parse(text) as { requests: Record<string, unknown>[] };
    const last = requests.at(-1) as { body: typeof link; headers: Record<string, string>; example?: string; status: number };
    expect(last.body.end_user_email).toBe(link.end_user_email);
    expect(last.headers.authorization).toBe("Bearer ***");
    expect(last.headers["content-type"]).toBe("application/json");
    expect(last.status).toBe(200);
    // The handler built a link of its own: no example's name.
    expect(last.example).toBeUndefined();
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain("secret-key-4f9a");
  });

  it("masks credential-like query values and secret form fields, and keeps the rest", async () => {
    await fetch(`${mocks.kinde.origin}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=m2m-app&client_secret=very-secret-value&audience=http%3A%2F%2Fx%2Fapi",
    });
    await fetch(`${mocks.kombo.baseUrl}/connect/create-link?api_key=query-secret-1&lang=de`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, cookie: "session=cookie-secret-2" } });
    const kinde = mocks.kinde.engine.requests({ operationId: "RequestM2MToken" });
    expect(kinde[0]?.body).toEqual({ grant_type: "client_credentials", client_id: "m2m-app", client_secret: "***", audience: "http://x/api" });
    const [kombo] = mocks.kombo.engine.requests({ operationId: "PostConnectCreateLink" });
    expect(kombo?.query).toEqual({ api_key: "***", lang: "de" });
    expect(kombo?.headers.cookie).toBe("***");
    expect(JSON.stringify(mocks.requests())).not.toMatch(/very-secret-value|query-secret-1|cookie-secret-2|secret-key-4f9a/);
  });

  it("GET /__mock/requests?operationId=…&status=… filters; a status that is not one answers 400", async () => {
    await createLink();
    await createLink({ ...link, end_user_email: "not-an-email" });
    await fetch(`${mocks.kombo.baseUrl}/connect/integration-by-token/tok`, { headers: { authorization: `Bearer ${apiKey}` } });
    const refused = await json(`${mocks.kombo.origin}/__mock/requests?operationId=PostConnectCreateLink&status=400`);
    expect((refused.body.requests as { status: number; body: typeof link }[]).map((entry) => [entry.status, entry.body.end_user_email])).toEqual([[400, "not-an-email"]]);
    const all = await json(`${mocks.kombo.origin}/__mock/requests?operationId=PostConnectCreateLink`);
    expect(all.body.requests).toHaveLength(2);
    const bad = await json(`${mocks.kombo.origin}/__mock/requests?status=teapot`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("status=teapot is not an HTTP status");
  });

  it("keeps the start of a body over the cap, marked as cut", async () => {
    const long = "x".repeat(70 * 1024);
    await createLink({ ...link, end_user_organization_name: long });
    const [entry] = mocks.kombo.engine.requests({ operationId: "PostConnectCreateLink" });
    expect(entry?.bodyTruncated).toBe(true);
    expect(typeof entry?.body).toBe("string");
    expect(String(entry?.body).length).toBeLessThan(long.length);
  });

  it("masks secrets in bodies whatever their Content-Type says: none, text/plain, JSON that does not parse, a body cut inside a secret", async () => {
    const token = `${mocks.kinde.origin}/oauth2/token`;
    await fetch(token, { method: "POST", body: new Blob(["grant_type=client_credentials&client_id=app&client_secret=SUPERSECRET1"]) });
    await fetch(token, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"client_secret":"SUPERSECRET2","client_id":"app"}' });
    await fetch(token, { method: "POST", headers: { "content-type": "application/json" }, body: '{"code":"REFCODE3","session_id":"SESS3",' });
    await createLink({ ...link, end_user_organization_name: "x".repeat(64 * 1024 - 60), client_secret: "SUPERSECRET4".repeat(20) });
    const journal = JSON.stringify([...mocks.kinde.engine.requests(), ...mocks.kombo.engine.requests()]);
    for (const secret of ["SUPERSECRET1", "SUPERSECRET2", "REFCODE3", "SESS3", "SUPERSECRET4", "SUPERSEC"]) expect(journal).not.toContain(secret);
    expect(journal).toContain("client_id=app");
  });
});

describe("overrides over HTTP", () => {
  it("429 once: 201, then the next create-link answers 429 in Kombo's envelope and the one after it 200", async () => {
    const made = await postOverride({ operationId: "PostConnectCreateLink", status: 429, times: 1 });
    expect(made.status).toBe(201);
    expect(made.body.override).toMatchObject({ operationId: "PostConnectCreateLink", status: 429, remaining: 1 });
    const limited = await createLink();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ status: "error", error: { code: "PLATFORM.RATE_LIMIT_EXCEEDED" } });
    expect(mocks.kombo.engine.requests({ status: 429 })[0]).toMatchObject({ status: 429, example: "rate_limit_exceeded" });
    expect((await createLink()).status).toBe(200);
    expect((await json(`${mocks.kombo.origin}/__mock/overrides`)).body.overrides).toEqual([]);
  });

  it("refuses an undeclared status, an unknown example, a body the schema refuses and an unknown operation with 400 saying why", async () => {
    const teapot = await postOverride({ operationId: "PostConnectCreateLink", status: 418 });
    expect(teapot.status).toBe(400);
    expect(JSON.stringify(teapot.body)).toContain("answers 418, which the spec does not declare");
    expect(teapot.body).toMatchObject({ status: "error", error: { code: expect.any(String) } });
    const example = await postOverride({ operationId: "PostConnectCreateLink", example: "no_such_example" });
    expect(example.status).toBe(400);
    expect(JSON.stringify(example.body)).toContain('no example \\"no_such_example\\"');
    const body = await postOverride({ operationId: "PostConnectCreateLink", status: 200, body: { status: "success", data: { link: 42 } } });
    expect(body.status).toBe(400);
    expect(JSON.stringify(body.body)).toContain("breaks the spec");
    const operation = await postOverride({ operationId: "CreateLink" });
    expect(operation.status).toBe(400);
    expect(JSON.stringify(operation.body)).toContain("PostConnectCreateLink");
    const notJson = await json(`${mocks.kombo.origin}/__mock/overrides`, { method: "POST", body: "status=429" });
    expect(notJson.status).toBe(400);
    expect((await json(`${mocks.kombo.origin}/__mock/overrides`)).body.overrides).toEqual([]);
  });

  it("an example by name, a body of one's own, and a delay; GET lists them, DELETE and /__mock/reset clear them", async () => {
    expect((await postOverride({ operationId: "PostConnectCreateLink", example: "concurrency_limit_exceeded", times: 1 })).status).toBe(201);
    const concurrency = await createLink();
    expect(concurrency.status).toBe(429);
    expect(await concurrency.json()).toMatchObject({ error: { code: "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED" } });

    const own = { status: "success", data: { link: "https://connect.kombo.dev/v1?token=mine" } };
    expect((await postOverride({ operationId: "PostConnectCreateLink", body: own })).status).toBe(201);
    expect(await (await createLink()).json()).toEqual(own);
    expect(await (await createLink()).json()).toEqual(own);
    expect((await json(`${mocks.kombo.origin}/__mock/overrides`)).body.overrides).toHaveLength(1);
    expect((await json(`${mocks.kombo.origin}/__mock/overrides`, { method: "DELETE" })).body.overrides).toEqual([]);
    expect(await (await createLink()).json()).not.toEqual(own);

    expect((await postOverride({ operationId: "PostConnectCreateLink", status: 500 })).status).toBe(201);
    expect((await json(`${mocks.kombo.origin}/__mock/reset`, { method: "POST" })).status).toBe(200);
    expect((await json(`${mocks.kombo.origin}/__mock/overrides`)).body.overrides).toEqual([]);
    expect((await createLink()).status).toBe(200);

    expect((await postOverride({ operationId: "PostConnectCreateLink", delay: 30, times: 1 })).status).toBe(201);
    expect((await createLink()).status).toBe(200);
    expect(mocks.kombo.engine.overrides.list()).toEqual([]);
  });

  it("still checks the request: an unauthenticated request gets 401 and leaves the override in force", async () => {
    await postOverride({ operationId: "PostConnectCreateLink", status: 429, times: 1 });
    expect((await createLink(link, { authorization: "" })).status).toBe(401);
    expect((await createLink()).status).toBe(429);
  });

  it("works on Kinde in Kinde's own error format", async () => {
    const made = await postOverride({ operationId: "GetConnectedAppAuthUrl", status: 404, times: 1 }, mocks.kinde.origin);
    expect(made.status).toBe(201);
    const response = await fetch(`${mocks.kinde.origin}/api/v1/connected_apps/auth_url?key_code_ref=ref&user_id=kp_1`, { headers: { authorization: "Bearer t" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toHaveProperty("errors");
    const refused = await postOverride({ operationId: "GetConnectedAppAuthUrl", status: 418 }, mocks.kinde.origin);
    expect(refused.status).toBe(400);
    expect(refused.body).toHaveProperty("errors");
  });
});

describe("consumer coverage", () => {
  it("after 200, 400 and 401 on create-link counts exactly 1 for each and 0 for its other declared statuses", async () => {
    await createLink();
    await createLink({ ...link, end_user_email: "not-an-email" });
    await createLink(link, { prefer: "code=401" });
    const { status, body } = await json(`${mocks.kombo.origin}/__mock/coverage`);
    expect(status).toBe(200);
    const operations = body.operations as Record<string, { statuses: Record<string, number>; examples: Record<string, number> }>;
    expect(body.provider).toBe("kombo");
    expect(operations.PostConnectCreateLink?.statuses).toEqual({ "200": 1, "400": 1, "401": 1, "403": 0, "404": 0, "429": 0, "500": 0, default: 0 });
    expect(operations.PostConnectCreateLink?.examples).toMatchObject({ "200 example1": 0, "401 authentication_invalid": 1, "429 rate_limit_exceeded": 0 });
    expect(Object.values(operations.GetConnectIntegrationByTokenToken?.statuses ?? {}).every((count) => count === 0)).toBe(true);
    expect(mocks.coverage().map((provider) => provider.provider)).toEqual(["kombo", "kinde"]);
  });
});
