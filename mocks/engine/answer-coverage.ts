import { countAnswer, emptyOperationCoverage, type OperationCoverage, type ProviderCoverage } from "../../openapi/coverage.js";
import type { CompiledOperation, SpecIndex } from "../../openapi/spec-index.js";

/**
 * Which declared answers the mock gave the app under test (`GET /__mock/coverage`), in the shared coverage
 * model (openapi/coverage.ts). Counting is a map lookup and two increments per answer.
 */
export class AnswerCoverage {
  readonly #counts = new Map<string, { operation: CompiledOperation; coverage: OperationCoverage }>();

  constructor(
    private readonly provider: string,
    private readonly spec: SpecIndex,
  ) {}

  count(operationId: string, status: number, exampleName: string | undefined): void {
    let row = this.#counts.get(operationId);
    if (row === undefined) {
      const operation = this.spec.byOperationId(operationId);
      row = { operation, coverage: emptyOperationCoverage(operation) };
      this.#counts.set(operationId, row);
    }
    countAnswer(row.coverage, row.operation, status, exampleName);
  }

  /** Every operation of the spec, with every declared status and named example, counted or at 0. */
  report(): ProviderCoverage {
    const operations: Record<string, OperationCoverage> = {};
    for (const operation of this.spec.operations) {
      const counted = this.#counts.get(operation.operationId)?.coverage ?? emptyOperationCoverage(operation);
      operations[operation.operationId] = { statuses: { ...counted.statuses }, examples: { ...counted.examples } };
    }
    return { provider: this.provider, operations };
  }

  clear(): void {
    this.#counts.clear();
  }
}
