import { afterAll, beforeAll, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";

// Every declared status of every operation, selected with Prefer, through the real HTTP server.
let mocks: RunningMockServers;

beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
});
afterAll(async () => {
  await mocks.close();
});

const validRequest: Record<string, { path: string; body?: string; contentType?: string }> = {
  PostConnectCreateLink: { path: "/connect/create-link", body: JSON.stringify({ end_user_email: "a@b.co", end_user_organization_name: "Acme" }) },
  GetConnectIntegrationByTokenToken: { path: "/connect/integration-by-token/abc" },
  PostIntegrationsIntegrationIdRelink: { path: "/integrations/personio:abc/relink", body: "{}" },
  GetConnectedAppAuthUrl: { path: "/api/v1/connected_apps/auth_url?key_code_ref=x" },
  GetConnectedAppToken: { path: "/api/v1/connected_apps/token?session_id=s" },
  RevokeConnectedAppToken: { path: "/api/v1/connected_apps/revoke?session_id=s" },
  RequestM2MToken: { path: "/oauth2/token", body: "grant_type=client_credentials&client_id=m2m&client_secret=secret", contentType: "application/x-www-form-urlencoded" },
};

it("answers every declared status of every operation, spec-valid, with CORS headers", async () => {
  let checked = 0;
  for (const running of [mocks.kombo, mocks.kinde]) {
    for (const operation of running.engine.spec.operations) {
      const request = validRequest[operation.operationId]!;
      for (const response of operation.responses.values()) {
        const status = response.status === "default" ? 503 : Number(response.status);
        const answer = await fetch(`${running.baseUrl}${request.path}`, {
          method: operation.method,
          headers: { authorization: "Bearer any", "content-type": request.contentType ?? "application/json", prefer: `code=${status}`, origin: "http://localhost:5173" },
          body: request.body,
        });
        const where = `${operation.operationId} ${response.status}`;
        expect(answer.status, where).toBe(status);
        expect(answer.headers.get("access-control-allow-origin"), where).toBe("http://localhost:5173");
        const text = await answer.text();
        const media = response.content.values().next().value;
        if (media === undefined) expect(text, where).toBe("");
        else expect(media.validate(JSON.parse(text)), where).toEqual([]);
        checked++;
      }
    }
  }
  expect(checked).toBe(42);
});
