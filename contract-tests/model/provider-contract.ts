import { providerDocuments, providerValidators } from "../../providers/documents.js";
import { providerIds, type ProviderId } from "../../providers/registry.js";
import { compileSpec, type CompiledOperation, type SpecIndex } from "../../openapi/spec-index.js";
import type { Validator } from "../../openapi/validation.js";
import { tokenEndpoints, type TokenEndpoint } from "./token-endpoint.js";

export type { ProviderId } from "../../providers/registry.js";

/** The Kombo flow: create-link remembers its request; the token the Connect page hands out reads it back. */
export interface ResourceEchoRule {
  kind: "resource-echo";
  createOperationId: string;
  readOperationId: string;
  /** The path parameter of the read operation that carries the token the completed flow hands out. */
  tokenParameter: string;
  /** Where the read answer keeps the resource, e.g. `data`. */
  dataProperty: string;
  /** Read field -> request field, where the names differ (the rest match by name). */
  renamedFields: Readonly<Record<string, string>>;
}

/** The Kinde flow: auth_url opens a session; token reads it once consented; revoke ends it. */
export interface SessionLifecycleRule {
  kind: "session-lifecycle";
  startOperationId: string;
  readOperationId: string;
  revokeOperationId: string;
  sessionParameter: string;
  /** The property of the start answer that carries the consent page. */
  consentUrlProperty: string;
  /** The status a session that is not (or no longer) usable gets. */
  invalidSessionStatus: number;
}

/** An error body: its `$ref` and the validator the index compiled for it. */
interface ErrorFormat {
  schemaRef: string;
  validate: Validator;
}

/** What differs between the providers, as data. Everything else comes from the spec index. */
export interface ProviderContract {
  id: ProviderId;
  index: SpecIndex;
  /** The statuses that mean "your credential is missing or wrong". */
  authFailureStatuses: readonly number[];
  /** `$ref` of the provider's error body (what an operation without a declared error body answers). */
  errorSchemaRef: string;
  /**
   * The error body of one operation: the one its declared 4xx answers use (an OAuth token endpoint answers
   * RFC 6749 errors, not the provider's), else the provider's.
   */
  errorFormatOf(operation: CompiledOperation): ErrorFormat;
  /** Operations marked `x-token-endpoint` (see token-endpoint.ts). */
  tokenEndpoints: readonly TokenEndpoint[];
  /** Parameters naming server state (a token, a session): an unknown value is bad input. */
  referenceParameters: readonly string[];
  statefulRule: ResourceEchoRule | SessionLifecycleRule;
}

/** The suite's own expectations of each provider, kept apart from the mock's tables on purpose: an oracle must not take them from what it judges. */
interface ProviderTable {
  authFailureStatuses: readonly number[];
  errorSchemaRef: string;
  referenceParameters: readonly string[];
  statefulRule: ResourceEchoRule | SessionLifecycleRule;
}

const tables: Readonly<Record<ProviderId, ProviderTable>> = {
  kombo: {
    authFailureStatuses: [401],
    errorSchemaRef: "#/components/schemas/ErrorResponse",
    referenceParameters: ["token", "integration_id"],
    statefulRule: {
      kind: "resource-echo",
      createOperationId: "PostConnectCreateLink",
      readOperationId: "GetConnectIntegrationByTokenToken",
      tokenParameter: "token",
      dataProperty: "data",
      renamedFields: { tool: "integration_tool" },
    },
  },
  kinde: {
    authFailureStatuses: [403],
    errorSchemaRef: "#/components/schemas/error_response",
    referenceParameters: ["session_id"],
    statefulRule: {
      kind: "session-lifecycle",
      startOperationId: "GetConnectedAppAuthUrl",
      readOperationId: "GetConnectedAppToken",
      revokeOperationId: "RevokeConnectedAppToken",
      sessionParameter: "session_id",
      consentUrlProperty: "url",
      invalidSessionStatus: 400,
    },
  },
};

/** The validator the index already compiled for the error body (found where a response uses it). */
function findErrorValidator(index: SpecIndex, ref: string): Validator {
  for (const operation of index.operations) {
    for (const response of operation.responses.values()) {
      for (const media of response.content.values()) {
        const schema = media.schema;
        if (typeof schema === "object" && schema.$ref === ref) return media.validate;
      }
    }
  }
  throw new Error(`No response of ${index.title} uses ${ref}`);
}

/** The one `$ref`'d schema every declared 4xx body of `operation` uses, with its validator; else undefined. */
function declaredErrorFormat(operation: CompiledOperation): ErrorFormat | undefined {
  const formats = new Map<string, Validator>();
  for (const [status, response] of operation.responses) {
    if (!/^4\d\d$/.test(status)) continue;
    for (const media of response.content.values()) {
      const ref = typeof media.schema === "object" ? media.schema.$ref : undefined;
      if (typeof ref === "string") formats.set(ref, media.validate);
    }
  }
  const [only] = formats;
  return formats.size === 1 && only ? { schemaRef: only[0], validate: only[1] } : undefined;
}

function build(id: ProviderId): ProviderContract {
  const table = tables[id];
  const index = compileSpec(providerDocuments[id], { precompiled: providerValidators[id] });
  const providerFormat: ErrorFormat = { schemaRef: table.errorSchemaRef, validate: findErrorValidator(index, table.errorSchemaRef) };
  const formats = new Map(index.operations.map((operation) => [operation.operationId, declaredErrorFormat(operation) ?? providerFormat]));
  return {
    id,
    index,
    authFailureStatuses: table.authFailureStatuses,
    errorSchemaRef: table.errorSchemaRef,
    errorFormatOf: (operation) => formats.get(operation.operationId) ?? providerFormat,
    tokenEndpoints: tokenEndpoints(index),
    referenceParameters: table.referenceParameters,
    statefulRule: table.statefulRule,
  };
}

let compiled: readonly ProviderContract[] | undefined;

/** Both providers, compiled once per process. */
export function providerContracts(): readonly ProviderContract[] {
  compiled ??= providerIds.map(build);
  return compiled;
}
