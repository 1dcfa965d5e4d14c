import { Kombo } from "@kombo-api/sdk";
import { HTTPClient } from "@kombo-api/sdk/lib/http.js";
import * as errors from "@kombo-api/sdk/models/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompiledOperation } from "../../openapi/spec-index.js";
import { setupMockServer } from "../adapters/node/msw.js";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";
import { createMockEngines } from "../behaviour/index.js";

/**
 * Kombo's own SDK (`@kombo-api/sdk`, pinned) against both mocks, unchanged but for its server URL:
 * `npm run mock`'s servers (`startMockServers`) and msw's `setupServer`. Every operation, the connect
 * flow, and every declared error the spec names, forced through `Prefer` as a request option.
 */

const apiKey = "sdk-test-key";
const spec = createMockEngines().kombo.spec;
const operation = (id: string): CompiledOperation => spec.operations.find((candidate) => candidate.operationId === id)!;
const sdkCalls: Record<string, (kombo: Kombo, headers: Record<string, string>) => Promise<unknown>> = {
  PostConnectCreateLink: (kombo, headers) =>
    kombo.connect.createConnectionLink({ end_user_email: "ada@acme.example", end_user_organization_name: "Acme GmbH" }, { headers }),
  GetConnectIntegrationByTokenToken: (kombo, headers) => kombo.connect.getIntegrationByToken({ token: "unknown-token" }, { headers }),
  PostIntegrationsIntegrationIdRelink: (kombo, headers) => kombo.general.createReconnectionLink({ integration_id: "personio:unknown", body: {} }, { headers }),
};

interface DeclaredError {
  operationId: string;
  status: string;
  example: string;
  error: unknown;
}

/** Every named error example of both operations, with the status it is declared under. */
const declaredErrors: DeclaredError[] = Object.keys(sdkCalls).flatMap((operationId) =>
  [...operation(operationId).responses.values()]
    .filter((response) => !response.status.startsWith("2"))
    .flatMap((response) =>
      [...(response.content.get("application/json")?.examples ?? new Map<string, unknown>())].map(([example, value]) => ({
        operationId,
        status: response.status,
        example,
        error: (value as { error: unknown }).error,
      })),
    ),
);
const declaredStatuses = (operationId: string): number[] =>
  [...operation(operationId).responses.keys()].filter((status) => /^[45]\d\d$/.test(status)).map(Number);

async function thrown(call: Promise<unknown>): Promise<errors.KomboGeneralError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof errors.KomboGeneralError) return error;
    throw new Error(`expected a KomboGeneralError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  throw new Error("expected a KomboGeneralError, the call succeeded");
}

/** What the user's click on Connect does, through the page's JSON shortcut. */
async function completeLink(link: string, tool?: string): Promise<string> {
  const url = new URL(link);
  if (tool !== undefined) url.searchParams.set("tool", tool);
  const answer = await fetch(url, { headers: { accept: "application/json" } });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { token: string }).token;
}

function compatibilitySuite(serverUrl: () => string): void {
  const kombo = (): Kombo => new Kombo({ api_key: apiKey, server_url: serverUrl() });

  it("connect flow: createConnectionLink, the Connect click, getIntegrationByToken answers the link's data", async () => {
    const created = await kombo().connect.createConnectionLink({
      end_user_email: "ada@acme.example",
      end_user_organization_name: "Acme GmbH",
      end_user_origin_id: "org_42",
      integration_category: "HRIS",
      integration_tool: "personio",
    });
    expect(created.status).toBe("success");
    const token = await completeLink(created.data.link);
    const integration = await kombo().connect.getIntegrationByToken({ token });
    expect(integration.data).toMatchObject({ tool: "personio", end_user_origin_id: "org_42", end_user_organization_name: "Acme GmbH", end_user_email: "ada@acme.example", setup_status: "COMPLETED" });
  });

  it("connect flow without a tool: the picked tool is the integration's", async () => {
    const created = await kombo().connect.createConnectionLink({ end_user_email: "ada@acme.example", end_user_organization_name: "Acme GmbH", integration_category: "ATS" });
    const integration = await kombo().connect.getIntegrationByToken({ token: await completeLink(created.data.link, "greenhouse") });
    expect(integration.data.tool).toBe("greenhouse");
  });

  it("reconnection: createReconnectionLink for the flow's integration answers a link; for an unknown one a 404", async () => {
    const created = await kombo().connect.createConnectionLink({ end_user_email: "ada@acme.example", end_user_organization_name: "Acme GmbH", integration_tool: "personio" });
    const integration = await kombo().connect.getIntegrationByToken({ token: await completeLink(created.data.link) });
    const relink = await kombo().general.createReconnectionLink({ integration_id: integration.data.id, body: { language: "de" } });
    expect(relink.status).toBe("success");
    expect(new URL(relink.data.link).pathname).toBe("/__mock/connect");
    const error = await thrown(kombo().general.createReconnectionLink({ integration_id: "personio:never-created", body: {} }));
    expect(error.statusCode).toBe(404);
    expect(error.data$.error.code).toBe("PLATFORM.INTEGRATION_NOT_FOUND");
  });

  it("an unknown token is a KomboGeneralError 404 PLATFORM.INTEGRATION_NOT_FOUND (state, no Prefer)", async () => {
    const error = await thrown(kombo().connect.getIntegrationByToken({ token: "never-issued" }));
    expect(error.statusCode).toBe(404);
    expect(error.data$.error.code).toBe("PLATFORM.INTEGRATION_NOT_FOUND");
  });

  it("a wrong API key is a KomboGeneralError 401 PLATFORM.AUTHENTICATION_INVALID", async () => {
    const error = await thrown(new Kombo({ api_key: "wrong-key", server_url: serverUrl() }).connect.createConnectionLink({ end_user_email: "ada@acme.example", end_user_organization_name: "Acme GmbH" }));
    expect(error.statusCode).toBe(401);
    expect(error.data$.error.code).toBe("PLATFORM.AUTHENTICATION_INVALID");
  });

  it("has every declared error example among the cases", () => {
    expect(declaredErrors.length).toBeGreaterThanOrEqual(2 * 9);
    expect(declaredErrors.map((entry) => entry.example)).toContain("Minimal Error Response");
  });

  it.each(declaredErrors.map((entry) => [`${entry.operationId} ${entry.status} Prefer: example=${entry.example}`, entry] as const))("%s", async (_label, entry) => {
    const error = await thrown(sdkCalls[entry.operationId]!(kombo(), { Prefer: `example=${entry.example}` }));
    if (entry.status !== "default") expect(error.statusCode).toBe(Number(entry.status));
    expect(error.data$.error).toEqual(entry.error);
  });

  it.each(Object.keys(sdkCalls).flatMap((operationId) => declaredStatuses(operationId).map((status) => [`${operationId} Prefer: code=${status}`, operationId, status] as const)))(
    "%s",
    async (_label, operationId, status) => {
      const error = await thrown(sdkCalls[operationId]!(kombo(), { Prefer: `code=${status}` }));
      expect(error.statusCode).toBe(status);
      expect(error.data$.status).toBe("error");
    },
  );

  it("Prefer through the SDK's own HTTPClient hook (beforeRequest) applies to every call", async () => {
    const httpClient = new HTTPClient();
    httpClient.addHook("beforeRequest", (request) => {
      const forced = new Request(request);
      forced.headers.set("Prefer", "code=429, example=concurrency_limit_exceeded");
      return forced;
    });
    const limited = new Kombo({ api_key: apiKey, server_url: serverUrl(), http_client: httpClient });
    for (const call of Object.values(sdkCalls)) {
      const error = await thrown(call(limited, {}));
      expect(error.statusCode).toBe(429);
      expect(error.data$.error.code).toBe("PLATFORM.CONCURRENCY_LIMIT_EXCEEDED");
    }
  });
}

describe("@kombo-api/sdk against npm run mock (startMockServers)", () => {
  let servers: RunningMockServers;
  beforeAll(async () => {
    servers = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, settings: { kombo: { apiKeys: [apiKey] } } });
  });
  afterAll(() => servers?.close());
  compatibilitySuite(() => servers.kombo.baseUrl);
});

describe("@kombo-api/sdk against msw (setupMockServer)", () => {
  const mocks = setupMockServer({ settings: { kombo: { apiKeys: [apiKey] } } });
  beforeAll(() => mocks.server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => mocks.server.close());
  // The SDK's default server: nothing to configure under msw.
  compatibilitySuite(() => "https://api.kombo.dev/v1");
});
