import { declaredStatusKey, type CompiledOperation } from "./spec-index.js";

/**
 * Coverage of a spec's declared answers: per operation, how many answers each declared status (and each
 * named example) got. One model for both sides: the contract suite counts what a target answered its
 * scenarios (contract-tests/runner/coverage.ts), the mock counts what it answered the app under test
 * (`GET /__mock/coverage`, `connect-contracts coverage`).
 */

/** Declared status (`200`, `4XX`, `default`, or `500 (undeclared)`) -> answers counted. */
export type StatusCounts = Record<string, number>;

/** Rows of a coverage table: a row label (`kombo PostConnectCreateLink`) -> its status counts. */
export type CoverageRows = Record<string, StatusCounts>;

/** One operation as the mock counts it: its statuses, and its named examples as `<status> <example name>`. */
export interface OperationCoverage {
  statuses: StatusCounts;
  examples: Record<string, number>;
}

/** One provider's answers to the app, as `GET /__mock/coverage` serves them: operationId -> its coverage. */
export interface ProviderCoverage {
  provider: string;
  operations: Record<string, OperationCoverage>;
}

const undeclaredSuffix = " (undeclared)";

/** A column of answers with a status the operation does not declare, e.g. `500 (undeclared)`. */
export function isUndeclaredStatus(status: string): boolean {
  return status.endsWith(undeclaredSuffix);
}

/** Every declared status of `operation` at 0. */
export function emptyStatusCounts(operation: CompiledOperation): StatusCounts {
  const counts: StatusCounts = {};
  for (const status of operation.responses.keys()) counts[status] = 0;
  return counts;
}

/** Every declared status and every named example of `operation` at 0. */
export function emptyOperationCoverage(operation: CompiledOperation): OperationCoverage {
  const examples: Record<string, number> = {};
  for (const [status, response] of operation.responses) {
    for (const media of response.content.values()) for (const name of media.examples.keys()) examples[exampleKey(status, name)] = 0;
  }
  return { statuses: emptyStatusCounts(operation), examples };
}

/** `429 rate_limited`: an example's key in `OperationCoverage.examples`. */
function exampleKey(statusKey: string, exampleName: string): string {
  return `${statusKey} ${exampleName}`;
}

/** The column an answer of `status` counts under: its declared status, `4XX` or `default` when only that covers it. */
function statusKeyOf(operation: CompiledOperation, status: number): string {
  return declaredStatusKey(operation, status) ?? `${status}${undeclaredSuffix}`;
}

/** Counts one answer in `counts`. */
export function countStatus(counts: StatusCounts, operation: CompiledOperation, status: number): void {
  const key = statusKeyOf(operation, status);
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Counts one answer, and the example it carried when it was a named one. */
export function countAnswer(coverage: OperationCoverage, operation: CompiledOperation, status: number, exampleName: string | undefined): void {
  countStatus(coverage.statuses, operation, status);
  if (exampleName === undefined) return;
  const key = exampleKey(statusKeyOf(operation, status), exampleName);
  coverage.examples[key] = (coverage.examples[key] ?? 0) + 1;
}

/** Declared statuses (other than `default`, which is never forced) that no answer exercised, as `<row> <status>`. */
export function unexercisedStatuses(rows: CoverageRows): string[] {
  const missing: string[] = [];
  for (const [row, counts] of Object.entries(rows)) {
    for (const [status, count] of Object.entries(counts)) {
      if (count === 0 && status !== "default" && !isUndeclaredStatus(status)) missing.push(`${row} ${status}`);
    }
  }
  return missing;
}

/** How many declared statuses (other than `default`) were exercised, of how many, and the share in percent. */
export function coveredShare(rows: CoverageRows): { covered: number; declared: number; percent: number } {
  let covered = 0;
  let declared = 0;
  for (const counts of Object.values(rows)) {
    for (const [status, count] of Object.entries(counts)) {
      if (status === "default" || isUndeclaredStatus(status)) continue;
      declared++;
      if (count > 0) covered++;
    }
  }
  return { covered, declared, percent: declared === 0 ? 100 : (covered * 100) / declared };
}

/** Adds `from`'s counts into `into` (keys missing in `into` are added). */
function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

/** What the cells mean; `default` is never forced, so at 0 it is "not applicable", not a gap. */
export const coverageLegend = '"-" = declared, never answered; default = answers with a status the operation does not list, "n/a" when none came';

/** One cell of a table as text. */
export function coverageCell(status: string, count: number): string {
  if (count > 0) return String(count);
  return status === "default" ? "n/a" : "-";
}

/** Several runs' (or mocks') coverage as one list, one entry per provider, counts added. */
export function mergeProviderCoverage(lists: readonly (readonly ProviderCoverage[])[]): ProviderCoverage[] {
  const merged = new Map<string, ProviderCoverage>();
  for (const list of lists) {
    for (const entry of list) {
      const into = merged.get(entry.provider) ?? { provider: entry.provider, operations: {} };
      merged.set(entry.provider, into);
      for (const [operationId, counted] of Object.entries(entry.operations)) {
        const row = (into.operations[operationId] ??= { statuses: {}, examples: {} });
        addCounts(row.statuses, counted.statuses);
        addCounts(row.examples, counted.examples);
      }
    }
  }
  return [...merged.values()];
}

/** The table rows of providers' coverage: `kombo PostConnectCreateLink` -> its statuses (or its examples). */
export function coverageRows(providers: readonly ProviderCoverage[], part: keyof OperationCoverage): CoverageRows {
  const rows: CoverageRows = {};
  for (const entry of providers) for (const [operationId, counted] of Object.entries(entry.operations)) rows[`${entry.provider} ${operationId}`] = { ...counted[part] };
  return rows;
}

/**
 * A coverage document as `GET /__mock/coverage` (one provider), `coverage()` (a list) or the consumer
 * coverage file (`{ "providers": [...] }`) give it, as a list; throws saying what was wrong.
 */
export function readProviderCoverage(value: unknown, source: string): ProviderCoverage[] {
  const list = Array.isArray(value) ? value : typeof value === "object" && value !== null && "providers" in value ? (value as { providers: unknown }).providers : [value];
  if (!Array.isArray(list)) throw new Error(`${source}: "providers" is not a list`);
  return list.map((entry, index) => {
    const candidate = entry as Partial<ProviderCoverage> | null;
    if (typeof candidate !== "object" || candidate === null || typeof candidate.provider !== "string" || typeof candidate.operations !== "object" || candidate.operations === null) {
      throw new Error(`${source}: entry ${index} is not a mock's coverage ({ "provider": "...", "operations": { ... } })`);
    }
    return candidate as ProviderCoverage;
  });
}
