import { declaredStatusKey } from "../../openapi/spec-index.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { CoverageMatrix } from "../model/results.js";

function operationKey(provider: ProviderContract, operationId: string): string {
  return `${provider.id} ${operationId}`;
}

/** An empty row (every declared status at 0) for each operation (of `only`, when given) the target ran. */
export function seedCoverage(matrix: CoverageMatrix, target: string, provider: ProviderContract, only?: ReadonlySet<string>): void {
  const rows = (matrix[target] ??= {});
  for (const operation of provider.index.operations) {
    if (only && !only.has(operation.operationId)) continue;
    const row = (rows[operationKey(provider, operation.operationId)] ??= {});
    for (const status of operation.responses.keys()) row[status] ??= 0;
  }
}

const undeclaredSuffix = " (undeclared)";

/** A column of answers with a status the operation does not declare, e.g. `500 (undeclared)`. */
export function isUndeclaredStatus(status: string): boolean {
  return status.endsWith(undeclaredSuffix);
}

/** Counts an answer under its declared status, or under `default` when only that covers it. */
export function recordAnswer(matrix: CoverageMatrix, target: string, provider: ProviderContract, operationId: string, status: number): void {
  const row = ((matrix[target] ??= {})[operationKey(provider, operationId)] ??= {});
  const operation = provider.index.byOperationId(operationId);
  const key = declaredStatusKey(operation, status) ?? `${status}${undeclaredSuffix}`;
  row[key] = (row[key] ?? 0) + 1;
}

/** Declared statuses (other than `default`) that no answer exercised. */
export function unexercised(matrix: CoverageMatrix, target: string): string[] {
  const missing: string[] = [];
  for (const [operation, row] of Object.entries(matrix[target] ?? {})) {
    for (const [status, count] of Object.entries(row)) {
      if (count === 0 && status !== "default") missing.push(`${operation} ${status}`);
    }
  }
  return missing;
}

/** What the cells mean; `default` is never forced, so at 0 it is "not applicable", not a gap. */
export const coverageLegend = '"-" = declared, never answered; default = answers with a status the operation does not list, "n/a" when none came';

/** One cell of the matrix as text. */
export function coverageCell(status: string, count: number): string {
  if (count > 0) return String(count);
  return status === "default" ? "n/a" : "-";
}
