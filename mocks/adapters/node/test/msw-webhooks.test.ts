import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseKomboWebhook, type KomboWebhookEvent } from "../../../../generated/kombo/index.js";
import { createKomboClient } from "../../../../generated/kombo/index.js";
import { setupMockServer, signedWebhook, type SignedWebhook } from "../msw.js";

// An app's webhook handler tested in process: the msw set-up calls it with each event, signed as Kombo signs.

const secret = "whsec_in_process";
const handled: KomboWebhookEvent[] = [];
let failNext = 0;

/** The app's handler: verify and parse, answer 401 on a bad signature. */
async function appHandler({ headers, body }: SignedWebhook): Promise<number> {
  if (failNext > 0) {
    failNext--;
    return 503;
  }
  try {
    const event = await parseKomboWebhook(body, headers["X-Kombo-Signature"], secret);
    if (event !== undefined) handled.push(event);
    return 200;
  } catch {
    return 401;
  }
}

const mocks = setupMockServer({ webhooks: { kombo: { secret, handler: appHandler }, retryDelaysSeconds: [0] } });
beforeAll(() => mocks.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  mocks.server.resetHandlers();
  mocks.reset();
  handled.length = 0;
});
afterAll(() => mocks.server.close());

const kombo = () => createKomboClient({ apiKey: "test" });

async function completeFlow(): Promise<string> {
  const { data } = await kombo().POST("/connect/create-link", { body: { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH", integration_tool: "personio" } });
  const completed = await fetch(data!.data.link, { headers: { accept: "application/json" } });
  return ((await completed.json()) as { token: string }).token;
}

describe("webhooks under msw (setupMockServer({ webhooks }))", () => {
  it("a flow completed under msw: the app's handler gets integration-created; webhooks() lists it signed", async () => {
    const token = await completeFlow();
    const { data } = await kombo().GET("/connect/integration-by-token/{token}", { params: { path: { token } } });
    const delivered = await mocks.webhooks();
    expect(delivered).toHaveLength(1);
    expect(handled).toEqual([JSON.parse(delivered[0]!.body)]);
    expect(handled[0]).toMatchObject({ type: "integration-created", data: { id: data!.data.id, tool: "personio" } });
  });

  it("a handler answering non-2xx gets the same event again", async () => {
    failNext = 1;
    await completeFlow();
    await mocks.webhooks();
    expect(handled.map((event) => event.type)).toEqual(["integration-created"]);
    const deliveries = (await (await fetch("https://api.kombo.dev/__mock/webhooks")).json()) as { webhooks: { attempts: { status: number }[] }[] };
    expect(deliveries.webhooks.at(-1)!.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
  });

  it("reset() forgets the events listed", async () => {
    await completeFlow();
    expect(await mocks.webhooks()).toHaveLength(1);
    mocks.reset();
    expect(await mocks.webhooks()).toEqual([]);
  });
});

describe("signedWebhook: any declared event, from the spec's schema, signed", () => {
  it("builds each type with believable data the package's parse accepts, and the fields asked for", async () => {
    for (const type of ["integration-created", "connection-flow-failed", "integration-state-changed", "integration-deleted", "sync-finished"]) {
      const webhook = await signedWebhook({ type, secret });
      const event = await parseKomboWebhook(webhook.body, webhook.headers["X-Kombo-Signature"], secret);
      expect(event?.type).toBe(type);
    }
    const invalid = await signedWebhook({ type: "integration-state-changed", secret, data: { state: "INVALID", integration_id: "personio:abc" }, id: "evt_1" });
    expect(JSON.parse(invalid.body)).toMatchObject({ id: "evt_1", type: "integration-state-changed", data: { state: "INVALID", integration_id: "personio:abc" } });
    const seeded = [await signedWebhook({ type: "integration-created", secret, seed: 7, id: "a" }), await signedWebhook({ type: "integration-created", secret, seed: 7, id: "a" })];
    expect(seeded[0]).toEqual(seeded[1]);
  });

  it("names the declared types when asked for another", async () => {
    await expect(signedWebhook({ type: "integration-paused", secret })).rejects.toThrow(/declared: integration-created, connection-flow-failed/);
  });
});
