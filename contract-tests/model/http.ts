/** One request as the suite sends it, kept whole so a failure can print it as `curl`. */
export interface ContractRequest {
  method: string;
  /** Absolute URL, query included. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface ContractResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed JSON; undefined when the body is empty or not JSON (see `jsonError`). */
  json: unknown;
  jsonError?: string;
}
