import type { HandlerContext, MockError, PageAnswer } from "../engine/definition.js";
import { setBounded } from "../engine/bounded-map.js";
import { pageBodyField } from "../pages/form-field.js";

/**
 * Kombo integrations after the Connect flow: what each one is (tool, category, end user, state), the
 * webhook events its life raises (created, state changed, deleted; a failed flow), and the mock's controls
 * that stand in for what happens on Kombo's side (credentials stop working, the customer deletes it).
 */

/** Links and integrations kept in memory; past this the oldest are forgotten, so a long benchmark cannot exhaust memory. */
const komboMaxRemembered = 10_000;

export type IntegrationState = "ACTIVE" | "INVALID" | "INACTIVE";
const integrationStates: readonly IntegrationState[] = ["ACTIVE", "INVALID", "INACTIVE"];

export interface KomboIntegrationRecord {
  id: string;
  tool: string;
  /** The create-link body with the spec's defaults filled in. */
  request: Record<string, unknown>;
  state: IntegrationState;
  setupStatus: "INCOMPLETE" | "COMPLETED";
}

/** What an integration token (the Connect flow's outcome) resolves to. */
interface KomboIntegrationToken {
  integrationId: string;
  expiresAt: number;
}

export interface KomboIntegrations {
  byToken: Map<string, KomboIntegrationToken>;
  byId: Map<string, KomboIntegrationRecord>;
}

export const integrationStatePath = "/__mock/integrations/state";
export const integrationDeletePath = "/__mock/integrations/delete";

export function remember<Value>(map: Map<string, Value>, key: string, value: Value): void {
  setBounded(map, key, value, komboMaxRemembered);
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

function endUser(request: Record<string, unknown>): Record<string, unknown> {
  return { organization_name: String(request.end_user_organization_name ?? ""), creator_email: text(request.end_user_email), origin_id: text(request.end_user_origin_id) };
}

const category = (request: Record<string, unknown>): string => String(request.integration_category ?? "HRIS");
const iso = (context: HandlerContext<unknown>): string => new Date(context.now()).toISOString();

export function integrationCreated(context: HandlerContext<unknown>, integration: KomboIntegrationRecord): void {
  context.emit("integration-created", { id: integration.id, tool: integration.tool, category: category(integration.request), end_user: endUser(integration.request) });
}

function integrationStateChanged(context: HandlerContext<unknown>, integration: KomboIntegrationRecord): void {
  context.emit("integration-state-changed", {
    integration_tool: integration.tool,
    integration_id: integration.id,
    integration_category: category(integration.request),
    end_user: endUser(integration.request),
    qa_status: "PASSED",
    setup_status: integration.setupStatus,
    state: integration.state,
    updated_at: iso(context),
  });
}

export function connectionFlowFailed(context: HandlerContext<unknown>, request: Record<string, unknown>, tool: string): { failed: true; log_url: string } {
  const logUrl = `${context.origin}/__mock/requests`;
  context.emit("connection-flow-failed", { integration_tool: tool, integration_category: category(request), end_user: endUser(request), log_url: logUrl });
  return { failed: true, log_url: logUrl };
}

/** Sets the state; a change raises `integration-state-changed`. */
export function setIntegrationState(context: HandlerContext<unknown>, integration: KomboIntegrationRecord, state: IntegrationState): void {
  if (integration.state === state) return;
  integration.state = state;
  integrationStateChanged(context, integration);
}

function field(context: HandlerContext<unknown>, name: string): string | undefined | { error: MockError } {
  const found = pageBodyField(context.request.body ?? "", name);
  if ("malformedJson" in found) return { error: { kind: "malformedJson", message: "body is not valid JSON" } };
  return typeof found.value === "string" ? found.value : found.value?.[0];
}

function integrationOf(context: HandlerContext<unknown>, integrations: KomboIntegrations): KomboIntegrationRecord | { error: MockError } {
  const id = field(context, "integration_id");
  if (typeof id === "object") return id;
  if (id === undefined) return { error: { kind: "invalidRequest", message: 'send {"integration_id": "<the id integration-by-token answered>"}' } };
  return integrations.byId.get(id) ?? { error: { kind: "resourceNotFound", message: `no integration "${id}": complete a Connect flow first` } };
}

/** `POST /__mock/integrations/state` `{integration_id, state}`: as if Kombo saw its credentials fail (INVALID) or it was paused (INACTIVE). */
export function setStateControl(context: HandlerContext<unknown>, integrations: KomboIntegrations): PageAnswer | { error: MockError } {
  const integration = integrationOf(context, integrations);
  if ("error" in integration) return integration;
  const state = field(context, "state");
  if (typeof state === "object") return state;
  if (!integrationStates.includes(state as IntegrationState)) {
    return { error: { kind: "invalidRequest", message: `state must be one of ${integrationStates.join(", ")} (got ${JSON.stringify(state ?? null)})` } };
  }
  setIntegrationState(context, integration, state as IntegrationState);
  return { status: 200, body: { integration_id: integration.id, state: integration.state } };
}

/** `POST /__mock/integrations/delete` `{integration_id}`: as if the customer deleted it; its tokens stop resolving. */
export function deleteControl(context: HandlerContext<unknown>, integrations: KomboIntegrations): PageAnswer | { error: MockError } {
  const integration = integrationOf(context, integrations);
  if ("error" in integration) return integration;
  integrations.byId.delete(integration.id);
  context.emit("integration-deleted", {
    id: integration.id,
    tool: integration.tool,
    category: category(integration.request),
    end_user: endUser(integration.request),
    deleted_at: iso(context),
  });
  return { status: 200, body: { integration_id: integration.id, deleted: true } };
}
