/**
 * Types for per-test overrides, read from openapi-typescript's `paths` (generated/<provider>/types.ts),
 * so a path, status or body the spec does not declare fails at compile time.
 */

export type OverrideMethod = "get" | "put" | "post" | "delete" | "patch";

/** The spec paths that declare `method`. */
export type PathsWithMethod<Paths, Method extends OverrideMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: infer Operation }
    ? [NonNullable<Operation>] extends [never]
      ? never
      : Path
    : never;
}[keyof Paths] &
  string;

export type OperationAt<Paths, Path extends keyof Paths, Method extends OverrideMethod> = NonNullable<
  Paths[Path][Method & keyof Paths[Path]]
>;

type ResponsesOf<Operation> = Operation extends { responses: infer Responses } ? Responses : never;

/** The numeric statuses the operation declares (`default` has no status of its own to pick). */
type DeclaredStatus<Operation> = Extract<keyof ResponsesOf<Operation>, number>;

type ResponseAt<Operation, Status> = Status extends keyof ResponsesOf<Operation> ? ResponsesOf<Operation>[Status] : never;

/** The JSON body a status declares, or never when it declares none. */
type JsonBodyOf<Response> = Response extends { content: { "application/json": infer Body } } ? Body : never;

type PathParamsOf<Operation> = Operation extends { parameters: { path: infer Params } }
  ? [Params] extends [undefined]
    ? Record<string, never>
    : { [Name in keyof NonNullable<Params>]: string }
  : Record<string, never>;

declare const overrideAnswerBrand: unique symbol;

/** What an override resolver returns; only the `response(status)` helpers make one. */
export type OverrideAnswer = { readonly [overrideAnswerBrand]: true } & (
  | { kind: "example"; status: number; exampleName: string | undefined }
  | { kind: "json"; status: number; body: unknown; headers: Record<string, string> }
  | { kind: "empty"; status: number; headers: Record<string, string> }
);

export interface AnswerInit {
  headers?: Record<string, string>;
}

export interface StatusAnswers<Response> {
  /**
   * The engine answers with this status, as `Prefer: code=<status>` (plus `example=<name>` when given):
   * the named example, or the first one the spec declares. Auth and request checks still apply.
   */
  example(name?: string): OverrideAnswer;
  /** This body, type-checked here and checked against the spec at run time before it is answered. */
  json: [JsonBodyOf<Response>] extends [never] ? never : (body: JsonBodyOf<Response>, init?: AnswerInit) => OverrideAnswer;
  /** No body; only for statuses the spec declares without content. */
  empty: [JsonBodyOf<Response>] extends [never] ? (init?: AnswerInit) => OverrideAnswer : never;
}

export interface ResponseHelper<Operation> {
  <Status extends DeclaredStatus<Operation>>(status: Status): StatusAnswers<ResponseAt<Operation, Status>>;
}

export interface OverrideContext<Operation> {
  /** A clone of the intercepted request: read its body freely. */
  request: Request;
  params: PathParamsOf<Operation>;
  response: ResponseHelper<Operation>;
}

/** Return `undefined` to let the request fall through to the engine's own answer. */
export type OverrideResolver<Operation> = (
  context: OverrideContext<Operation>,
) => OverrideAnswer | undefined | Promise<OverrideAnswer | undefined>;

export interface OverrideOptions {
  /** Answer only the first matching request, then fall back to the engine (msw's `once`). */
  once?: boolean;
}
