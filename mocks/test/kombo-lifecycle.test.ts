import { integrationCreatedWebhookPayloadFromJSON, integrationStateChangedWebhookPayloadFromJSON } from "@kombo-api/sdk/models";
import { beforeEach, describe, expect, it } from "vitest";
import { createProviderEngine } from "../behaviour/index.js";
import type { MockEngine } from "../engine/engine.js";
import type { WebhookEventMessage } from "../engine/webhook-outbox.js";
import { answerNow } from "./helpers.js";

const origin = "http://127.0.0.1:4010";
let engine: MockEngine;
let events: WebhookEventMessage[];
let violations: string[];

beforeEach(() => {
  violations = [];
  engine = createProviderEngine("kombo", {}, { onViolation: (report) => violations.push(`${report.operationId}: ${report.problems.join("; ")}`) });
  events = [];
  engine.webhooks.subscribe((event) => events.push(event));
});

function call(method: string, path: string, body?: unknown, accept = "application/json") {
  const response = answerNow(engine, {
    method,
    url: `${origin}${path}`,
    headers: { authorization: "Bearer k", "content-type": "application/json", accept },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: response.body === undefined ? undefined : (JSON.parse(response.body) as Record<string, any>) };
}

function completedIntegration(tool = "personio"): { token: string; id: string; link: string } {
  const link = call("POST", "/v1/connect/create-link", { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH", integration_tool: tool, end_user_origin_id: "org_1" }).json!.data.link as string;
  const token = call("GET", link.slice(origin.length)).json!.token as string;
  const id = call("GET", `/v1/connect/integration-by-token/${token}`).json!.data.id as string;
  return { token, id, link };
}

describe("the webhook events of an integration's life", () => {
  it("completing a Connect flow raises integration-created whose data.id is integration-by-token's id; the SDK model reads it", () => {
    const { id, link } = completedIntegration();
    expect(events.map((event) => event.type)).toEqual(["integration-created"]);
    const created = events[0]!;
    expect(created.data).toEqual({ id, tool: "personio", category: "HRIS", end_user: { organization_name: "Acme GmbH", creator_email: "jane@acme.example", origin_id: "org_1" } });
    expect(integrationCreatedWebhookPayloadFromJSON(JSON.stringify(created)).ok).toBe(true);
    // Completing the same link again is the same integration: no second event.
    call("GET", link.slice(origin.length));
    expect(events).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  it("a failed flow (the JSON shortcut and the page's POST) raises connection-flow-failed and leaves the link usable", () => {
    const link = call("POST", "/v1/connect/create-link", { end_user_email: "a@b.example", end_user_organization_name: "Beta" }).json!.data.link as string;
    const path = link.slice(origin.length);
    expect(call("GET", `${path}&outcome=failed&tool=personio`).json).toMatchObject({ failed: true });
    expect(call("POST", path, { tool: "hibob", outcome: "failed" }).status).toBe(200);
    expect(events.map((event) => [event.type, event.data.integration_tool])).toEqual([
      ["connection-flow-failed", "personio"],
      ["connection-flow-failed", "hibob"],
    ]);
    expect(call("GET", path).json?.token).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(violations).toEqual([]);
  });

  it("the state control raises integration-state-changed; a relink link made of it brings it back to ACTIVE", () => {
    const { id } = completedIntegration();
    expect(call("POST", "/__mock/integrations/state", { integration_id: id, state: "INVALID" })).toEqual({ status: 200, json: { integration_id: id, state: "INVALID" } });
    // The same state again changes nothing.
    call("POST", "/__mock/integrations/state", { integration_id: id, state: "INVALID" });
    const relink = call("POST", `/v1/integrations/${encodeURIComponent(id)}/relink`, { language: "de" });
    expect(relink.status).toBe(200);
    expect(relink.json).toEqual({ status: "success", data: { link: expect.stringContaining(`${origin}/__mock/connect?token=`) } });
    const token = call("GET", (relink.json!.data.link as string).slice(origin.length)).json!.token as string;
    expect(call("GET", `/v1/connect/integration-by-token/${token}`).json!.data.id).toBe(id);
    const changes = events.filter((event) => event.type === "integration-state-changed");
    expect(changes.map((event) => event.data.state)).toEqual(["INVALID", "ACTIVE"]);
    expect(changes.every((event) => event.data.integration_id === id)).toBe(true);
    expect(integrationStateChangedWebhookPayloadFromJSON(JSON.stringify(changes[0])).ok).toBe(true);
    expect(violations).toEqual([]);
  });

  it("relink of an unknown integration: 404 in Kombo's error envelope", () => {
    expect(call("POST", "/v1/integrations/personio:nope/relink", {})).toEqual({
      status: 404,
      json: { status: "error", error: { code: "PLATFORM.INTEGRATION_NOT_FOUND", title: expect.any(String), message: expect.stringContaining("No integration has this id"), log_url: null } },
    });
  });

  it("the delete control raises integration-deleted; its token and relink answer 404 afterwards", () => {
    const { id, token } = completedIntegration("hibob");
    expect(call("POST", "/__mock/integrations/delete", { integration_id: id }).json).toEqual({ integration_id: id, deleted: true });
    expect(events.at(-1)).toMatchObject({ type: "integration-deleted", data: { id, tool: "hibob", deleted_at: expect.stringMatching(/Z$/) } });
    expect(call("GET", `/v1/connect/integration-by-token/${token}`).status).toBe(404);
    expect(call("POST", `/v1/integrations/${encodeURIComponent(id)}/relink`).status).toBe(404);
    expect(call("POST", "/__mock/integrations/delete", { integration_id: id }).status).toBe(404);
    expect(violations).toEqual([]);
  });

  it("the controls refuse what they cannot act on, in Kombo's format", () => {
    const { id } = completedIntegration();
    expect(call("POST", "/__mock/integrations/state", { integration_id: id, state: "BROKEN" })).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining("ACTIVE, INVALID, INACTIVE") } } });
    expect(call("POST", "/__mock/integrations/state", { state: "INVALID" }).status).toBe(400);
    expect(answerNow(engine, { method: "POST", url: `${origin}/__mock/integrations/state`, headers: {}, body: "{" }).status).toBe(400);
  });

  it("GET /__mock/webhooks lists every event raised, with its attempts; DELETE empties it", () => {
    completedIntegration();
    const listed = call("GET", "/__mock/webhooks").json!.webhooks as { eventId: string; type: string; state: string; attempts: unknown[] }[];
    expect(listed).toEqual([{ eventId: events[0]!.id, type: "integration-created", createdAtMs: expect.any(Number), state: "pending", attempts: [] }]);
    expect(call("DELETE", "/__mock/webhooks").json).toEqual({ webhooks: [] });
  });

  it("POST /__mock/reset forgets the webhooks raised too, as the msw set-ups' reset() does", () => {
    completedIntegration();
    expect(call("GET", "/__mock/webhooks").json!.webhooks).toHaveLength(1);
    expect(call("POST", "/__mock/reset").status).toBe(200);
    expect(call("GET", "/__mock/webhooks").json).toEqual({ webhooks: [] });
  });
});
