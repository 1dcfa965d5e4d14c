import * as kindeSdk from "@kinde/management-api-js";
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import kindeDocument from "../../generated/kinde/spec.js";
import type { ProviderJournalEntry } from "../engine/journal.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { setupMockServer, type MockServer } from "../adapters/node/msw.js";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";
import type { MockSettings } from "../behaviour/index.js";

// Kinde's own SDK, @kinde/management-api-js, set up with init() as a backend team does, against the
// node:http mock (startMockServers, as `npm run mock`) and msw's setupServer. The SDK keeps its settings
// in module state, so the two targets run one after the other.

const client = { clientId: "my_m2m_client_id", clientSecret: "my_m2m_client_secret" };
/** The accepted client is pinned, and so is a Management API token the SDK never sees: its own tokens must pass anyway. */
const settings: MockSettings = { kinde: { tokens: ["pinned-token-the-sdk-does-not-know"], clientId: client.clientId, clientSecret: client.clientSecret } };
const callback = "http://localhost:3000/callback";
const kinde = compileSpec(kindeDocument as unknown as OpenApiDocument);

/**
 * The SDK's declarations re-export its API with `export * from './api/index'`, without a file extension,
 * which TypeScript's NodeNext resolution cannot follow: `ConnectedApps`, `ApiError` and `OpenAPI` exist at
 * run time but not for tsc. The members used here are typed as the SDK declares them.
 */
interface SdkApiError extends Error {
  readonly status: number;
  readonly body: unknown;
}
interface KindeSdk {
  init: typeof kindeSdk.init;
  setToken(token: string): void;
  ApiError: abstract new (...args: never[]) => SdkApiError;
  OpenAPI: { HEADERS?: Record<string, string> | undefined };
  ConnectedApps: {
    getConnectedAppAuthUrl(data: { keyCodeRef: string; userId?: string; orgCode?: string; overrideCallbackUrl?: string }): Promise<{ url?: string; session_id?: string }>;
    getConnectedAppToken(data: { sessionId: string }): Promise<{ access_token?: string; access_token_expiry?: string }>;
    revokeConnectedAppToken(data: { sessionId: string }): Promise<{ message?: string; code?: string }>;
  };
}
const { ApiError, ConnectedApps, OpenAPI, init, setToken } = kindeSdk as unknown as KindeSdk;

// init() reads these when set; the tests pass everything explicitly.
for (const name of ["KINDE_DOMAIN", "KINDE_MANAGEMENT_CLIENT_ID", "KINDE_MANAGEMENT_CLIENT_SECRET"]) delete process.env[name];

interface Target {
  /** What init() gets as kindeDomain. */
  domain(): string;
  requests(): ProviderJournalEntry[];
  clearRequests(): void;
  reset(): void;
}

/** The SDK's ApiError of a call that must fail. */
async function apiError(call: Promise<unknown>): Promise<SdkApiError> {
  const caught = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(caught instanceof ApiError)) throw new Error(`expected an ApiError, got ${caught === undefined ? "success" : String(caught)}`);
  return caught;
}

async function startSession(): Promise<{ url: string; sessionId: string }> {
  const auth = await ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "google_calendar", userId: "kp_1234", overrideCallbackUrl: callback });
  expect(typeof auth.url).toBe("string");
  expect(typeof auth.session_id).toBe("string");
  return { url: auth.url ?? "", sessionId: auth.session_id ?? "" };
}

/** What the consent page's Allow or Deny button posts. */
async function decide(url: string, decision: "allow" | "deny"): Promise<{ consent: string; redirect_url: string }> {
  const answer = await fetch(url, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
    body: `decision=${decision}`,
  });
  expect(answer.status).toBe(200);
  return (await answer.json()) as { consent: string; redirect_url: string };
}

const invalidSession = { errors: [{ code: "INVALID_SESSION", message: "The session id provided points to an invalid session." }] };

/** Every declared error status of the three Connected Apps operations, with the SDK call that reaches it. */
const sdkCalls: Record<string, () => Promise<unknown>> = {
  GetConnectedAppAuthUrl: () => ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "google_calendar" }),
  GetConnectedAppToken: () => ConnectedApps.getConnectedAppToken({ sessionId: "any" }),
  RevokeConnectedAppToken: () => ConnectedApps.revokeConnectedAppToken({ sessionId: "any" }),
};
const declaredErrors = Object.keys(sdkCalls).flatMap((operationId) =>
  [...kinde.byOperationId(operationId).responses.values()]
    .filter((response) => Number(response.status) >= 400)
    .map((response) => ({ operationId, status: Number(response.status), example: response.content.get("application/json")?.examples.values().next().value })),
);

function sdkSuite(name: string, target: Target): void {
  describe(`@kinde/management-api-js against ${name}`, () => {
    afterEach(() => {
      OpenAPI.HEADERS = undefined;
      // init() keeps a token the SDK already holds; each test starts without one.
      setToken("");
      target.reset();
      target.clearRequests();
    });

    it("init() -> auth_url -> consent Allow -> token -> revoke -> token 400, on the SDK's own M2M token", async () => {
      init({ kindeDomain: target.domain(), ...client });
      const { url, sessionId } = await startSession();
      expect(url).toBe(`${target.domain()}/__mock/consent?session_id=${sessionId}`);
      expect((await apiError(ConnectedApps.getConnectedAppToken({ sessionId }))).status).toBe(400);

      expect(await decide(url, "allow")).toEqual({ session_id: sessionId, consent: "allowed", redirect_url: `${callback}?session_id=${sessionId}` });
      const token = await ConnectedApps.getConnectedAppToken({ sessionId });
      expect(token.access_token).toMatch(/^mock_/);
      expect(Date.parse(token.access_token_expiry ?? "")).toBeGreaterThan(Date.now());

      expect(await ConnectedApps.revokeConnectedAppToken({ sessionId })).toEqual({ message: "Success", code: "OK" });
      const afterRevoke = await apiError(ConnectedApps.getConnectedAppToken({ sessionId }));
      expect(afterRevoke.status).toBe(400);
      expect(afterRevoke.body).toEqual(invalidSession);
      expect((await apiError(ConnectedApps.revokeConnectedAppToken({ sessionId }))).status).toBe(400);

      const requests = target.requests();
      const management = requests.filter((entry) => entry.operationId !== "RequestM2MToken");
      expect(management.map((entry) => `${entry.operationId} ${entry.status}`)).toEqual([
        "GetConnectedAppAuthUrl 200",
        "GetConnectedAppToken 400",
        "GetConnectedAppToken 200",
        "RevokeConnectedAppToken 200",
        "GetConnectedAppToken 400",
        "RevokeConnectedAppToken 400",
      ]);
      const tokenRequests = requests.filter((entry) => entry.operationId === "RequestM2MToken");
      expect(tokenRequests.length).toBeGreaterThanOrEqual(1);
      expect(tokenRequests.every((entry) => entry.status === 200 && entry.method === "POST" && entry.path === "/oauth2/token")).toBe(true);
      expect(JSON.stringify(requests)).not.toContain(client.clientSecret);
    });

    it("consent Deny leaves the session unusable: token and revoke answer 400", async () => {
      init({ kindeDomain: target.domain(), ...client });
      const { url, sessionId } = await startSession();
      const denied = await decide(url, "deny");
      expect(denied.consent).toBe("denied");
      expect(new URL(denied.redirect_url).searchParams.get("error")).toBe("access_denied");
      const token = await apiError(ConnectedApps.getConnectedAppToken({ sessionId }));
      expect(token.status).toBe(400);
      expect(token.body).toEqual(invalidSession);
      expect((await apiError(ConnectedApps.revokeConnectedAppToken({ sessionId }))).status).toBe(400);
    });

    it.each(declaredErrors.map((entry) => [`${entry.operationId} ${entry.status}`, entry] as const))(
      "Prefer: code=%s through OpenAPI.HEADERS throws the SDK's ApiError with the spec's body",
      async (_name, { operationId, status, example }) => {
        init({ kindeDomain: target.domain(), ...client });
        OpenAPI.HEADERS = { Prefer: `code=${status}` };
        const error = await apiError((sdkCalls[operationId] as () => Promise<unknown>)());
        expect(error.status).toBe(status);
        expect(error.body).toEqual(example);
      },
    );

    it("a wrong client secret gets 401 invalid_client from /oauth2/token; the SDK then calls without a token and gets 403", async () => {
      init({ kindeDomain: target.domain(), clientId: client.clientId, clientSecret: "not-the-secret" });
      const error = await apiError(ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "google_calendar" }));
      expect(error.status).toBe(403);
      expect(target.requests().map((entry) => `${entry.operationId} ${entry.status}`)).toEqual(["RequestM2MToken 401", "GetConnectedAppAuthUrl 403"]);
      expect(target.requests()[0]?.problems.join(" ")).toContain("wrong client_secret");
      expect(JSON.stringify(target.requests())).not.toContain("not-the-secret");
    });
  });
}

describe("over node:http (startMockServers, as npm run mock)", () => {
  let mocks: RunningMockServers;
  beforeAll(async () => {
    mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, settings });
  });
  afterAll(() => mocks.close());

  sdkSuite("the node:http mock", {
    domain: () => mocks.kinde.origin,
    requests: () => mocks.kinde.engine.requests().map((entry) => ({ ...entry, provider: "kinde" })),
    clearRequests: () => mocks.clearRequests(),
    reset: () => mocks.reset(),
  });

  it("with an http:// domain the SDK's audience check never matches, so it fetches a token before every call", async () => {
    init({ kindeDomain: mocks.kinde.origin, ...client });
    await ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "a" });
    await ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "b" });
    const operations = mocks.kinde.engine.requests().map((entry) => entry.operationId);
    expect(operations).toEqual(["RequestM2MToken", "GetConnectedAppAuthUrl", "RequestM2MToken", "GetConnectedAppAuthUrl"]);
    mocks.clearRequests();
    setToken("");
  });
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The `ts` blocks of the Kinde section of docs/official-clients.md. */
async function kindeDocSnippets(): Promise<string[]> {
  const page = await readFile(join(root, "docs", "official-clients.md"), "utf8");
  const section = page.slice(page.indexOf("\n## Kinde"));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => (match[1] ?? "").replace(/^ {2}/gm, ""));
}

describe("docs/official-clients.md, Kinde section, run as written against the node:http mock", () => {
  let mocks: RunningMockServers;
  // Inside the repository so that the snippets' bare imports resolve from its node_modules.
  const scratch = join(root, "node_modules", ".cache", "connect-contracts-doc-snippets");
  beforeAll(async () => {
    mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, settings });
    await mkdir(scratch, { recursive: true });
  });
  afterAll(async () => {
    await mocks.close();
    await rm(scratch, { recursive: true, force: true });
  });

  async function run(snippet: string, index: number): Promise<string> {
    expect(snippet).toContain('kindeDomain: "http://127.0.0.1:4011"');
    const file = join(scratch, `kinde-${process.pid}-${index}.mts`);
    await writeFile(file, snippet.replaceAll("http://127.0.0.1:4011", mocks.kinde.origin));
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", file], { cwd: root, env: { ...process.env, KINDE_DOMAIN: "" } });
    return stdout;
  }

  it("the flow snippet prints the consent, the token's expiry and the 400 after revoke; the Prefer snippet prints 429", async () => {
    const snippets = await kindeDocSnippets();
    expect(snippets).toHaveLength(2);
    const flow = await run(snippets[0] ?? "", 0);
    expect(flow).toContain("consent: allowed\n");
    expect(flow).toMatch(/token expires: \d{4}-\d\d-\d\dT/);
    expect(flow).toContain('after revoke: 400 {"errors":[{"code":"INVALID_SESSION"');
    expect(await run(snippets[1] ?? "", 1)).toBe("429\n");
    const operations = mocks.kinde.engine.requests().map((entry) => `${entry.operationId} ${entry.status}`);
    expect(operations).toContain("RequestM2MToken 200");
    expect(operations).toContain("GetConnectedAppAuthUrl 429");
  }, 60_000);
});

describe("over msw (setupMockServer)", () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = setupMockServer({ settings });
    mocks.server.listen({ onUnhandledRequest: "error" });
  });
  afterAll(() => mocks.server.close());

  sdkSuite("msw", {
    domain: () => "https://acme.kinde.com",
    requests: () => mocks.kinde.engine.requests().map((entry) => ({ ...entry, provider: "kinde" })),
    clearRequests: () => mocks.clearRequests(),
    reset: () => mocks.reset(),
  });

  it("with an https:// domain the SDK keeps one token until its exp passes, then fetches a new one", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.parse("2026-11-30T09:00:00Z"));
      init({ kindeDomain: "https://acme.kinde.com", ...client });
      await ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "a" });
      await ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "b" });
      vi.setSystemTime(Date.parse("2026-12-01T09:00:01Z"));
      await ConnectedApps.getConnectedAppAuthUrl({ keyCodeRef: "c" });
      const operations = mocks.kinde.engine.requests().map((entry) => `${entry.operationId} ${entry.status}`);
      expect(operations).toEqual(["RequestM2MToken 200", "GetConnectedAppAuthUrl 200", "GetConnectedAppAuthUrl 200", "RequestM2MToken 200", "GetConnectedAppAuthUrl 200"]);
    } finally {
      vi.useRealTimers();
      setToken("");
      mocks.clearRequests();
      mocks.reset();
    }
  });
});
