import { providerDocuments } from "../../providers/documents.js";
import { setBounded } from "../engine/bounded-map.js";
import { encodeMockJwt } from "./jwt.js";
import { authenticateClient, oauthErrorFormat, type PinnedClient } from "./oauth.js";
import { httpMethods, type OpenApiDocument } from "../../openapi/document.js";
import type { ErrorRule, MockError, MockErrorKind, ProviderBehaviour, ProviderDefinition } from "../engine/definition.js";
import { consentPages, kindeConsentPagePath, type ConsentSession, type ConsentState } from "./kinde-consent.js";

/**
 * Kinde as data: error table, auth, the M2M token endpoint (`POST /oauth2/token`) and the Connected Apps
 * flow auth_url -> consent page (Allow / Deny) -> token -> revoke.
 */

const document = providerDocuments.kinde;

export interface KindeMockSettings {
  /** Accepted Management API bearer tokens; empty or absent accepts any non-empty bearer. Tokens from `/oauth2/token` are accepted either way. */
  tokens?: readonly string[];
  /** Known connected apps; empty or absent accepts any `key_code_ref`. */
  keyCodeRefs?: readonly string[];
  /** The M2M client `/oauth2/token` accepts; absent accepts any non-empty client_id. */
  clientId?: string | undefined;
  /** Absent accepts any non-empty client_secret. */
  clientSecret?: string | undefined;
}

/** How long a connected app access token lives in the mock. */
const kindeAccessTokenLifetimeMs = 60 * 60 * 1000;
/** How long an M2M access token from `/oauth2/token` lives (`expires_in`), as Kinde's do. */
export const kindeM2MTokenLifetimeSeconds = 24 * 60 * 60;
/** Sessions and issued M2M tokens kept in memory; past this the oldest are forgotten, so a long benchmark cannot exhaust memory. */
const kindeMaxSessions = 10_000;

const tokenOperationId = "RequestM2MToken";

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

export interface KindeState extends ConsentState {
  /** M2M tokens from `/oauth2/token`, by token, with their expiry (ms since the epoch); kept across resets. */
  issuedTokens: Map<string, { expiresAtMs: number }>;
}

const invalidSession = (): { error: MockError } => ({
  error: { kind: "invalidSession", message: "The session id provided points to an invalid session." },
});

type FormFields = Readonly<Record<string, string | readonly string[]>>;

/** Every scope the spec's operations need (`x-scope`): what a token asked for without a scope is granted. */
function declaredScopes(document: OpenApiDocument): string {
  const scopes = Object.values(document.paths).flatMap((item) => httpMethods.map((method) => item[method]?.["x-scope"]));
  return [...new Set(scopes.filter((scope): scope is string => typeof scope === "string"))].join(" ");
}

function bindKinde(settings: KindeMockSettings, document: OpenApiDocument): ProviderBehaviour<KindeState> {
  const knownApps = settings.keyCodeRefs ?? [];
  const grantedScopes = declaredScopes(document);
  const pinnedClient: PinnedClient = { clientId: settings.clientId, clientSecret: settings.clientSecret };
  return {
    handlers: {
      [tokenOperationId](context) {
        const form = context.body as FormFields;
        if (form.grant_type !== "client_credentials") {
          return { error: { kind: "invalidRequest", code: "unsupported_grant_type", message: `grant_type "${String(form.grant_type)}" is not supported: the mock issues client_credentials tokens only` } };
        }
        const client = authenticateClient(form, context.request.headers.authorization, pinnedClient);
        if (!client.ok) return { error: client.error };
        const audience = typeof form.audience === "string" && form.audience !== "" ? form.audience : undefined;
        const scope = typeof form.scope === "string" && form.scope.trim() !== "" ? form.scope : grantedScopes;
        const issuedAt = Math.floor(context.now() / 1000);
        const expiresAt = issuedAt + kindeM2MTokenLifetimeSeconds;
        const accessToken = encodeMockJwt({
          aud: audience === undefined ? [] : [audience],
          azp: client.clientId,
          exp: expiresAt,
          gty: ["client_credentials"],
          iat: issuedAt,
          iss: context.origin,
          jti: context.randomId(24),
          scope,
          scp: scope === "" ? [] : scope.split(" "),
          v: "2",
        });
        setBounded(context.state.issuedTokens, accessToken, { expiresAtMs: expiresAt * 1000 }, kindeMaxSessions);
        return {
          status: 200,
          // RFC 6749 §5.1: token answers must not be cached.
          headers: { "cache-control": "no-store", pragma: "no-cache" },
          body: { access_token: accessToken, token_type: "bearer", expires_in: kindeM2MTokenLifetimeSeconds, scope },
        };
      },
      GetConnectedAppAuthUrl(context) {
        const keyCodeRef = context.query.get("key_code_ref") ?? "";
        if (knownApps.length > 0 && !knownApps.includes(keyCodeRef)) {
          return { error: { kind: "resourceNotFound", message: `No connected app was found for key_code_ref '${keyCodeRef}'.` } };
        }
        const sessionId = context.randomId(32);
        const session: ConsentSession = {
          keyCodeRef,
          userId: context.query.get("user_id") ?? undefined,
          orgCode: context.query.get("org_code") ?? undefined,
          callbackUrl: context.query.get("override_callback_url") ?? undefined,
          status: "pending",
        };
        setBounded(context.state.sessions, sessionId, session, kindeMaxSessions);
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
        if (session === undefined || session.status === "revoked" || session.status === "denied") return invalidSession();
        session.status = "revoked";
        return { status: 200, body: context.example(200) };
      },
    },
    pages: consentPages<KindeState>(),
  };
}

export function kindeProvider(settings: KindeMockSettings = {}): ProviderDefinition<KindeState> {
  // M2M tokens outlive a reset: they are credentials (like KINDE_MOCK_TOKEN), and clients such as Kinde's SDK
  // keep theirs for a day, so forgetting them between tests would turn every later call into a 403.
  const issuedTokens: KindeState["issuedTokens"] = new Map();
  return {
    name: "kinde",
    document,
    errors,
    errorBody: (rule: ErrorRule, error: MockError) => ({ errors: [{ code: rule.code ?? "ERROR", message: error.message }] }),
    operationErrorFormats: { [tokenOperationId]: oauthErrorFormat },
    upstreamUnreachable: { status: 502, code: "UPSTREAM_UNREACHABLE" },
    relativeTimes: { access_token_expiry: kindeAccessTokenLifetimeMs },
    auth: {
      acceptedCredentials: settings.tokens ?? [],
      issued(state, credential, nowMs) {
        const issued = state.issuedTokens.get(credential);
        if (issued === undefined) return "unknown";
        return issued.expiresAtMs > nowMs ? "valid" : "expired";
      },
    },
    createState: () => ({ sessions: new Map(), issuedTokens }),
    bind: (spec) => bindKinde(settings, spec.document),
  };
}
