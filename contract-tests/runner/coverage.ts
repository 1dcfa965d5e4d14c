import { countStatus, emptyStatusCounts, unexercisedStatuses } from "../../openapi/coverage.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { CoverageMatrix } from "../model/results.js";

/** The suite's coverage: one table of the shared model (openapi/coverage.ts) per target. */

function operationKey(provider: ProviderContract, operationId: string): string {
  return `${provider.id} ${operationId}`;
}

/** An empty row (every declared status at 0) for each operation (of `only`, when given) the target ran. */
export function seedCoverage(matrix: CoverageMatrix, target: string, provider: ProviderContract, only?: ReadonlySet<string>): void {
  const rows = (matrix[target] ??= {});
  for (const operation of provider.index.operations) {
    if (only && !only.has(operation.operationId)) continue;
    rows[operationKey(provider, operation.operationId)] = Object.assign(emptyStatusCounts(operation), rows[operationKey(provider, operation.operationId)]);
  }
}

/** Counts an answer under its declared status, or under `default` when only that covers it. */
export function recordAnswer(matrix: CoverageMatrix, target: string, provider: ProviderContract, operationId: string, status: number): void {
  const row = ((matrix[target] ??= {})[operationKey(provider, operationId)] ??= {});
  countStatus(row, provider.index.byOperationId(operationId), status);
}

/** Declared statuses (other than `default`) that no answer exercised. */
export function unexercised(matrix: CoverageMatrix, target: string): string[] {
  return unexercisedStatuses(matrix[target] ?? {});
}
