import { acceptedMediaType } from "../../openapi/media-type.js";
import { declaredResponse, type CompiledMediaType, type CompiledOperation, type CompiledResponse, type SpecIndex } from "../../openapi/spec-index.js";
import { FakeDataGenerator } from "../data/fake-data.js";
import { loadFaker } from "../data/faker.js";
import { randomId, seedFromText } from "../data/random.js";
import type { Clock, MockError } from "./definition.js";
import type { MockPreferences } from "./prefer.js";

/** Picking a declared answer, by `Prefer` or by default. */

export interface ChosenAnswer {
  status: number;
  body: unknown;
  /** The name of the spec example chosen, when the body is one. */
  example?: string;
}

/**
 * `body` with each date-time property named in `lifetimes` set to now plus its lifetime (a copy; `body` itself,
 * unchanged, when it has none of them).
 */
export function withRelativeTimes(body: unknown, lifetimes: Readonly<Record<string, number>>, nowMs: number): unknown {
  if (Array.isArray(body)) {
    const items = body.map((item) => withRelativeTimes(item, lifetimes, nowMs));
    return items.some((item, index) => item !== body[index]) ? items : body;
  }
  if (typeof body !== "object" || body === null) return body;
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(body)) {
    const lifetime = lifetimes[key];
    const next = lifetime !== undefined && typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(nowMs + lifetime).toISOString() : withRelativeTimes(value, lifetimes, nowMs);
    if (next !== value) (copy ??= { ...(body as Record<string, unknown>) })[key] = next;
  }
  return copy ?? body;
}

/** The name of the declared example `body` is (the same object, as handlers and the picker hand them on), if any. */
export function exampleNameOf(operation: CompiledOperation, status: number, body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const response = declaredResponse(operation, status);
  if (response === undefined) return undefined;
  for (const media of response.media) {
    for (const [name, value] of media.examples) if (value === body) return name;
  }
  return undefined;
}

function numericStatuses(operation: CompiledOperation): number[] {
  return [...operation.responses.keys()].filter((status) => /^\d{3}$/.test(status)).map(Number);
}

/** The lowest declared 2xx, as Prism picks it. */
export function successStatus(operation: CompiledOperation): number {
  return numericStatuses(operation).filter((status) => status >= 200 && status < 300).sort((a, b) => a - b)[0] ?? 200;
}

function declaredSummary(operation: CompiledOperation): string {
  return [...operation.responses.values()]
    .map((response) => {
      const names = [...new Set([...response.content.values()].flatMap((media) => [...media.examples.keys()]))];
      return names.length > 0 ? `${response.status} (examples: ${names.join(", ")})` : response.status;
    })
    .join("; ");
}

/** Statuses tried, in order, for a `default` response's example: the first the operation does not declare itself. */
const defaultResponseStatuses = [500, 503, 502, 504, 400, 422, 409];
const everyStatus = Array.from({ length: 500 }, (_, index) => 100 + index);
const defaultCandidates = [...defaultResponseStatuses, ...everyStatus];

/**
 * The status that reaches `response` through `declaredResponse`: its own number; for a range (`4XX`) the
 * first number in it not declared on its own; for `default` the first common error status not declared
 * (Kombo declares 400-500 each, so its `default` examples answer 503), then any status left.
 */
function statusAnswering(operation: CompiledOperation, response: CompiledResponse): number | undefined {
  const key = response.status;
  if (/^\d{3}$/.test(key)) return Number(key);
  const range = /^([1-5])XX$/i.exec(key);
  const candidates = range ? everyStatus.filter((status) => String(status)[0] === range[1]) : defaultCandidates;
  return candidates.find((status) => declaredResponse(operation, status) === response);
}

/** A status whose response has the named example: success first, then in spec order (`Prefer: example=` and overrides). */
export function statusWithExample(operation: CompiledOperation, name: string): number | undefined {
  const success = successStatus(operation);
  const ordered = [String(success), ...[...operation.responses.keys()].filter((status) => status !== String(success))];
  for (const status of ordered) {
    const response = operation.responses.get(status);
    if (response && [...response.content.values()].some((media) => media.examples.has(name))) return statusAnswering(operation, response);
  }
  return undefined;
}


export class AnswerPicker {
  /** Built once faker has loaded (the first dynamic answer): until then no answer pays for importing it. */
  private fakeData: FakeDataGenerator | undefined;
  private fakeDataLoading: Promise<FakeDataGenerator> | undefined;

  constructor(
    private readonly spec: SpecIndex,
    private readonly clock?: Clock,
  ) {}

  /**
   * The answer the preferences select, or the reason they select nothing declared. A promise only for a
   * generated answer asked for before faker has loaded; every other answer is synchronous.
   */
  pick(operation: CompiledOperation, preferences: MockPreferences, accept: string | undefined): ChosenAnswer | Promise<ChosenAnswer> | { error: MockError } {
    let status = preferences.code;
    if (status === undefined && preferences.example !== undefined) status = statusWithExample(operation, preferences.example);
    status ??= successStatus(operation);
    if (status < 100 || status > 599) return this.notDeclared(operation, `Prefer code=${status} is not an HTTP status`);
    const response = declaredResponse(operation, status);
    if (response === undefined) {
      return this.notDeclared(operation, `${operation.operationId} declares no ${status} response`);
    }
    const media = acceptedMediaType(response.media, accept);
    if (media === undefined) {
      if (preferences.example !== undefined) return this.notDeclared(operation, `${operation.operationId} ${status} has no body, so no example "${preferences.example}"`);
      return { status, body: undefined };
    }
    // Without a seed each dynamic answer is new, as in Prism; a seed repeats one.
    if (preferences.dynamic === true) {
      const seed = preferences.seed ?? randomId(12);
      return this.withFakeData((fake) => ({ status, body: this.generate(fake, operation, response, media, seed) }));
    }
    if (preferences.example !== undefined) {
      if (!media.examples.has(preferences.example)) {
        return this.notDeclared(operation, `${operation.operationId} ${status} has no example "${preferences.example}"`);
      }
      return { status, body: media.examples.get(preferences.example), example: preferences.example };
    }
    const first = media.examples.entries().next();
    if (!first.done) return { status, body: first.value[1], example: first.value[0] };
    return this.withFakeData((fake) => ({ status, body: this.generate(fake, operation, response, media, preferences.seed) }));
  }

  private withFakeData(use: (fake: FakeDataGenerator) => ChosenAnswer): ChosenAnswer | Promise<ChosenAnswer> {
    if (this.fakeData !== undefined) return use(this.fakeData);
    this.fakeDataLoading ??= loadFaker().then((faker) => {
      this.fakeData = new FakeDataGenerator({ document: this.spec.document, compileSchema: this.spec.compileSchema, clock: this.clock, faker });
      return this.fakeData;
    });
    return this.fakeDataLoading.then(use);
  }

  private generate(fake: FakeDataGenerator, operation: CompiledOperation, response: CompiledResponse, media: CompiledMediaType, seed: string | undefined): unknown {
    if (media.schema === undefined) return undefined;
    const seedNumber = seedFromText(seed ?? `${operation.operationId} ${response.status} ${media.mediaType}`);
    // An error answer keeps to its status's examples (a 429 stays a rate limit, with fresh ids); a success varies over the schema.
    const isSuccess = /^2/.test(response.status);
    return fake.generate(media.schema, seedNumber, isSuccess ? [] : [...media.examples.values()]);
  }

  private notDeclared(operation: CompiledOperation, problem: string): { error: MockError } {
    return { error: { kind: "preferenceNotDeclared", message: `${problem}. Declared: ${declaredSummary(operation)}` } };
  }
}
