import { afterAll, beforeAll, expect, it } from "vitest";
import { createKindeClient } from "../../../../generated/kinde/index.js";
import { createKomboClient } from "../../../../generated/kombo/index.js";
import { setupMockServer } from "../../node/msw.js";

// Made before msw patches fetch, as an app's own module-level clients are: they must still be intercepted.
const kombo = createKomboClient({ apiKey: "test-key" });
const kinde = createKindeClient({ clientId: "m2m-app", clientSecret: "m2m-secret", baseUrl: "https://acme.kinde.com" });
const fetchBeforeListen = globalThis.fetch;
const mocks = setupMockServer();

beforeAll(() => mocks.server.listen({ onUnhandledRequest: "error" }));
afterAll(() => mocks.server.close());

it("a client created before listen() gets the mock's answers, and the journal sees its requests", async () => {
  expect(globalThis.fetch).not.toBe(fetchBeforeListen);
  const { response, data } = await kombo.POST("/connect/create-link", { body: { end_user_email: "ada@example.com", end_user_organization_name: "Acme" } });
  expect(response.status).toBe(200);
  expect(data?.data.link).toMatch(/^https?:\/\//);
  expect(mocks.requests().map((entry) => `${entry.provider} ${entry.operationId} ${entry.status}`)).toEqual(["kombo PostConnectCreateLink 200"]);
});

it("a client-credentials client created before listen() fetches its token and calls through msw too", async () => {
  mocks.clearRequests();
  const { response } = await kinde.GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "ref", user_id: "kp_1" } } });
  expect(response.status).toBe(200);
  expect(mocks.requests().map((entry) => entry.operationId)).toEqual(["RequestM2MToken", "GetConnectedAppAuthUrl"]);
});
