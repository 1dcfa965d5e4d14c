import { providerDocuments } from "../../providers/documents.js";
import { setBounded } from "../engine/bounded-map.js";
import { encodeMockJwt } from "./jwt.js";
import { authenticateClient, oauthErrorFormat, type PinnedClient } from "./oauth.js";
import { httpMethods, type OpenApiDocument } from "../../openapi/document.js";
import { requiredScope } from "../../openapi/marks.js";
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
  /**
   * The scopes the M2M application is granted (`KINDE_MOCK_M2M_SCOPES`); empty or absent: every scope the
   * spec's operations need (`x-scope`). A token carries the requested scopes it is granted, or all of them.
   */
  m2mScopes?: readonly string[];
}

/** The Management API's audience is the business domain plus this path (`https://acme.kinde.com/api`). */
const managementAudiencePath = "/api";

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
  /** M2M tokens from `/oauth2/token`, by token: expiry (ms since the epoch), audience and scopes; kept across resets. */
  issuedTokens: Map<string, IssuedToken>;
}

interface IssuedToken {
  expiresAtMs: number;
  audience: readonly string[];
  scopes: readonly string[];
}

const invalidSession = (): { error: MockError } => ({
  error: { kind: "invalidSession", message: "The session id provided points to an invalid session." },
});

type FormFields = Readonly<Record<string, string | readonly string[]>>;

/** The scope each operation needs (`x-scope`), by operationId. */
function operationScopes(document: OpenApiDocument): Map<string, string> {
  const scopes = new Map<string, string>();
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    for (const method of httpMethods) {
      const operationId = item[method]?.operationId;
      const scope = requiredScope(document, { pathTemplate, method });
      if (operationId !== undefined && scope !== undefined) scopes.set(operationId, scope);
    }
  }
  return scopes;
}

/** Every scope the spec's operations need: what an M2M application is granted unless `m2mScopes` says otherwise. */
function grantableScopes(settings: KindeMockSettings, document: OpenApiDocument): readonly string[] {
  return settings.m2mScopes !== undefined && settings.m2mScopes.length > 0 ? settings.m2mScopes : [...new Set(operationScopes(document).values())];
}

function bindKinde(settings: KindeMockSettings, document: OpenApiDocument): ProviderBehaviour<KindeState> {
  const knownApps = settings.keyCodeRefs ?? [];
  const grantable = grantableScopes(settings, document);
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
        // RFC 6749 §3.3: the server may issue fewer scopes than requested; it issues those the application is granted.
        const requested = typeof form.scope === "string" && form.scope.trim() !== "" ? form.scope.trim().split(/\s+/) : undefined;
        const scopes = requested === undefined ? [...grantable] : requested.filter((entry) => grantable.includes(entry));
        const scope = scopes.join(" ");
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
          scp: scopes,
          v: "2",
        });
        const issued: IssuedToken = { expiresAtMs: expiresAt * 1000, audience: audience === undefined ? [] : [audience], scopes };
        setBounded(context.state.issuedTokens, accessToken, issued, kindeMaxSessions);
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
  const scopesByOperation = operationScopes(document);
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
      issuedAccess(state, credential, operation, origin) {
        const issued = state.issuedTokens.get(credential);
        if (issued === undefined) return undefined;
        const audience = `${origin}${managementAudiencePath}`;
        if (!issued.audience.includes(audience)) {
          return {
            code: "INVALID_CREDENTIALS",
            message: `The token's audience (aud ${JSON.stringify(issued.audience)}) is not the Management API's: request it with audience=${audience}.`,
            headers: { "www-authenticate": `Bearer error="invalid_token", error_description="aud is not ${audience}"` },
          };
        }
        const needed = scopesByOperation.get(operation.operationId);
        if (needed === undefined || issued.scopes.includes(needed)) return undefined;
        return {
          code: "INSUFFICIENT_SCOPE",
          message: `${operation.operationId} needs the scope ${needed}; the token has ${issued.scopes.length === 0 ? "none" : issued.scopes.join(" ")}. Grant it to the M2M application and request a new token.`,
          headers: { "www-authenticate": `Bearer error="insufficient_scope", scope="${needed}"` },
        };
      },
    },
    createState: () => ({ sessions: new Map(), issuedTokens }),
    bind: (spec) => bindKinde(settings, spec.document),
  };
}
