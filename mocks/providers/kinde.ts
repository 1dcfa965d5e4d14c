import kindeDocument from "../../generated/kinde/spec.js";
import { setBounded } from "../core/bounded-map.js";
import { escapeHtml, renderPage } from "../core/html.js";
import type { OpenApiDocument } from "../core/openapi.js";
import type { ErrorRule, HandlerContext, MockError, MockErrorKind, PageAnswer, ProviderBehaviour, ProviderDefinition } from "../core/provider.js";

/** Kinde Connected Apps as data: error table, auth, the auth_url -> consent page -> token -> revoke flow. */

const document = kindeDocument as unknown as OpenApiDocument;

export interface KindeMockSettings {
  /** Accepted Management API bearer tokens; empty or absent accepts any non-empty bearer. */
  tokens?: readonly string[];
  /** Known connected apps; empty or absent accepts any `key_code_ref`. */
  keyCodeRefs?: readonly string[];
}

export const kindeConsentPagePath = "/__mock/consent";
/** How long a connected app access token lives in the mock. */
export const kindeAccessTokenLifetimeMs = 60 * 60 * 1000;
/** Sessions kept in memory; past this the oldest are forgotten, so a long benchmark cannot exhaust memory. */
export const kindeMaxSessions = 10_000;

const errors: Record<MockErrorKind, ErrorRule> = {
  missingCredentials: { status: 403, code: "INVALID_CREDENTIALS" },
  invalidCredentials: { status: 403, code: "INVALID_CREDENTIALS" },
  invalidRequest: { status: 400, code: "INVALID_REQUEST" },
  malformedJson: { status: 400, code: "INVALID_REQUEST" },
  unsupportedMediaType: { status: 400, code: "INVALID_REQUEST" },
  bodyTooLarge: { status: 413, code: "PAYLOAD_TOO_LARGE" },
  routeNotFound: { status: 404, code: "ROUTE_NOT_FOUND" },
  methodNotAllowed: { status: 405, code: "METHOD_NOT_ALLOWED" },
  preferenceInvalid: { status: 422, code: "MOCK_PREFER_INVALID" },
  preferenceNotDeclared: { status: 404, code: "MOCK_PREFER_NOT_DECLARED" },
  resourceNotFound: { status: 404, code: "CONNECTED_APP_NOT_FOUND" },
  invalidSession: { status: 400, code: "INVALID_SESSION" },
};

type SessionStatus = "pending" | "consented" | "revoked";

interface KindeSession {
  keyCodeRef: string;
  callbackUrl: string | undefined;
  status: SessionStatus;
}

export interface KindeState {
  sessions: Map<string, KindeSession>;
}

const invalidSession = (): { error: MockError } => ({
  error: { kind: "invalidSession", message: "The session id provided points to an invalid session." },
});

/** An http(s) URL the consent page may redirect to, else undefined. */
function redirectTarget(callbackUrl: string | undefined, sessionId: string): string | undefined {
  if (callbackUrl === undefined) return undefined;
  try {
    const target = new URL(callbackUrl);
    if (target.protocol !== "http:" && target.protocol !== "https:") return undefined;
    target.searchParams.set("session_id", sessionId);
    return target.href;
  } catch {
    return undefined;
  }
}

function consentPage(context: HandlerContext<KindeState>): PageAnswer {
  const sessionId = context.url.searchParams.get("session_id") ?? "";
  const session = context.state.sessions.get(sessionId);
  if (session === undefined || session.status === "revoked") {
    const problem = session === undefined ? "is unknown (the mock was reset, or the link is wrong)" : "was revoked";
    return {
      status: 400,
      body: renderPage({
        title: "Invalid session - Kinde (mock)",
        main: `<h1>This consent session ${escapeHtml(problem)}</h1><p>Ask for a new URL with <code>GET /api/v1/connected_apps/auth_url</code>.</p>`,
      }),
    };
  }
  session.status = "consented";
  const target = redirectTarget(session.callbackUrl, sessionId);
  if (target !== undefined) return { status: 302, headers: { location: target, "content-type": "text/plain; charset=utf-8" }, body: `Consent granted. Redirecting to ${target}` };
  const note =
    session.callbackUrl === undefined
      ? "No <code>override_callback_url</code> was given, so there is nowhere to redirect."
      : `The callback URL ${escapeHtml(session.callbackUrl)} is not an http(s) URL, so the mock does not redirect to it.`;
  return {
    status: 200,
    body: renderPage({
      title: "Consent granted - Kinde (mock)",
      main: `<h1>Consent granted</h1>
<p role="status">You connected <strong>${escapeHtml(session.keyCodeRef)}</strong>. Your app can now fetch a token for this session.</p>
<p class="note">${note} You can close this window.</p>`,
    }),
  };
}

function bindKinde(settings: KindeMockSettings): ProviderBehaviour<KindeState> {
  const knownApps = settings.keyCodeRefs ?? [];
  return {
    handlers: {
      GetConnectedAppAuthUrl(context) {
        const keyCodeRef = context.query.get("key_code_ref") ?? "";
        if (knownApps.length > 0 && !knownApps.includes(keyCodeRef)) {
          return { error: { kind: "resourceNotFound", message: `No connected app was found for key_code_ref '${keyCodeRef}'.` } };
        }
        const sessionId = context.randomId(32);
        const sessions = context.state.sessions;
        setBounded(sessions, sessionId, { keyCodeRef, callbackUrl: context.query.get("override_callback_url") ?? undefined, status: "pending" }, kindeMaxSessions);
        return { status: 200, body: { url: `${context.origin}${kindeConsentPagePath}?session_id=${sessionId}`, session_id: sessionId } };
      },
      GetConnectedAppToken(context) {
        const session = context.state.sessions.get(context.query.get("session_id") ?? "");
        if (session?.status !== "consented") return invalidSession();
        return {
          status: 200,
          body: {
            access_token: `mock_${context.randomId(40)}`,
            access_token_expiry: new Date(context.now() + kindeAccessTokenLifetimeMs).toISOString(),
          },
        };
      },
      RevokeConnectedAppToken(context) {
        const session = context.state.sessions.get(context.query.get("session_id") ?? "");
        if (session === undefined || session.status === "revoked") return invalidSession();
        session.status = "revoked";
        return { status: 200, body: context.example(200) };
      },
    },
    pages: [{ method: "GET", path: kindeConsentPagePath, handle: consentPage }],
  };
}

export function kindeProvider(settings: KindeMockSettings = {}): ProviderDefinition<KindeState> {
  return {
    name: "kinde",
    document,
    errors,
    errorBody: (rule: ErrorRule, error: MockError) => ({ errors: [{ code: rule.code ?? "ERROR", message: error.message }] }),
    auth: { acceptedCredentials: settings.tokens ?? [] },
    createState: () => ({ sessions: new Map() }),
    bind: () => bindKinde(settings),
  };
}
