import type { ProviderId } from "../../providers/registry.js";
import type { MockRequest } from "./messages.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import type { CompiledOperation, SpecIndex } from "../../openapi/spec-index.js";

/**
 * What a provider is to the engine: its spec plus small tables. The engine holds all behaviour;
 * Kombo and Kinde differ only in the values they put here.
 */

/** Every error the engine itself can answer. Providers map each to a status and their own code. */
export type MockErrorKind =
  | "missingCredentials"
  | "invalidCredentials"
  | "invalidRequest"
  | "malformedJson"
  | "unsupportedMediaType"
  | "bodyTooLarge"
  | "routeNotFound"
  | "methodNotAllowed"
  | "preferenceInvalid"
  | "preferenceNotDeclared"
  /** State says no: an unknown or expired token, session, or connected app. */
  | "resourceNotFound"
  | "invalidSession";

export interface ErrorRule {
  status: number;
  /** A short static label (Kombo's `title`); providers without one ignore it. */
  title?: string;
  /** The provider's machine-readable error code (Kombo `PLATFORM.*`, Kinde `INVALID_REQUEST`, ...); null when it has none. */
  code: string | null;
}

export interface MockError {
  kind: MockErrorKind;
  /** One sentence that says what was wrong and how to fix it. */
  message: string;
  /** Overrides the table's code (e.g. Kinde's CONNECTED_APP_NOT_FOUND beside INVALID_SESSION). */
  code?: string | null;
  /** Extra response headers, e.g. `allow` for 405. */
  headers?: Record<string, string>;
  /** Each validation problem on its own (for the request journal); default: `[message]`. */
  problems?: string[];
}

/** A handler's answer: a status the operation declares, and the body (undefined for none). */
export type HandlerAnswer =
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      /** The name of the spec example the body is, the very object, unchanged: judged and serialised once. */
      example?: string;
    }
  | { error: MockError };

/** A page or other mock-only route (not in the spec): plain HTTP, not validated against the spec. */
export interface PageAnswer {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface HandlerContext<State> {
  state: State;
  spec: SpecIndex;
  request: MockRequest;
  url: URL;
  /** `http://127.0.0.1:4010`: where the client reached the mock, for links back to it. */
  origin: string;
  now(): number;
  /** URL-safe random text of `length` characters. */
  randomId(length: number): string;
  /** Raises a webhook event the spec declares (`integration-created`, ...); the adapters sign and deliver it. */
  emit(type: string, data: Record<string, unknown>): void;
}

export interface OperationContext<State> extends HandlerContext<State> {
  operation: CompiledOperation;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  /** The parsed, validated JSON body (undefined when none). */
  body: unknown;
  /** An example value the spec declares for `status` in this operation (the first one, or the one named). */
  example(status: string | number, name?: string): unknown;
}

type OperationHandler<State> = (context: OperationContext<State>) => HandlerAnswer;

export interface PageRoute<State> {
  method: string;
  /** Exact path at the server root, e.g. `/__mock/connect`. */
  path: string;
  handle(context: HandlerContext<State>): PageAnswer | { error: MockError };
}

interface AuthRule<State = unknown> {
  /** Expected bearer credentials; empty accepts any non-empty one. */
  acceptedCredentials: readonly string[];
  /**
   * Credentials the provider issued itself (e.g. Kinde's M2M tokens from `POST /oauth2/token`): `valid` ones
   * are accepted even when `acceptedCredentials` pins others, `expired` ones are refused; `unknown` leaves
   * the decision to `acceptedCredentials`.
   */
  issued?(state: State, credential: string, nowMs: number): "valid" | "expired" | "unknown";
  /**
   * For a valid issued credential: why it may not call `operation` (its audience is another API, it lacks the
   * operation's scope), or undefined when it may. A refusal answers 403 `invalidCredentials` with the given code.
   */
  issuedAccess?(state: State, credential: string, operation: CompiledOperation, origin: string): { code: string; message: string; headers?: Record<string, string> } | undefined;
}

/** How errors look: the status and code of each kind, and the body that carries them. */
export interface ErrorFormat {
  errors: Readonly<Record<MockErrorKind, ErrorRule>>;
  errorBody(rule: ErrorRule, error: MockError): unknown;
}

export interface ProviderDefinition<State = unknown> {
  /** The registry's id: used in messages and logs. */
  name: ProviderId;
  document: OpenApiDocument;
  /** Status and provider code for each error the engine can answer. */
  errors: Readonly<Record<MockErrorKind, ErrorRule>>;
  /** The provider's error body, e.g. Kombo's `{ status, error: { code, title, message, log_url } }`. */
  errorBody(rule: ErrorRule, error: MockError): unknown;
  /** Operations whose errors take another format, by operationId (e.g. an OAuth token endpoint's RFC 6749 errors). */
  operationErrorFormats?: Readonly<Record<string, ErrorFormat>>;
  /** The proxy's 502 when the upstream cannot be reached, in the provider's format. */
  upstreamUnreachable: ErrorRule;
  auth: AuthRule<State>;
  /**
   * Date-time properties that mean "this long from now" (a token's expiry), by name, with their lifetime in
   * milliseconds: in an example the mock serves as is (`Prefer: code=200`, an operation without a handler),
   * they are set relative to the clock, so an example's fixed date never reads as long expired.
   */
  relativeTimes?: Readonly<Record<string, number>>;
  createState(): State;
  /** The stateful part, built once by the engine from the compiled spec (validators are compiled once). */
  bind(spec: SpecIndex): ProviderBehaviour<State>;
}

export interface ProviderBehaviour<State> {
  /** By operationId. An operation without a handler answers its first success example. */
  handlers: Readonly<Record<string, OperationHandler<State>>>;
  pages: readonly PageRoute<State>[];
}
