import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createKindeClient, type KindeClient } from "../../../../generated/kinde/index.js";
import { createKomboClient, type KomboClient } from "../../../../generated/kombo/index.js";
import { setupMockServer } from "../../node/msw.js";
import { MockOverrideError } from "../index.js";

const mocks = setupMockServer();
const { server, kombo: komboMocks, kinde: kindeMocks } = mocks;

// Module-level clients, made before `listen()` patches fetch: the clients look fetch up at call time.
const kombo: KomboClient = createKomboClient({ apiKey: "test-key" });
const kinde: KindeClient = createKindeClient({ token: "test-token", baseUrl: "https://acme.kinde.com" });
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  server.resetHandlers();
  mocks.reset();
  vi.restoreAllMocks();
});

/** msw logs a resolver's exception with console.error; keep the test output clean and return what was logged. */
function captureMswLog(): () => string {
  const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
  return () => spy.mock.calls.map((call) => call.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(" ")).join("\n");
}
afterAll(() => server.close());

const createLinkBody = { end_user_email: "ada@example.com", end_user_organization_name: "Acme" };

describe("typed per-test overrides", () => {
  it("answers a declared status with the engine's first example for it", async () => {
    server.use(komboMocks.post("/connect/create-link", ({ response }) => response(429).example()));
    const { response, error } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    expect(response.status).toBe(429);
    expect(error?.error.code).toBe("PLATFORM.RATE_LIMIT_EXCEEDED");
  });

  it("answers a named example", async () => {
    server.use(komboMocks.get("/connect/integration-by-token/{token}", ({ response }) => response(404).example("integration_not_found")));
    const { response, error } = await kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token: "t" } } });
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe("PLATFORM.INTEGRATION_NOT_FOUND");
  });

  it("refuses, through the engine, an example name the spec does not have", async () => {
    server.use(komboMocks.post("/connect/create-link", ({ response }) => response(400).example("no_such_example")));
    const { response, error } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    expect(response.status).toBe(404);
    expect(error?.error.message).toContain("no_such_example");
  });

  it("answers a typed custom body, with path params typed from the spec", async () => {
    server.use(
      komboMocks.get("/connect/integration-by-token/{token}", ({ params, response }) =>
        response(200).json({
          status: "success",
          data: {
            tool: "hibob",
            id: `hibob:${params.token}`,
            end_user_origin_id: null,
            end_user_organization_name: "Acme",
            end_user_email: null,
            setup_status: "FINAL_SYNC_PENDING",
          },
        }),
      ),
    );
    mocks.clearRequests();
    const before = mocks.coverage()[0]?.operations.GetConnectIntegrationByTokenToken?.statuses["200"] ?? 0;
    const { data } = await kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token: "abc" } } });
    expect(data?.data).toMatchObject({ tool: "hibob", id: "hibob:abc", setup_status: "FINAL_SYNC_PENDING" });
    // Answered by the override, not the engine, and still journaled (token path parameter as its template) and counted.
    expect(mocks.requests()).toMatchObject([
      { provider: "kombo", operationId: "GetConnectIntegrationByTokenToken", path: "/v1/connect/integration-by-token/{token}", status: 200, headers: { authorization: "Bearer ***" } },
    ]);
    expect(mocks.coverage()[0]?.operations.GetConnectIntegrationByTokenToken?.statuses["200"]).toBe(before + 1);
  });

  it("answers an empty body where the spec declares none", async () => {
    server.use(kindeMocks.get("/api/v1/connected_apps/auth_url", ({ response }) => response(429).empty()));
    const { response } = await kinde.GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "google" } } });
    expect(response.status).toBe(429);
    expect(await response.clone().text()).toBe("");
  });

  it("rejects at run time a body the types cannot catch, naming the operation and JSON path", async () => {
    const logged = captureMswLog();
    server.use(
      komboMocks.post("/connect/create-link", ({ response }) => response(200).json({ status: "success", data: { link: "not a uri" } })),
    );
    const { response, error } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    expect(response.status).toBe(500);
    const message = (error as unknown as { name: string; message: string }).message;
    expect((error as unknown as { name: string }).name).toBe(MockOverrideError.name);
    expect(message).toContain("PostConnectCreateLink (POST /connect/create-link)");
    expect(message).toContain('$.data.link must be a valid uri (got "not a uri")');
    expect(logged()).toContain("MockOverrideError: Override for PostConnectCreateLink (POST /connect/create-link) answers 200");
  });

  it("fails at compile time (and at run time) for bodies, statuses and paths the spec does not declare", async () => {
    captureMswLog();
    server.use(
      komboMocks.post("/connect/create-link", ({ response }) =>
        // @ts-expect-error `link` must be a string
        response(200).json({ status: "success", data: { link: 42 } }),
      ),
    );
    const { response, error } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    expect(response.status).toBe(500);
    expect((error as unknown as { message: string }).message).toContain("$.data.link must be string (got 42)");

    server.resetHandlers();
    server.use(
      kindeMocks.get("/api/v1/connected_apps/token", ({ response }) =>
        // @ts-expect-error `access_token_expiry` is required
        response(200).json({ access_token: "a" }),
      ),
    );
    const token = await kinde.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "s" } } });
    expect(token.response.status).toBe(500);
    expect((token.error as unknown as { message: string }).message).toContain("GetConnectedAppToken");
    expect((token.error as unknown as { message: string }).message).toContain("$.access_token_expiry is required");

    // Compile-time only: each of these would throw or answer 500 at run time too.
    const compileTimeOnly = (): void => {
      // @ts-expect-error 418 is not a status create-link declares
      komboMocks.post("/connect/create-link", ({ response }) => response(418).example());
      // @ts-expect-error the spec has no GET /connect/create-link
      komboMocks.get("/connect/create-link", ({ response }) => response(200).example());
      // @ts-expect-error auth_url's 200 declares a body, so `empty()` is refused
      kindeMocks.get("/api/v1/connected_apps/auth_url", ({ response }) => response(200).empty());
      // @ts-expect-error auth_url's 403 declares no body, so `json()` is refused
      kindeMocks.get("/api/v1/connected_apps/auth_url", ({ response }) => response(403).json({ errors: [] }));
    };
    expect(compileTimeOnly).toThrow(MockOverrideError);
    expect(() => komboMocks.get("/connect/create-link" as never, () => undefined)).toThrow("kombo: the spec has no operation GET /connect/create-link");
  });

  it("falls through to the engine when the resolver returns nothing, and after a `once` override", async () => {
    const seen: string[] = [];
    server.use(
      komboMocks.post("/connect/create-link", async ({ request }) => {
        seen.push(((await request.json()) as { end_user_organization_name: string }).end_user_organization_name);
        return undefined;
      }),
      kindeMocks.get("/api/v1/connected_apps/token", ({ response }) => response(403).example(), { once: true }),
    );
    const created = await kombo.POST("/connect/create-link", { body: createLinkBody });
    expect(seen).toEqual(["Acme"]);
    expect(created.response.status).toBe(200);
    expect(created.data?.data.link).toMatch(/^https:\/\/api\.kombo\.dev\/__mock\/connect\?token=/);

    const first = await kinde.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "unknown" } } });
    const second = await kinde.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "unknown" } } });
    expect([first.response.status, second.response.status]).toEqual([403, 400]);
  });

  it("keeps the engine's auth check in front of example answers", async () => {
    server.use(komboMocks.post("/connect/create-link", ({ response }) => response(200).example()));
    const { response, error } = await kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Authorization: "" } });
    expect(response.status).toBe(401);
    expect(error?.error.code).toBe("PLATFORM.AUTHENTICATION_INVALID");
  });
});

describe("reset()", () => {
  it("forgets links and integrations", async () => {
    const created = await kombo.POST("/connect/create-link", { body: createLinkBody });
    const link = created.data?.data.link ?? "";
    const { token } = (await (await fetch(link, { headers: { accept: "application/json" } })).json()) as { token: string };
    const before = await kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token } } });
    mocks.reset();
    const after = await kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token } } });
    expect([before.response.status, after.response.status]).toEqual([200, 404]);
  });
});
