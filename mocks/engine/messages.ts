/**
 * The engine speaks plain data: adapters (node:http, msw in Node and in the browser) turn their own
 * request into a MockRequest and carry out the MockResponse, directives included.
 */
export interface MockRequest {
  /** Any case; the engine compares upper case. */
  method: string;
  /** Absolute URL as the client sent it, e.g. `http://127.0.0.1:4010/v1/connect/create-link?x=1`. */
  url: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** Raw body text; undefined when the request had none. */
  body?: string | undefined;
  /** Set by the adapter when it stopped reading a body over the size limit; `body` is then undefined. */
  bodyTooLarge?: boolean;
}

export interface MockResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Serialized body; undefined for no body. */
  body?: string | undefined;
  /** From `Prefer: delay=<ms>`: the adapter waits this long before answering. */
  delayMs?: number;
  /** From `Prefer: fault=reset`: the adapter drops the connection instead of answering. */
  fault?: "reset";
  /**
   * The request path for a log line, with secrets masked: path parameters as their template
   * (`/v1/connect/integration-by-token/{token}`), credential-like query values as `***`.
   */
  logPath?: string;
  /** For the request journal: the operation matched (undefined for mock routes and unknown paths). */
  operationId?: string;
  /** For the request journal: why the request was refused. */
  problems?: string[];
  /** For the journal and coverage: the name of the spec example the answer carried, when it was a named one. */
  example?: string;
}

/** Largest request body the mocks read; past it they answer 413. */
export const maxBodyBytes = 1024 * 1024;

/**
 * What `engine.handle` returns: the answer itself, or, only for a generated answer (`Prefer: dynamic`)
 * asked for before faker has loaded, a promise of it. Adapters that can answer synchronously do.
 */
export type MockAnswer = MockResponse | Promise<MockResponse>;

/** `next(value)`, at once for a plain value, after it settles for a promise: the hot path makes no promise. */
export function whenSettled<T, R>(value: T | Promise<T>, next: (settled: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
