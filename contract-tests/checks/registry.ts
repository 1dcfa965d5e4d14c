import { forcedStatus, positiveDataAcceptance } from "./acceptance.js";
import { ignoredAuth, missingAuth, negativeDataRejection } from "./rejection.js";
import { contentTypeConformance, notAServerError, responseSchemaConformance, statusCodeConformance } from "./response-conformance.js";
import { ensureResourceAvailability, useAfterRevoke, useBeforeConsent } from "./stateful.js";
import type { CheckDefinition } from "./types.js";

/** Every check, by the name reports use (Schemathesis' names where it has one). */
export const checkRegistry = {
  not_a_server_error: notAServerError,
  status_code_conformance: statusCodeConformance,
  content_type_conformance: contentTypeConformance,
  response_schema_conformance: responseSchemaConformance,
  positive_data_acceptance: positiveDataAcceptance,
  negative_data_rejection: negativeDataRejection,
  missing_auth: missingAuth,
  ignored_auth: ignoredAuth,
  forced_status: forcedStatus,
  use_before_consent: useBeforeConsent,
  use_after_revoke: useAfterRevoke,
  ensure_resource_availability: ensureResourceAvailability,
} satisfies Record<string, CheckDefinition>;

export type CheckName = keyof typeof checkRegistry;

/** Run on every answer, whatever the case. */
export const responseChecks: readonly CheckName[] = [
  "not_a_server_error",
  "status_code_conformance",
  "content_type_conformance",
  "response_schema_conformance",
];
