import { judgeAnswer } from "../../openapi/conformance.js";
import { describeStatuses, type CompiledOperation, type CompiledResponse, type SpecIndex } from "../../openapi/spec-index.js";
import { describeViolation } from "../../openapi/violation.js";
import { maxDelayMs } from "./prefer.js";
import { statusWithExample, successStatus } from "./answers.js";

/**
 * Overrides: the next matching requests of one operation get a chosen answer (a declared status, a named
 * example or a body), checked against the spec when the override is made and again when it is answered.
 * `POST /__mock/overrides` makes them over HTTP; the msw set-ups' typed overrides
 * (mocks/adapters/msw/overrides.ts) check their answers with the same functions.
 */

/** What `POST /__mock/overrides` takes; every field but `operationId` optional. */
export interface OverrideInput {
  operationId: string;
  status?: number;
  example?: string;
  body?: unknown;
  /** How many requests it answers, then it is gone; default: every request until cleared. */
  times?: number;
  /** Milliseconds to wait before answering (as `Prefer: delay=`). */
  delay?: number;
}

/** An override in force, as `GET /__mock/overrides` lists it. */
export interface MockOverride {
  id: number;
  operationId: string;
  /** The status it answers; absent for an override that only delays. */
  status?: number;
  example?: string;
  body?: unknown;
  /** Requests it still answers; absent when it answers until cleared. */
  remaining?: number;
  delay?: number;
}

export class OverrideRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OverrideRefused";
  }
}

function describe(operation: CompiledOperation): string {
  return `${operation.operationId} (${operation.method} ${operation.pathTemplate})`;
}

/** The response an override's status picks: one the spec declares itself (not only through a range or `default`). */
export function overrideResponse(operation: CompiledOperation, status: number): CompiledResponse {
  const response = operation.responses.get(String(status));
  if (!response) {
    throw new OverrideRefused(`Override for ${describe(operation)} answers ${status}, which the spec does not declare (declared: ${describeStatuses(operation)})`);
  }
  return response;
}

/** Refuses a JSON body the spec does not declare for `status`, or one the one judge finds broken. */
export function checkOverrideBody(operation: CompiledOperation, status: number, body: unknown): void {
  if (overrideResponse(operation, status).content.get("application/json") === undefined) {
    throw new OverrideRefused(`Override for ${describe(operation)} answers ${status} with a JSON body, but the spec declares no JSON body for ${status}`);
  }
  const judgements = judgeAnswer(operation, { status, contentType: "application/json", body: { value: body } });
  if (judgements.length > 0) {
    throw new OverrideRefused(
      `Override for ${describe(operation)} answers ${status} with a body that breaks the spec:\n` + judgements.map((judgement) => `  ${describeViolation(judgement)}`).join("\n"),
    );
  }
}

/** Refuses "no body" for a status the spec declares with one. */
export function checkOverrideEmpty(operation: CompiledOperation, status: number): void {
  if (overrideResponse(operation, status).content.size > 0) {
    throw new OverrideRefused(`Override for ${describe(operation)} answers ${status} without a body, but the spec declares one for ${status}`);
  }
}

function exampleNames(response: CompiledResponse): string[] {
  return [...new Set([...response.content.values()].flatMap((media) => [...media.examples.keys()]))];
}

/** The declared status with this named example, as `Prefer: example=` picks it (answers.ts). */
function statusOfExample(operation: CompiledOperation, example: string): number {
  const status = statusWithExample(operation, example);
  if (status === undefined) {
    const known = [...operation.responses.values()].flatMap((response) => exampleNames(response).map((name) => `${response.status} ${name}`));
    throw new OverrideRefused(`${operation.operationId} has no example "${example}" (examples: ${known.join(", ") || "none"})`);
  }
  return status;
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new OverrideRefused(`"${field}" must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

const knownFields = new Set(["operationId", "status", "example", "body", "times", "delay"]);

/** Reads and checks one override against the spec; throws `OverrideRefused` saying why it cannot be made. */
function readOverride(spec: SpecIndex, input: unknown, id: number): MockOverride {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new OverrideRefused('send a JSON object: {"operationId": "...", "status": 429, "times": 1}');
  const fields = input as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((field) => !knownFields.has(field));
  if (unknown.length > 0) throw new OverrideRefused(`unknown field(s) ${unknown.map((field) => `"${field}"`).join(", ")}; an override takes ${[...knownFields].join(", ")}`);
  const operationId = fields.operationId;
  const operation = typeof operationId === "string" ? spec.operations.find((candidate) => candidate.operationId === operationId) : undefined;
  if (operation === undefined) {
    throw new OverrideRefused(`"operationId" must name an operation of the spec, got ${JSON.stringify(operationId)} (operations: ${spec.operations.map((candidate) => candidate.operationId).join(", ")})`);
  }
  if (fields.example !== undefined && typeof fields.example !== "string") throw new OverrideRefused(`"example" must be an example's name, got ${JSON.stringify(fields.example)}`);
  const example = fields.example as string | undefined;
  let status = wholeNumber(fields.status, "status", 100, 599);
  if (status !== undefined) overrideResponse(operation, status);
  if (example !== undefined) {
    if (status === undefined) status = statusOfExample(operation, example);
    else if (!exampleNames(overrideResponse(operation, status)).includes(example)) {
      throw new OverrideRefused(`${operation.operationId} ${status} has no example "${example}" (examples: ${exampleNames(overrideResponse(operation, status)).join(", ") || "none"})`);
    }
  }
  if (fields.body !== undefined) {
    if (example !== undefined) throw new OverrideRefused('"body" and "example" exclude each other: give the body, or name the example');
    status ??= successStatus(operation);
    checkOverrideBody(operation, status, fields.body);
  }
  const times = wholeNumber(fields.times, "times", 1, 1_000_000);
  const delay = wholeNumber(fields.delay, "delay", 0, maxDelayMs);
  const override: MockOverride = { id, operationId: operation.operationId };
  if (status !== undefined) override.status = status;
  if (example !== undefined) override.example = example;
  if (fields.body !== undefined) override.body = fields.body;
  if (times !== undefined) override.remaining = times;
  if (delay !== undefined) override.delay = delay;
  return override;
}

/** The overrides in force on one engine, oldest first; the first that matches a request answers it. */
export class OverrideTable {
  #overrides: MockOverride[] = [];
  #nextId = 1;

  constructor(private readonly spec: SpecIndex) {}

  /** Checks `input` against the spec and adds it; throws `OverrideRefused` when it cannot be made. */
  add(input: OverrideInput | unknown): MockOverride {
    const override = readOverride(this.spec, input, this.#nextId);
    this.#nextId++;
    this.#overrides.push(override);
    return override;
  }

  list(): MockOverride[] {
    return this.#overrides.map((override) => ({ ...override }));
  }

  clear(): void {
    this.#overrides = [];
  }

  /** The override that answers the next request of `operationId`, if any (cheap when there are none). */
  find(operationId: string): MockOverride | undefined {
    if (this.#overrides.length === 0) return undefined;
    return this.#overrides.find((override) => override.operationId === operationId);
  }

  /** One request answered by `override`: it goes when it has answered `times` requests. */
  use(override: MockOverride): void {
    if (override.remaining === undefined) return;
    override.remaining--;
    if (override.remaining <= 0) this.#overrides = this.#overrides.filter((candidate) => candidate !== override);
  }
}
