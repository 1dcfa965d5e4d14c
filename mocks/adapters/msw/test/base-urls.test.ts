import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKomboClient } from "../../../../generated/kombo/index.js";
import { baseUrlsFromServers, createBaseUrlMatcher } from "../base-urls.js";
import { createMockHandlers } from "../index.js";

describe("base URL matching", () => {
  const matcher = createBaseUrlMatcher(["https://api.kombo.dev/v1", "https://*.kinde.com", "http://127.0.0.1:4010/v1/"]);
  const within = (url: string) => matcher.pathWithin(new URL(url));

  it("gives the path after the base URL, on segment boundaries only", () => {
    expect(within("https://api.kombo.dev/v1/connect/create-link?x=1")).toBe("/connect/create-link");
    expect(within("https://api.kombo.dev/v1")).toBe("");
    expect(within("https://api.kombo.dev/v10/connect/create-link")).toBeUndefined();
    expect(within("http://api.kombo.dev/v1/connect/create-link")).toBeUndefined();
    expect(within("http://127.0.0.1:4010/v1/connect/create-link")).toBe("/connect/create-link");
    expect(within("http://127.0.0.1:4011/v1/connect/create-link")).toBeUndefined();
  });

  it("lets `*` stand for one DNS label", () => {
    expect(within("https://acme.kinde.com/api/v1/connected_apps/token")).toBe("/api/v1/connected_apps/token");
    expect(within("https://kinde.com/api")).toBeUndefined();
    expect(within("https://a.b.kinde.com/api")).toBeUndefined();
    expect(within("https://acme.kinde.com.evil.example/api")).toBeUndefined();
    expect(matcher.matchesOrigin(new URL("https://api.kombo.dev/__mock/connect"))).toBe(true);
    expect(matcher.matchesOrigin(new URL("https://api.us.kombo.dev/__mock/connect"))).toBe(false);
  });

  it("reads server templates from the spec", () => {
    expect(baseUrlsFromServers([{ url: "https://{subdomain}.kinde.com" }, { url: "https://api.kombo.dev/v1/" }])).toEqual([
      "https://*.kinde.com",
      "https://api.kombo.dev/v1",
    ]);
  });

  it("refuses a base URL it cannot match", () => {
    expect(() => createBaseUrlMatcher(["api.kombo.dev/v1"])).toThrow('absolute http(s) URL without query or fragment, got "api.kombo.dev/v1"');
    expect(() => createBaseUrlMatcher([])).toThrow("at least one base URL");
  });
});

describe("configured base URLs", () => {
  // An app that reaches Kombo through its own proxy path, on another origin than the live API.
  const mocks = createMockHandlers({ kombo: { baseUrls: ["http://localhost:3000/api/kombo"] } });
  const server = setupServer(...mocks.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("routes under the configured base and serves the engine's pages at its origin", async () => {
    const kombo = createKomboClient({ apiKey: "k", baseUrl: "http://localhost:3000/api/kombo" });
    const created = await kombo.POST("/connect/create-link", { body: { end_user_email: "a@example.com", end_user_organization_name: "Acme" } });
    expect(created.response.status).toBe(200);
    const link = created.data?.data.link ?? "";
    expect(link).toMatch(/^http:\/\/localhost:3000\/__mock\/connect\?token=/);
    const connected = await fetch(link, { headers: { accept: "application/json" } });
    expect(connected.status).toBe(200);
    const { token } = (await connected.json()) as { token: string };
    const integration = await kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token } } });
    expect(integration.data?.data.end_user_organization_name).toBe("Acme");
  });

  it("leaves other paths of that origin and the live URLs alone", async () => {
    const live = createKomboClient({ apiKey: "k" });
    await expect(live.POST("/connect/create-link", { body: { end_user_email: "a@example.com", end_user_organization_name: "Acme" } })).rejects.toThrow();
    await expect(fetch("http://localhost:3000/index.html")).rejects.toThrow();
  });
});
