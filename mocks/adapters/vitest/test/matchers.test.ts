import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createKomboClient } from "../../../../generated/kombo/index.js";
import { setupMockServer } from "../../node/msw.js";
import { assertReceived, consumerCoverageGlobalSetup, mockMatchers, receivedRequests, saveCoverage } from "../index.js";

expect.extend(mockMatchers);

const kombo = createKomboClient({ apiKey: "sk_test_matchers-secret" });
const mocks = setupMockServer();
beforeAll(() => mocks.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  mocks.server.resetHandlers();
  mocks.reset();
  mocks.clearRequests();
});
afterAll(() => mocks.server.close());

const createLink = (email: string) => kombo.POST("/connect/create-link", { body: { end_user_email: email, end_user_organization_name: "Acme" } });

describe("matchers over the journal", () => {
  it("toHaveReceived matches the body sent, toHaveReceivedTimes counts, .not inverts", async () => {
    await createLink("jane@acme.example");
    await createLink("not-an-email");
    expect(mocks).toHaveReceived("PostConnectCreateLink", { body: { end_user_email: "jane@acme.example" } });
    expect(mocks).toHaveReceived("PostConnectCreateLink", { status: 400, body: { end_user_email: "not-an-email" } });
    expect(mocks).toHaveReceivedTimes("PostConnectCreateLink", 2);
    expect(mocks).toHaveReceivedTimes("PostConnectCreateLink", 1, { headers: { authorization: "Bearer ***" }, status: 200 });
    expect(mocks).not.toHaveReceived("GetConnectIntegrationByTokenToken");
  });

  it("a failure lists what the mock did receive, and never the credential", async () => {
    await createLink("jane@acme.example");
    let message = "";
    try {
      expect(mocks).toHaveReceived("PostConnectCreateLink", { body: { end_user_email: "bob@acme.example" } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('expected a PostConnectCreateLink request matching {"body":{"end_user_email":"bob@acme.example"}}');
    expect(message).toContain("The mock received 1 request(s):");
    expect(message).toContain('POST /v1/connect/create-link -> 200 (PostConnectCreateLink) body {"end_user_email":"jane@acme.example"');
    expect(message).not.toContain("matchers-secret");
    expect(() => expect(mocks).toHaveReceivedTimes("PostConnectCreateLink", 2)).toThrow("expected 2 PostConnectCreateLink request(s)");
  });

  it("plain helpers work without vitest's expect", async () => {
    await createLink("jane@acme.example");
    expect(receivedRequests(mocks, "PostConnectCreateLink", { body: { end_user_email: "jane@acme.example" } })).toHaveLength(1);
    expect(() => assertReceived(mocks, "PostConnectCreateLink", { status: 429 })).toThrow(/expected a PostConnectCreateLink request matching \{"status":429\}[\s\S]*-> 200/);
    expect(() => assertReceived(mocks, "PostConnectCreateLink", undefined, 1)).not.toThrow();
  });
});

describe("consumer coverage files", () => {
  it("each test file saves its part; the global teardown merges the parts into reports/consumer-coverage.json", async () => {
    const reports = await mkdtemp(join(tmpdir(), "consumer-coverage-files-"));
    try {
      const setup = consumerCoverageGlobalSetup({ reports });
      const teardown = await setup();
      await createLink("jane@acme.example");
      // Coverage adds up over a file's tests (reset() forgets state, not coverage): two parts, twice each count.
      const answered = mocks.coverage()[0]?.operations.PostConnectCreateLink?.statuses["200"] ?? 0;
      expect(answered).toBeGreaterThan(0);
      await saveCoverage(mocks, { reports });
      await saveCoverage(mocks, { reports });
      await teardown();
      const written = JSON.parse(await readFile(join(reports, "consumer-coverage.json"), "utf8")) as { providers: { provider: string; operations: Record<string, { statuses: Record<string, number> }> }[] };
      expect(written.providers.map((entry) => entry.provider)).toEqual(["kombo", "kinde"]);
      expect(written.providers[0]?.operations.PostConnectCreateLink?.statuses["200"]).toBe(2 * answered);
      expect(written.providers[0]?.operations.PostConnectCreateLink?.statuses["429"]).toBe(0);
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  });
});

describe("types from the specs", () => {
  it("refuse an operationId neither spec declares and a body field the operation does not take", () => {
    // @ts-expect-error not an operationId of either spec
    expect(() => assertReceived(mocks, "CreateLink")).toThrow("expected a CreateLink request");
    // @ts-expect-error create-link's body has no `email`
    expect(receivedRequests(mocks, "PostConnectCreateLink", { body: { email: "x" } })).toEqual([]);
    // @ts-expect-error the matcher is typed the same way
    expect(mocks).not.toHaveReceived("NoSuchOperation");
  });
});
