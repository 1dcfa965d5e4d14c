import { providerDocuments } from "../../providers/documents.js";
import { prefersJson, renderPage } from "../pages/html.js";
import { resolveReference, type ExampleObject } from "../../openapi/document.js";
import type { ErrorRule, HandlerContext, MockError, MockErrorKind, PageAnswer, ProviderBehaviour, ProviderDefinition } from "../engine/definition.js";
import { pageBodyField } from "../pages/form-field.js";
import { enumStrings, propertySchema, withDefaults } from "../data/schema-defaults.js";
import type { SpecIndex } from "../../openapi/spec-index.js";
import type { Validator } from "../../openapi/validation.js";
import { toolsOfCategory } from "./kombo-tool-categories.js";
import { renderKomboConnectPage } from "./kombo-connect-page.js";
import {
  connectionFlowFailed,
  deleteControl,
  integrationCreated,
  integrationDeletePath,
  integrationStatePath,
  remember,
  setIntegrationState,
  setStateControl,
  type KomboIntegrationRecord,
  type KomboIntegrations,
} from "./kombo-integrations.js";

/**
 * Kombo Connect as data: error table, auth, the create-link -> Connect page -> integration-by-token flow,
 * the relink link, and the webhook events of an integration's life (kombo-integrations.ts).
 */

const document = providerDocuments.kombo;

export interface KomboMockSettings {
  /** Accepted API keys; empty or absent accepts any non-empty bearer. */
  apiKeys?: readonly string[];
  /**
   * What create-link's `link` is. `"served"` (default): the Connect page on the mock's origin,
   * `/__mock/connect?token=...`. `"inline"`: a `data:` URL holding that page, for a mock that lives in
   * the browser page (msw's worker never answers navigations, so an iframe could not load a served link);
   * `setupMockWorker` picks it.
   */
  connectLinks?: "served" | "inline";
}

/** How long a link (and the integration token made from it) lives, by `link_type`, as Kombo documents. */
const komboLinkLifetimeMs: Readonly<Record<string, number>> = {
  EMBEDDED: 60 * 60 * 1000,
  MAGIC_LINK: 365 * 24 * 60 * 60 * 1000,
};

export const komboConnectPagePath = "/__mock/connect";
/** A reconnection link lives an hour, whatever its link_type (Kombo's reconnection guide). */
const relinkLifetimeMs = 60 * 60 * 1000;

const errors: Record<MockErrorKind, ErrorRule> = {
  missingCredentials: { status: 401, code: "PLATFORM.AUTHENTICATION_INVALID" },
  invalidCredentials: { status: 401, code: "PLATFORM.AUTHENTICATION_INVALID" },
  invalidRequest: { status: 400, code: "PLATFORM.INPUT_INVALID" },
  malformedJson: { status: 400, code: "PLATFORM.INPUT_INVALID" },
  unsupportedMediaType: { status: 400, code: "PLATFORM.INPUT_INVALID" },
  bodyTooLarge: { status: 413, code: "PLATFORM.INPUT_INVALID" },
  routeNotFound: { status: 404, code: null, title: "Route not found." },
  methodNotAllowed: { status: 405, code: null, title: "Method not allowed." },
  preferenceInvalid: { status: 422, code: null, title: "Invalid Prefer header (mock)." },
  preferenceNotDeclared: { status: 404, code: null, title: "Prefer selects nothing the spec declares (mock)." },
  resourceNotFound: { status: 404, code: "PLATFORM.INTEGRATION_NOT_FOUND" },
  invalidSession: { status: 404, code: "PLATFORM.INTEGRATION_NOT_FOUND" },
};

/** Kombo's own `title` for each platform code, read from the spec's error examples. */
function titlesFromSpec(): Map<string, string> {
  const titles = new Map<string, string>();
  for (const entry of Object.values(document.components?.responses ?? {})) {
    const response = resolveReference(document, entry);
    for (const media of Object.values(response.content ?? {})) {
      for (const example of Object.values(media.examples ?? {})) {
        const value = resolveReference<ExampleObject>(document, example).value as
          | { error?: { code?: unknown; title?: unknown } }
          | undefined;
        const code = value?.error?.code;
        const title = value?.error?.title;
        if (typeof code === "string" && typeof title === "string" && !titles.has(code)) titles.set(code, title);
      }
    }
  }
  return titles;
}

interface KomboLink {
  token: string;
  /** The create-link body with the spec's defaults filled in. */
  request: Record<string, unknown>;
  expiresAt: number;
  integrationToken?: string;
  /** A relink link: the integration it reconnects. */
  relinkOf?: string;
}

export interface KomboState {
  links: Map<string, KomboLink>;
  integrations: KomboIntegrations;
}

function bindKombo(spec: SpecIndex, settings: KomboMockSettings): ProviderBehaviour<KomboState> {
  const createLink = spec.byOperationId("PostConnectCreateLink");
  const relinkSchema = spec.byOperationId("PostIntegrationsIntegrationIdRelink").requestBody?.content.get("application/json")?.schema;
  const requestSchema = createLink.requestBody?.content.get("application/json")?.schema;
  const toolSchema = propertySchema(document, requestSchema, "integration_tool");
  const tools = enumStrings(toolSchema);
  /** The Connect page's picker order. */
  const toolsByName = [...tools].sort((a, b) => a.localeCompare(b, "en"));
  const validateTool: Validator = toolSchema ? spec.compileSchema(toolSchema) : () => [];
  const answerSchema = spec.byOperationId("GetConnectIntegrationByTokenToken").responses.get("200")?.content.get("application/json")?.schema;
  const emailSchema = propertySchema(document, propertySchema(document, answerSchema, "data") ?? undefined, "end_user_email");
  const answerEmailFits: Validator = emailSchema ? spec.compileSchema(emailSchema) : () => [];

  /** The email as the integration reports it: domain lower-cased; null when the spec's stricter answer pattern refuses it. */
  const reportedEmail = (email: unknown): string | null => {
    if (typeof email !== "string") return null;
    const at = email.lastIndexOf("@");
    const normalized = at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
    return answerEmailFits(normalized).length === 0 ? normalized : null;
  };

  const notFound = (message: string): { error: MockError } => ({ error: { kind: "resourceNotFound", message } });

  const liveLink = (context: HandlerContext<KomboState>): KomboLink | undefined => {
    const token = context.url.searchParams.get("token") ?? "";
    const link = context.state.links.get(token);
    return link !== undefined && link.expiresAt > context.now() ? link : undefined;
  };

  /** Completes the flow for a link: the integration token the embedded flow hands to the app. */
  const pickTool = (link: KomboLink, chosenTool: string | undefined): string | { error: MockError } => {
    const requested = typeof link.request.integration_tool === "string" ? link.request.integration_tool : undefined;
    const category = String(link.request.integration_category ?? "HRIS");
    if (requested === undefined && chosenTool !== undefined && validateTool(chosenTool).length > 0) {
      return { error: { kind: "invalidRequest", message: `tool "${chosenTool}" is not a Kombo integration_tool` } };
    }
    if (requested === undefined && chosenTool !== undefined && !toolsOfCategory([chosenTool], category).includes(chosenTool)) {
      return { error: { kind: "invalidRequest", message: `tool "${chosenTool}" is not offered for the link's integration_category ${category}` } };
    }
    return requested ?? chosenTool ?? toolsOfCategory(tools, category)[0] ?? "sandbox";
  };

  /** The integration a completed link stands for: a new one (`integration-created`), or the relinked one made ACTIVE again. */
  const integrationFor = (context: HandlerContext<KomboState>, link: KomboLink, tool: string): KomboIntegrationRecord | { error: MockError } => {
    const { byId } = context.state.integrations;
    if (link.relinkOf !== undefined) {
      const relinked = byId.get(link.relinkOf);
      if (relinked === undefined) return notFound("The integration this reconnection link belongs to has been deleted.");
      setIntegrationState(context, relinked, "ACTIVE");
      return relinked;
    }
    const setupStatus = link.request.enable_filtering === true || link.request.enable_field_mapping === true ? "INCOMPLETE" : "COMPLETED";
    const integration: KomboIntegrationRecord = { id: `${tool}:${context.randomId(24)}`, tool, request: link.request, state: "ACTIVE", setupStatus };
    remember(byId, integration.id, integration);
    integrationCreated(context, integration);
    return integration;
  };

  /** Completes the flow for a link: the integration token the embedded flow hands to the app. */
  const complete = (context: HandlerContext<KomboState>, link: KomboLink, chosenTool: string | undefined): { token: string } | { error: MockError } => {
    const { byToken } = context.state.integrations;
    if (link.integrationToken !== undefined && byToken.has(link.integrationToken)) return { token: link.integrationToken };
    const tool = pickTool(link, chosenTool);
    if (typeof tool !== "string") return tool;
    const integration = integrationFor(context, link, tool);
    if ("error" in integration) return integration;
    const token = context.randomId(40);
    remember(byToken, token, { integrationId: integration.id, expiresAt: link.expiresAt });
    link.integrationToken = token;
    return { token };
  };

  /** The user gave up or the tool refused: `connection-flow-failed`, and the link stays usable. */
  const fail = (context: HandlerContext<KomboState>, link: KomboLink, chosenTool: string | undefined): PageAnswer | { error: MockError } => {
    const tool = pickTool(link, chosenTool);
    if (typeof tool !== "string") return tool;
    return { status: 200, body: connectionFlowFailed(context, link.request, tool) };
  };

  const linkUrl = (context: HandlerContext<KomboState>, link: KomboLink): string =>
    settings.connectLinks === "inline" ? inlineLink(context.origin, link) : `${context.origin}${komboConnectPagePath}?token=${link.token}`;

  /** The picker lists the tools of the link's category only (the request's defaults are filled in, so it has one). */
  const connectPageHtml = (origin: string, link: KomboLink): string =>
    renderKomboConnectPage({
      request: link.request,
      tools: toolsOfCategory(toolsByName, String(link.request.integration_category ?? "HRIS")),
      completeUrl: `${origin}${komboConnectPagePath}?token=${encodeURIComponent(link.token)}`,
    });

  /**
   * A `data:` URL of the Connect page. `showKomboConnect` appends `?sdkv=<version>` to the link, which a
   * `data:` URL takes as part of its content: the trailing comment opener keeps it out of sight.
   */
  const inlineLink = (origin: string, link: KomboLink): string => `data:text/html;charset=utf-8,${encodeURIComponent(`${connectPageHtml(origin, link)}<!--`)}`;

  const expiredPage = (): PageAnswer => ({
    status: 404,
    body: renderPage({
      title: "Link expired - Kombo Connect (mock)",
      main: `<h1>This link is unknown or has expired</h1><p>Create a new link with <code>POST /v1/connect/create-link</code>. Embedded links last an hour, magic links a year.</p>`,
    }),
  });

  return {
    handlers: {
      PostConnectCreateLink(context) {
        const request = withDefaults(document, requestSchema, context.body as Record<string, unknown>);
        const lifetime = komboLinkLifetimeMs[String(request.link_type)] ?? komboLinkLifetimeMs.EMBEDDED ?? 0;
        const token = context.randomId(48);
        const link: KomboLink = { token, request, expiresAt: context.now() + lifetime };
        remember(context.state.links, token, link);
        return { status: 200, body: { status: "success", data: { link: linkUrl(context, link) } } };
      },
      PostIntegrationsIntegrationIdRelink(context) {
        const integration = context.state.integrations.byId.get(context.pathParams.integration_id ?? "");
        if (integration === undefined) return notFound("No integration has this id. It may have been deleted or never existed.");
        const options = withDefaults(document, relinkSchema, (context.body ?? {}) as Record<string, unknown>);
        const request = { ...integration.request, ...options, integration_tool: integration.tool };
        const link: KomboLink = { token: context.randomId(48), request, expiresAt: context.now() + relinkLifetimeMs, relinkOf: integration.id };
        remember(context.state.links, link.token, link);
        return { status: 200, body: { status: "success", data: { link: linkUrl(context, link) } } };
      },
      GetConnectIntegrationByTokenToken(context) {
        const token = context.pathParams.token ?? "";
        const issued = context.state.integrations.byToken.get(token);
        const integration = issued === undefined || issued.expiresAt <= context.now() ? undefined : context.state.integrations.byId.get(issued.integrationId);
        if (integration === undefined) {
          return notFound("No integration belongs to this token. The token may have expired or never existed, or the integration was deleted.");
        }
        const request = integration.request;
        return {
          status: 200,
          body: {
            status: "success",
            data: {
              tool: integration.tool,
              id: integration.id,
              end_user_origin_id: typeof request.end_user_origin_id === "string" ? request.end_user_origin_id : null,
              end_user_organization_name: request.end_user_organization_name,
              end_user_email: reportedEmail(request.end_user_email),
              setup_status: integration.setupStatus,
            },
          },
        };
      },
    },
    pages: [
      {
        method: "GET",
        path: komboConnectPagePath,
        handle(context) {
          const link = liveLink(context);
          const json = prefersJson(context.request.headers.accept);
          if (link === undefined) return json ? notFound("This Connect link is unknown or has expired.") : expiredPage();
          if (!json) return { status: 200, body: connectPageHtml(context.origin, link) };
          const chosen = context.url.searchParams.get("tool") ?? undefined;
          if (context.url.searchParams.get("outcome") === "failed") return fail(context, link, chosen);
          const done = complete(context, link, chosen);
          return "error" in done ? done : { status: 200, body: done };
        },
      },
      {
        method: "POST",
        path: komboConnectPagePath,
        handle(context) {
          const link = liveLink(context);
          if (link === undefined) return notFound("This Connect link is unknown or has expired.");
          const field = pageBodyField(context.request.body ?? "", "tool");
          if ("malformedJson" in field) return { error: { kind: "malformedJson", message: "body is not valid JSON" } };
          const fromBody = typeof field.value === "string" ? field.value : field.value?.[0];
          const chosen = fromBody ?? context.url.searchParams.get("tool") ?? undefined;
          const outcome = pageBodyField(context.request.body ?? "", "outcome");
          const failed = ("value" in outcome && outcome.value === "failed") || context.url.searchParams.get("outcome") === "failed";
          if (failed) return fail(context, link, chosen);
          const done = complete(context, link, chosen);
          return "error" in done ? done : { status: 200, body: done };
        },
      },
      { method: "POST", path: integrationStatePath, handle: (context) => setStateControl(context, context.state.integrations) },
      { method: "POST", path: integrationDeletePath, handle: (context) => deleteControl(context, context.state.integrations) },
    ],
  };
}

export function komboProvider(settings: KomboMockSettings = {}): ProviderDefinition<KomboState> {
  const titles = titlesFromSpec();
  return {
    name: "kombo",
    document,
    errors,
    errorBody(rule: ErrorRule, error: MockError) {
      const title = rule.code !== null ? (titles.get(rule.code) ?? rule.title ?? null) : (rule.title ?? null);
      return { status: "error", error: { code: rule.code, title, message: error.message, log_url: null } };
    },
    // Kombo's `code` is a closed enum without a gateway error, so the code is null and the title says it.
    upstreamUnreachable: { status: 502, code: null, title: "Upstream unreachable (mock proxy)." },
    auth: { acceptedCredentials: settings.apiKeys ?? [] },
    createState: () => ({ links: new Map(), integrations: { byToken: new Map(), byId: new Map() } }),
    bind: (spec) => bindKombo(spec, settings),
  };
}
