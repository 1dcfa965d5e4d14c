import type { ProviderContract } from "../model/provider-contract.js";
import type { Scenario } from "../model/scenario.js";
import { baseInput, buildRequest } from "./request-builder.js";

/** For every secured operation: the valid request without a credential, and with a wrong one. */
export function authScenarios(provider: ProviderContract): Scenario[] {
  const scenarios: Scenario[] = [];
  provider.index.operations.forEach((operation, position) => {
    if (operation.security.length === 0) return;
    for (const credential of ["missing", "wrong"] as const) {
      const check = credential === "missing" ? "missing_auth" : "ignored_auth";
      scenarios.push({
        name: `${operation.operationId}: ${credential} credential`,
        family: "auth",
        provider,
        operations: [operation.operationId],
        requires: [credential === "missing" ? "refusesMissingCredential" : "checksCredentials"],
        async run(context) {
          const input = { ...baseInput(provider, context.endpoint, operation, context.seed + position), credential };
          await context.check({ operation, request: buildRequest(context.endpoint, operation, input), checks: [check], expectation: { credential } });
        },
      });
    }
  });
  return scenarios;
}
