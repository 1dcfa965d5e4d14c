import type { CompiledOperation } from "../../openapi/spec-index.js";
import type { Violation } from "../../openapi/violation.js";
import type { ProviderContract } from "./provider-contract.js";
import type { ContractRequest, ContractResponse } from "./http.js";

/** What a case tells its checks beyond the spec: why it was sent and what it must get. */
export interface CaseExpectation {
  /** The one constraint this request breaks (negative cases). */
  violation?: string;
  /** The credential was left out or is wrong (auth cases). */
  credential?: "missing" | "wrong";
  /** The status a mock was asked for with `Prefer: code=`. */
  forcedStatus?: number;
  /** The status a stateful rule demands (e.g. 400 for a revoked session). */
  ruleStatus?: number;
  /** Fields the answer must carry back, by JSON path under the response root (stateful echo). */
  echoedFields?: Readonly<Record<string, unknown>>;
  /** The statuses and error codes the spec declares for this refusal (a token endpoint's RFC 6749 errors). */
  refusal?: Refusal;
  /** The request carries a bearer the spec's token endpoint issued; `mustSucceed`: it names no server state, so it must get a 2xx. */
  issuedCredential?: { mustSucceed: boolean; issuedBy: string };
}

export interface Refusal {
  statuses: readonly number[];
  /** The body property that names the error, e.g. `error`. */
  errorProperty: string;
  errorCodes: readonly string[];
}

export interface CheckInput {
  provider: ProviderContract;
  operation: CompiledOperation;
  request: ContractRequest;
  response: ContractResponse;
  expectation: CaseExpectation;
}

export interface CheckDefinition {
  /** What the check means, for reports and the README. */
  meaning: string;
  /** Each way the answer breaks the check; a violation with `lenient` set is a warning. */
  run(input: CheckInput): Violation[];
}
