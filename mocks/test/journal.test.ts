import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestJournal } from "../engine/journal.js";
import { setupMockServer } from "../adapters/node/msw.js";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";

const validLink = { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" };
const badEmailLink = { end_user_email: "not-an-email", end_user_organization_name: "Acme GmbH" };

function createLink(baseUrl: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/connect/create-link`, {
    method: "POST",
    headers: { authorization: "Bearer secret-key-123", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("request journal over HTTP", () => {
  let mocks: RunningMockServers;
  beforeAll(async () => {
    mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
  });
  afterAll(() => mocks.close());

  it("lists a valid and a refused create-link with operation, status and the email problem, and DELETE empties it", async () => {
    expect((await createLink(mocks.kombo.baseUrl, validLink)).status).toBe(200);
    expect((await createLink(mocks.kombo.baseUrl, badEmailLink)).status).toBe(400);
    const listed = (await (await fetch(`${mocks.kombo.origin}/__mock/requests`)).json()) as { requests: Record<string, unknown>[] };
    expect(listed.requests).toHaveLength(2);
    expect(listed.requests[0]).toMatchObject({ method: "POST", path: "/v1/connect/create-link", operationId: "PostConnectCreateLink", status: 200, problems: [] });
    expect(listed.requests[1]).toMatchObject({ operationId: "PostConnectCreateLink", status: 400 });
    expect(JSON.stringify(listed.requests[1]?.problems)).toContain("end_user_email");
    expect(Date.parse(String(listed.requests[0]?.at))).not.toBeNaN();
    expect(JSON.stringify(listed)).not.toContain("secret-key-123");

    expect((await fetch(`${mocks.kombo.origin}/__mock/requests`, { method: "DELETE" })).status).toBe(200);
    const emptied = (await (await fetch(`${mocks.kombo.origin}/__mock/requests`)).json()) as { requests: unknown[] };
    expect(emptied.requests).toEqual([]);
  });

  it("never journals a path credential: the token path parameter stays a template", async () => {
    mocks.clearRequests();
    await fetch(`${mocks.kombo.baseUrl}/connect/integration-by-token/tok-very-secret`, { headers: { authorization: "Bearer k" } });
    const [entry] = mocks.requests();
    expect(entry).toMatchObject({ provider: "kombo", path: "/v1/connect/integration-by-token/{token}", status: 404 });
    expect(JSON.stringify(mocks.requests())).not.toContain("tok-very-secret");
  });

  it("keeps the token out of a CORS preflight's and a wrong method's entry, message and log line", async () => {
    const lines: string[] = [];
    const logged = await startMockServers({ komboPort: 0, kindePort: 0, log: (line) => lines.push(line) });
    try {
      const url = `${logged.kombo.baseUrl}/connect/integration-by-token/tok-very-secret`;
      const preflight = await fetch(url, { method: "OPTIONS", headers: { origin: "http://app.example", "access-control-request-headers": "authorization" } });
      expect(preflight.status).toBe(204);
      const wrongMethod = await fetch(url, { method: "DELETE", headers: { authorization: "Bearer k" } });
      expect(wrongMethod.status).toBe(405);
      expect(await wrongMethod.text()).toContain("DELETE is not allowed on /v1/connect/integration-by-token/{token}: use GET");
      expect(logged.requests().map((entry) => [entry.method, entry.path, entry.status])).toEqual([
        ["OPTIONS", "/v1/connect/integration-by-token/{token}", 204],
        ["DELETE", "/v1/connect/integration-by-token/{token}", 405],
      ]);
    } finally {
      await logged.close();
    }
    expect(lines).toHaveLength(2);
    expect(JSON.stringify(logged.requests()) + lines.join("\n")).not.toContain("tok-very-secret");
  });

  it("mocks.requests() merges both providers oldest first", async () => {
    mocks.clearRequests();
    await createLink(mocks.kombo.baseUrl, validLink);
    await fetch(`${mocks.kinde.baseUrl}/api/v1/connected_apps/token?session_id=abc`, { headers: { authorization: "Bearer t" } });
    expect(mocks.requests().map((entry) => entry.provider)).toEqual(["kombo", "kinde"]);
  });
});

describe("request journal in msw", () => {
  const mocks = setupMockServer();
  beforeAll(() => mocks.server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => mocks.server.close());

  it("records what the app sent, for assertions in a test", async () => {
    await createLink("https://api.kombo.dev/v1", badEmailLink);
    const [entry] = mocks.requests();
    expect(entry).toMatchObject({ provider: "kombo", operationId: "PostConnectCreateLink", status: 400 });
    mocks.clearRequests();
    expect(mocks.requests()).toEqual([]);
  });
});

describe("RequestJournal", () => {
  it("keeps the newest entries up to its capacity, oldest first", () => {
    const journal = new RequestJournal(3);
    for (let index = 0; index < 5; index++) journal.add({ atMs: index, method: "GET", path: `/${index}`, operationId: null, status: 200, problems: [] });
    expect(journal.list().map((entry) => entry.path)).toEqual(["/2", "/3", "/4"]);
    journal.clear();
    expect(journal.list()).toEqual([]);
  });
});
