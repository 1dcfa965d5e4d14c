import fc from "fast-check";
import { arbitraryFromSchema, sampleSeeded } from "./arbitrary.js";
import type { CompiledOperation, CompiledParameter } from "../../openapi/spec-index.js";
import type { ProviderContract } from "../model/provider-contract.js";
import type { ContractRequest } from "../model/http.js";
import type { ProviderEndpoint } from "../targets/target.js";
import { requestMedia } from "./request-media.js";

type Credential = "valid" | "missing" | "wrong";

/** What varies between the requests of one operation; everything else is filled from the spec. */
export interface RequestInput {
  pathParams: Record<string, string>;
  query: Record<string, string>;
  /** Raw body; undefined sends none. */
  body?: string | undefined;
  contentType?: string | undefined;
  credential?: Credential;
  /** An Authorization header of the request's own (HTTP Basic client authentication); replaces the bearer. */
  authorization?: string | undefined;
  prefer?: string | undefined;
}

export const jsonMediaType = "application/json";

export function buildRequest(endpoint: ProviderEndpoint, operation: CompiledOperation, input: RequestInput): ContractRequest {
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(input.pathParams[name] ?? ""));
  const search = new URLSearchParams(input.query).toString();
  const headers: Record<string, string> = { accept: "application/json" };
  const credential = input.credential ?? "valid";
  // An operation without security (a token endpoint) never gets the bearer: it is no place to send it.
  const secured = operation.security.length > 0;
  if (secured && credential === "valid") headers.authorization = `Bearer ${endpoint.credential}`;
  if (secured && credential === "wrong") headers.authorization = "Bearer contract-tests-wrong-credential";
  if (input.authorization !== undefined) headers.authorization = input.authorization;
  if (input.body !== undefined) headers["content-type"] = input.contentType ?? requestMedia(operation)?.mediaType ?? jsonMediaType;
  if (input.prefer !== undefined) headers.prefer = input.prefer;
  return { method: operation.method, url: `${endpoint.baseUrl}${path}${search ? `?${search}` : ""}`, headers, body: input.body };
}

/** A value for a parameter: the target's fixture, else a seeded non-empty value generated from its schema. */
function parameterValue(provider: ProviderContract, endpoint: ProviderEndpoint, parameter: CompiledParameter, seed: number): string {
  const fixture = endpoint.parameterValues[parameter.name];
  if (fixture !== undefined) return fixture;
  const arbitrary = parameterArbitrary(provider, parameter).filter((value) => value.trim() !== "" && /^[\w.~-]+$/.test(value));
  return sampleSeeded(arbitrary, seed)[0] ?? parameter.name;
}

export function parameterArbitrary(provider: ProviderContract, parameter: CompiledParameter): fc.Arbitrary<string> {
  return arbitraryFromSchema(parameter.schema ?? true, { document: provider.index.document }).map((value) =>
    typeof value === "string" ? value : JSON.stringify(value),
  );
}

/** The first named example of the request body, or undefined when the operation takes no body. */
export function exampleBody(operation: CompiledOperation): { name: string; value: unknown } | undefined {
  const first = requestMedia(operation)?.media.examples.entries().next();
  return first && !first.done ? { name: first.value[0], value: first.value[1] } : undefined;
}

/**
 * `value` with the target's known-good body values (a client id and secret) where it still carries the
 * example's value for that field: a field a case left out or changed stays as the case made it.
 */
export function withBodyValues(value: unknown, example: unknown, endpoint: ProviderEndpoint): unknown {
  const isRecord = (entry: unknown): entry is Record<string, unknown> => typeof entry === "object" && entry !== null && !Array.isArray(entry);
  if (!isRecord(value) || !isRecord(example)) return value;
  const replaced = { ...value };
  for (const [field, known] of Object.entries(endpoint.bodyValues)) {
    if (field in replaced && replaced[field] === example[field]) replaced[field] = known;
  }
  return replaced;
}

/** The body text of `value` for this target, in the operation's media type (see `withBodyValues`). */
export function bodyText(operation: CompiledOperation, endpoint: ProviderEndpoint, value: unknown, example: unknown = exampleBody(operation)?.value): string | undefined {
  const media = requestMedia(operation);
  return media?.encode(withBodyValues(value, example, endpoint));
}

/** A valid request: required parameters (and fixtures for optional ones) plus the first body example. */
export function baseInput(provider: ProviderContract, endpoint: ProviderEndpoint, operation: CompiledOperation, seed: number): RequestInput {
  const input: RequestInput = { pathParams: {}, query: {} };
  operation.parameters.forEach((parameter, position) => {
    if (!parameter.required && endpoint.parameterValues[parameter.name] === undefined) return;
    const value = parameterValue(provider, endpoint, parameter, seed + position);
    if (parameter.in === "path") input.pathParams[parameter.name] = value;
    if (parameter.in === "query") input.query[parameter.name] = value;
  });
  const body = exampleBody(operation);
  if (body) input.body = bodyText(operation, endpoint, body.value, body.value);
  return input;
}
