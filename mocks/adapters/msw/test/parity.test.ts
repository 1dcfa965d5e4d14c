import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../../engine/clock.js";
import { createKindeClient, type KindeClient } from "../../../../generated/kinde/index.js";
import { createKomboClient, type KomboClient } from "../../../../generated/kombo/index.js";
import { startMockServers, type RunningMockServers } from "../../node/server.js";
import { createMockHandlers } from "../index.js";

/**
 * The same script of calls, through the typed clients, against msw's `setupServer` (live base URLs,
 * intercepted in process) and against the node:http mock on 127.0.0.1 (port 0): the transcripts
 * must be equal once random tokens and origins are masked.
 */

const start = Date.UTC(2026, 0, 15, 9, 30);
const clock = createManualClock(start);
const mocks = createMockHandlers({ engine: { clock } });
const server = setupServer(...mocks.handlers);
let http: RunningMockServers;

beforeAll(async () => {
  // msw sits in front of every fetch in this process: the 127.0.0.1 servers are passed through, anything else fails.
  server.listen({
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname !== "127.0.0.1") print.error();
    },
  });
  http = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, engine: { clock } });
});
afterEach(() => {
  server.resetHandlers();
  mocks.reset();
  http.reset();
});
afterAll(async () => {
  server.close();
  await http?.close();
});

interface Target {
  kombo: KomboClient;
  kinde: KindeClient;
  /** The origins whose appearance in answers is masked. */
  origins: string[];
}

interface Step {
  step: string;
  status: number | "network error";
  body?: unknown;
  location?: string | null;
}

const mask = (value: unknown, origins: string[]): unknown =>
  JSON.parse(
    origins.reduce((text, origin) => text.split(origin).join("<origin>"), JSON.stringify(value) ?? "null").replace(/[A-Za-z0-9]{20,}/g, "<random>"),
  );

const createLinkBody = {
  end_user_email: "ada@example.com",
  end_user_organization_name: "Analytical Engines Ltd",
  end_user_origin_id: "org-42",
  integration_category: "HRIS" as const,
  integration_tool: "personio" as const,
};

async function transcript(target: Target): Promise<Step[]> {
  const steps: Step[] = [];
  const record = async (step: string, call: () => Promise<{ response: Response; data?: unknown; error?: unknown }>): Promise<unknown> => {
    try {
      const { response, data, error } = await call();
      const body = data ?? error;
      steps.push({ step, status: response.status, body: mask(body, target.origins) });
      return body;
    } catch {
      steps.push({ step, status: "network error" });
      return undefined;
    }
  };
  const raw = (url: string, init?: RequestInit) => async () => {
    const response = await fetch(url, init);
    const text = await response.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      data = text.length > 0 ? "<html or text>" : undefined;
    }
    return { response, data };
  };
  const { kombo, kinde } = target;
  clock.set(start);

  // Kombo: success, the connect flow, state, errors, Prefer.
  const created = (await record("create-link", () => kombo.POST("/connect/create-link", { body: createLinkBody }))) as { data: { link: string } };
  const link = created.data.link;
  await record("integration before connect", () => kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token: "not-a-token" } } }));
  const connected = (await record("connect page as JSON", raw(link, { headers: { accept: "application/json" } }))) as { token: string };
  await record("integration-by-token", () => kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token: connected.token } } }));
  await record("connect page as HTML", raw(link, { headers: { accept: "text/html" } }));
  clock.advance(60 * 60 * 1000 + 1);
  await record("integration after the EMBEDDED hour", () =>
    kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token: connected.token } } }),
  );
  clock.set(start);
  await record("create-link invalid body", () =>
    kombo.POST("/connect/create-link", { body: { ...createLinkBody, end_user_email: 42 } as unknown as typeof createLinkBody }),
  );
  await record("create-link malformed JSON", () =>
    kombo.POST("/connect/create-link", { body: createLinkBody, bodySerializer: () => "{not json" }),
  );
  await record("create-link Prefer code=429", () => kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "code=429" } }));
  await record("create-link Prefer example", () =>
    kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "code=400, example=input_invalid" } }),
  );
  await record("create-link Prefer dynamic", () =>
    kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "dynamic=true, seed=7" } }),
  );
  await record("create-link Prefer code=418 (the spec's default)", () =>
    kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "code=418" } }),
  );
  await record("create-link Prefer fault=reset", () =>
    kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "fault=reset" } }),
  );
  await record("create-link over 1 MiB", () =>
    kombo.POST("/connect/create-link", { body: { ...createLinkBody, end_user_organization_name: "x".repeat(1024 * 1024 + 1) } }),
  );
  await record("create-link without credential", () => kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Authorization: "" } }));

  // Kinde: the M2M token endpoint (form in, JSON or RFC 6749 error out).
  const tokenRequest = (grantType: string) =>
    target.kinde.POST("/oauth2/token", {
      body: { grant_type: grantType, client_id: "m2m", client_secret: "secret" },
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  await record("m2m token", () => tokenRequest("client_credentials"));
  await record("m2m token, another grant", () => tokenRequest("password"));

  // Kinde: the consent flow and its state.
  const authUrl = (await record("auth_url", () =>
    kinde.GET("/api/v1/connected_apps/auth_url", {
      params: { query: { key_code_ref: "google_drive", user_id: "kp_1", override_callback_url: "https://app.example.com/callback" } },
    }),
  )) as { url: string; session_id: string };
  const session = { params: { query: { session_id: authUrl.session_id } } };
  await record("token before consent", () => kinde.GET("/api/v1/connected_apps/token", session));
  const page = await fetch(authUrl.url, { redirect: "manual" });
  steps.push({ step: "consent page", status: page.status, location: null });
  await page.arrayBuffer();
  const consent = await fetch(authUrl.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "decision=allow", redirect: "manual" });
  steps.push({ step: "consent allow", status: consent.status, location: mask(consent.headers.get("location"), target.origins) as string | null });
  await record("token after consent", () => kinde.GET("/api/v1/connected_apps/token", session));
  await record("revoke", () => kinde.POST("/api/v1/connected_apps/revoke", session));
  await record("token after revoke", () => kinde.GET("/api/v1/connected_apps/token", session));
  await record("revoke again", () => kinde.POST("/api/v1/connected_apps/revoke", session));
  await record("token Prefer code=403", () => kinde.GET("/api/v1/connected_apps/token", { ...session, headers: { Prefer: "code=403" } }));
  await record("token Prefer undeclared code=418", () => kinde.GET("/api/v1/connected_apps/token", { ...session, headers: { Prefer: "code=418" } }));
  await record("auth_url without key_code_ref", () =>
    kinde.GET("/api/v1/connected_apps/auth_url", { params: { query: {} as { key_code_ref: string } } }),
  );
  return steps;
}

describe("msw setupServer answers as the node:http mock does", () => {
  it("gives the same transcript through the typed clients", async () => {
    const viaMsw = await transcript({
      kombo: createKomboClient({ apiKey: "test-key" }),
      kinde: createKindeClient({ token: "test-token", baseUrl: "https://acme.kinde.com" }),
      origins: ["https://api.kombo.dev", "https://acme.kinde.com"],
    });
    const viaHttp = await transcript({
      kombo: createKomboClient({ apiKey: "test-key", baseUrl: http.kombo.baseUrl }),
      kinde: createKindeClient({ token: "test-token", baseUrl: http.kinde.baseUrl }),
      origins: [http.kombo.origin, http.kinde.origin],
    });

    // The script itself must have walked the flows, or equal transcripts would prove nothing.
    expect(viaHttp.map((step) => `${step.step}: ${step.status}`)).toEqual([
      "create-link: 200",
      "integration before connect: 404",
      "connect page as JSON: 200",
      "integration-by-token: 200",
      "connect page as HTML: 200",
      "integration after the EMBEDDED hour: 404",
      "create-link invalid body: 400",
      "create-link malformed JSON: 400",
      "create-link Prefer code=429: 429",
      "create-link Prefer example: 400",
      "create-link Prefer dynamic: 200",
      "create-link Prefer code=418 (the spec's default): 418",
      "create-link Prefer fault=reset: network error",
      "create-link over 1 MiB: 413",
      "create-link without credential: 401",
      "m2m token: 200",
      "m2m token, another grant: 400",
      "auth_url: 200",
      "token before consent: 400",
      "consent page: 200",
      "consent allow: 303",
      "token after consent: 200",
      "revoke: 200",
      "token after revoke: 400",
      "revoke again: 400",
      "token Prefer code=403: 403",
      "token Prefer undeclared code=418: 404",
      "auth_url without key_code_ref: 400",
    ]);
    expect(viaMsw).toEqual(viaHttp);
    expect(viaMsw.find((step) => step.step === "integration-by-token")?.body).toMatchObject({
      status: "success",
      data: { tool: "personio", end_user_origin_id: "org-42", end_user_organization_name: "Analytical Engines Ltd", setup_status: "COMPLETED" },
    });
    // Two transcripts of 26 requests each (one with a 1 MiB body): more than vitest's 5 s default on a busy machine.
  }, 30_000);
});
