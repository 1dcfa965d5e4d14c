import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario } from "../model/scenario.js";
import { bodyText, exampleBody } from "./request-builder.js";
import { negativeScenario, unknownBodyField, withUnknownField, type NegativeCase } from "./negative.js";
import { requestMedia } from "./request-media.js";

const unknownQueryParameter = "contract_tests_unknown";

/**
 * Requests outside what the spec declares but does not forbid. A server may accept them (many parse a body
 * whatever its Content-Type, and ignore what they do not know) or reject them in its error format; only a
 * 5xx or a rejection in another format fails. Accepting is reported as lenient.
 */
function undeclaredCases(operation: CompiledOperation): NegativeCase[] {
  const cases: NegativeCase[] = [];
  const media = requestMedia(operation);
  if (media && operation.requestBody) {
    cases.push({ violation: `body: sent as text/plain, a media type the spec does not declare (${media.mediaType} is)`, change: (input) => ({ ...input, contentType: "text/plain" }) });
    const extended = withUnknownField(exampleBody(operation)?.value);
    // When the schema forbids the field, negative.ts sends it as a must-reject case instead.
    if (extended !== undefined && media.media.validate(extended).length === 0) {
      cases.push({
        violation: `body: unknown field $.${unknownBodyField} (the schema does not forbid it)`,
        change: (input, context) => ({ ...input, body: bodyText(operation, context.endpoint, extended) }),
      });
    }
  }
  cases.push({ violation: `query parameter ${unknownQueryParameter}: not declared`, change: (input) => ({ ...input, query: { ...input.query, [unknownQueryParameter]: "1" } }) });
  return cases;
}

/** For every operation, the undeclared-but-not-forbidden requests, answered under `undeclared_input_handling`. */
export function undeclaredInputScenarios(provider: ProviderContract): Scenario[] {
  return provider.index.operations.flatMap((operation, position) =>
    undeclaredCases(operation).map((entry) => negativeScenario(provider, operation, position, entry, "undeclared_input_handling")),
  );
}
