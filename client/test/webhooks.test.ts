import { createHmac } from "node:crypto";
import {
  connectionFlowFailedWebhookPayloadFromJSON,
  integrationCreatedWebhookPayloadFromJSON,
  integrationDeletedWebhookPayloadFromJSON,
  integrationStateChangedWebhookPayloadFromJSON,
  syncFinishedWebhookPayloadFromJSON,
} from "@kombo-api/sdk/models";
import { describe, expect, test } from "vitest";
import komboDocument from "../../generated/kombo/spec.js";
import { parseKomboWebhook, verifyKomboWebhook, WebhookVerificationError, type KomboWebhookEvent } from "../../generated/kombo/index.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { webhookEvents } from "../../openapi/webhooks.js";

const secret = "whsec_test_4f9a";
/** The signature computed independently of the code under test, with node:crypto. */
const kombosSignature = (body: string | Buffer, key = secret) => createHmac("sha256", key).update(body).digest("base64url");
const events = webhookEvents(komboDocument as unknown as OpenApiDocument);
const example = (type: string) => JSON.stringify(events.find((event) => event.type === type)?.examples.example1);

describe("verifyKomboWebhook", () => {
  const body = example("integration-created");
  const signature = kombosSignature(body);

  test("true for a body and its signature, as text or bytes", async () => {
    expect(signature).not.toMatch(/=/);
    expect(await verifyKomboWebhook(body, signature, secret)).toBe(true);
    expect(await verifyKomboWebhook(new TextEncoder().encode(body), signature, secret)).toBe(true);
  });

  test("false when one byte of the body changes, whichever byte", async () => {
    for (const index of [0, Math.floor(body.length / 2), body.length - 1]) {
      const bytes = Buffer.from(body);
      bytes[index] = (bytes[index] as number) ^ 1;
      expect(await verifyKomboWebhook(bytes, signature, secret)).toBe(false);
    }
  });

  test("false for a padded, re-encoded, modified or missing signature, or another secret", async () => {
    const standardBase64 = createHmac("sha256", secret).update(body).digest("base64");
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    for (const wrong of [`${signature}=`, standardBase64, flipped, ` ${signature}`, "", undefined, null, kombosSignature(body, "another")]) {
      expect(await verifyKomboWebhook(body, wrong, secret), String(wrong)).toBe(false);
    }
    expect(await verifyKomboWebhook(body, signature, "")).toBe(false);
  });
});

describe("parseKomboWebhook", () => {
  test("each declared event: verified, validated and typed; the official SDK's model reads the same body", async () => {
    const sdkModels: Record<string, (json: string) => { ok: boolean }> = {
      "integration-created": integrationCreatedWebhookPayloadFromJSON,
      "connection-flow-failed": connectionFlowFailedWebhookPayloadFromJSON,
      "integration-state-changed": integrationStateChangedWebhookPayloadFromJSON,
      "integration-deleted": integrationDeletedWebhookPayloadFromJSON,
      "sync-finished": syncFinishedWebhookPayloadFromJSON,
    };
    expect(events.map((event) => event.type).sort()).toEqual(Object.keys(sdkModels).sort());
    for (const event of events) {
      const body = example(event.type);
      const parsed: KomboWebhookEvent | undefined = await parseKomboWebhook(body, kombosSignature(body), secret);
      expect(parsed?.type).toBe(event.type);
      expect(sdkModels[event.type]?.(body).ok, event.type).toBe(true);
    }
    const body = example("integration-created");
    const parsed = await parseKomboWebhook(body, kombosSignature(body), secret);
    if (parsed?.type === "integration-created") expect(parsed.data.end_user.organization_name).toBe("Acme, Inc.");
    else expect.unreachable("integration-created expected");
  });

  test("refuses a bad signature before reading the body, and a signed body that breaks its schema", async () => {
    const body = example("integration-deleted");
    await expect(parseKomboWebhook(body, kombosSignature(`${body} `), secret)).rejects.toMatchObject({ reason: "signature" });
    await expect(parseKomboWebhook("not json", undefined, secret)).rejects.toMatchObject({ reason: "signature", message: "the request carries no signature" });
    const broken = JSON.stringify({ ...JSON.parse(body), data: { tool: "personio" } });
    const error: unknown = await parseKomboWebhook(broken, kombosSignature(broken), secret).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).reason).toBe("body");
    expect((error as WebhookVerificationError).problems).toContainEqual(expect.stringMatching(/^\$\.data\.id is required/));
    const notJson = "{";
    await expect(parseKomboWebhook(notJson, kombosSignature(notJson), secret)).rejects.toMatchObject({ reason: "body", message: "the body is not JSON" });
  });

  test("a signed event of a type the spec does not know yet resolves to undefined (tolerate it)", async () => {
    const body = JSON.stringify({ id: "evt_1", type: "integration-paused", data: { anything: true } });
    expect(await parseKomboWebhook(body, kombosSignature(body), secret)).toBeUndefined();
  });
});
