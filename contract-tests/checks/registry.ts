import { forcedStatus, positiveDataAcceptance } from "./acceptance.js";
import { ignoredAuth, missingAuth, negativeDataRejection, undeclaredInputHandling } from "./rejection.js";
import { contentTypeConformance, notAServerError, responseSchemaConformance, statusCodeConformance } from "./response-conformance.js";
import { ensureResourceAvailability, issuedCredentialAcceptance, useAfterRevoke, useBeforeConsent } from "./stateful.js";
import type { CheckDefinition } from "../model/check.js";

/** Every check, by the name reports use (Schemathesis' names where it has one). */
export const checkRegistry = {
  not_a_server_error: notAServerError,
  status_code_conformance: statusCodeConformance,
  content_type_conformance: contentTypeConformance,
  response_schema_conformance: responseSchemaConformance,
  positive_data_acceptance: positiveDataAcceptance,
  negative_data_rejection: negativeDataRejection,
  undeclared_input_handling: undeclaredInputHandling,
  missing_auth: missingAuth,
  ignored_auth: ignoredAuth,
  forced_status: forcedStatus,
  use_before_consent: useBeforeConsent,
  use_after_revoke: useAfterRevoke,
  ensure_resource_availability: ensureResourceAvailability,
  issued_credential_acceptance: issuedCredentialAcceptance,
} satisfies Record<string, CheckDefinition>;

export type CheckName = keyof typeof checkRegistry;

/** Checks over a whole target rather than one answer (see runner/suite.ts); `--exclude-check` takes them too. */
export const suiteChecks = {
  status_coverage: "A target that can force any status (msw, mock, prism) answered every declared status at least once.",
} as const;

export type SuiteCheckName = keyof typeof suiteChecks;

/** Every name `--exclude-check` accepts, in report order. */
export const excludableChecks: readonly (CheckName | SuiteCheckName)[] = [...(Object.keys(checkRegistry) as CheckName[]), ...(Object.keys(suiteChecks) as SuiteCheckName[])];

/** Run on every answer, whatever the case. */
export const responseChecks: readonly CheckName[] = [
  "not_a_server_error",
  "status_code_conformance",
  "content_type_conformance",
  "response_schema_conformance",
];
