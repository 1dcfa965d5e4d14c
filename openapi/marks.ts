import type { OpenApiDocument } from "./document.js";
import type { CompiledOperation, SpecIndex } from "./spec-index.js";

/**
 * Our own marks in the specs, read and checked in one place:
 * - `x-token-endpoint` on an operation: an OAuth 2.0 token endpoint (RFC 6749). The schemas cannot say which
 *   form fields carry the client's credentials or that the token it issues is the bearer of other routes;
 *   the mark names the grant, the client authentication methods and the security scheme.
 * - `x-departure` on any node: how that node differs from the provider's published document on purpose
 *   (format in specs/README.md).
 * (`x-scope`, the scope an operation needs, is Kinde's own; `requiredScope` reads it.)
 */

/** RFC 8414 `token_endpoint_auth_methods_supported` names: the secret in the form, or HTTP Basic. */
export type ClientAuthenticationMethod = "client_secret_post" | "client_secret_basic";
const clientAuthenticationMethods: readonly ClientAuthenticationMethod[] = ["client_secret_post", "client_secret_basic"];

export interface TokenEndpoint {
  operation: CompiledOperation;
  /** The `grant_type` it issues tokens for, e.g. `client_credentials`. */
  grantType: string;
  /** At least one; the first is how the suite's valid token requests authenticate. */
  methods: readonly [ClientAuthenticationMethod, ...ClientAuthenticationMethod[]];
  /** The security scheme whose bearer the issued `access_token` is. */
  bearerScheme: string;
}

const tokenEndpointMark = "x-token-endpoint";

function markError(operation: CompiledOperation, problem: string): Error {
  return new Error(`${operation.operationId} (${operation.method} ${operation.pathTemplate}): ${tokenEndpointMark} ${problem}`);
}

function readTokenEndpoint(index: SpecIndex, operation: CompiledOperation): TokenEndpoint | undefined {
  const document: OpenApiDocument = index.document;
  const raw: unknown = (document.paths?.[operation.pathTemplate] as Record<string, unknown> | undefined)?.[operation.method.toLowerCase()];
  const mark = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[tokenEndpointMark] : undefined;
  if (mark === undefined) return undefined;
  if (typeof mark !== "object" || mark === null) throw markError(operation, "must be an object");
  const { "grant-type": grantType, "client-authentication": methods, "issues-bearer-for": bearerScheme } = mark as Record<string, unknown>;
  if (typeof grantType !== "string" || grantType === "") throw markError(operation, "needs grant-type (e.g. client_credentials)");
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((method) => clientAuthenticationMethods.includes(method as ClientAuthenticationMethod))) {
    throw markError(operation, `client-authentication must list some of ${clientAuthenticationMethods.join(", ")}`);
  }
  if (typeof bearerScheme !== "string" || index.securitySchemes[bearerScheme] === undefined) {
    throw markError(operation, "issues-bearer-for must name a security scheme of components.securitySchemes");
  }
  return { operation, grantType, methods: methods as [ClientAuthenticationMethod, ...ClientAuthenticationMethod[]], bearerScheme };
}

/** The spec's token endpoints (operations with the mark). */
export function tokenEndpoints(index: SpecIndex): TokenEndpoint[] {
  return index.operations.flatMap((operation) => readTokenEndpoint(index, operation) ?? []);
}

/**
 * A known departure: the `x-departure` object on a node of our spec, saying exactly how that node
 * differs from the provider's published document on purpose (format in specs/README.md).
 */
export interface Departure {
  reason: string;
  /** The node (operation, response, parameter, property, media type) is ours; the provider does not publish it. */
  oursOnly: boolean;
  /** Enum values we list that the published enum lacks, and published values we leave out. */
  enumAdded: unknown[];
  enumRemoved: unknown[];
  /** Property names we require that the published schema does not, and the reverse. */
  requiredAdded: string[];
  requiredRemoved: string[];
  /** Keywords we changed, with their published value (`null`: the published node has none; text as a digest). */
  published: Record<string, unknown>;
}

const departureKey = "x-departure";

const listKeys = {
  "enum-added": "enumAdded",
  "enum-removed": "enumRemoved",
  "required-added": "requiredAdded",
  "required-removed": "requiredRemoved",
} as const;
const knownKeys = new Set(["reason", "ours-only", "published", ...Object.keys(listKeys)]);

export class DepartureFormatError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the mark on a node of our spec; throws DepartureFormatError naming the pointer when it is malformed. */
export function readDeparture(node: unknown, pointer: string): Departure | undefined {
  if (!isRecord(node) || !(departureKey in node)) return undefined;
  const mark = node[departureKey];
  const problem = (text: string) => new DepartureFormatError(`x-departure at ${pointer || "/"}: ${text} (format: specs/README.md, "Marking a departure")`);
  if (!isRecord(mark)) throw problem("must be an object with a `reason` and what departs, not a bare text");
  if (typeof mark.reason !== "string" || mark.reason.trim() === "") throw problem("needs a `reason` text");
  for (const key of Object.keys(mark)) if (!knownKeys.has(key)) throw problem(`unknown key "${key}" (known: ${[...knownKeys].join(", ")})`);
  const departure: Departure = { reason: mark.reason, oursOnly: false, enumAdded: [], enumRemoved: [], requiredAdded: [], requiredRemoved: [], published: {} };
  if ("ours-only" in mark) {
    if (mark["ours-only"] !== true) throw problem("`ours-only` can only be true (leave it out otherwise)");
    departure.oursOnly = true;
  }
  for (const [key, field] of Object.entries(listKeys)) {
    if (!(key in mark)) continue;
    const values = mark[key];
    if (!Array.isArray(values) || values.length === 0) throw problem(`\`${key}\` must be a non-empty list`);
    if (field.startsWith("required") && !values.every((value) => typeof value === "string")) throw problem(`\`${key}\` lists property names`);
    (departure[field] as unknown[]) = values;
  }
  if ("published" in mark) {
    if (!isRecord(mark.published) || Object.keys(mark.published).length === 0)
      throw problem("`published` must map each changed keyword to its published value");
    departure.published = mark.published;
  }
  return departure;
}


/** The scope an operation needs (Kinde's `x-scope` on the operation), or undefined when it names none. */
export function requiredScope(document: OpenApiDocument, operation: Pick<CompiledOperation, "pathTemplate" | "method">): string | undefined {
  const scope = document.paths[operation.pathTemplate]?.[operation.method.toLowerCase() as "get"]?.["x-scope"];
  return typeof scope === "string" ? scope : undefined;
}
