import { http, HttpResponse, type HttpHandler } from "msw";
import type { CompiledOperation, SpecIndex } from "../../../openapi/spec-index.js";
import { checkOverrideBody, checkOverrideEmpty, overrideResponse, OverrideRefused } from "../../engine/overrides.js";
import type { BaseUrlMatcher } from "./base-urls.js";
import type {
  AnswerInit,
  OperationAt,
  OverrideAnswer,
  OverrideMethod,
  OverrideOptions,
  OverrideResolver,
  PathsWithMethod,
  StatusAnswers,
} from "./override-types.js";

/** An override answered something the spec does not allow; msw turns it into a 500 carrying this message. */
export class MockOverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MockOverrideError";
  }
}

/** What an override needs from a provider's mocks: its spec, its base URLs and the engine's answer. */
export interface OverrideTarget {
  provider: string;
  spec: SpecIndex;
  matcher: BaseUrlMatcher;
  /** The engine's answer to `request`, with `extraHeaders` set on it. */
  answer(request: Request, extraHeaders?: Record<string, string>): Promise<Response>;
  /** Journals (and counts for coverage) an answer the override gave itself. */
  record(request: Request, operation: CompiledOperation, status: number): Promise<void>;
}

export type OverrideHttp<Paths> = {
  [Method in OverrideMethod]: <Path extends PathsWithMethod<Paths, Method>>(
    path: Path,
    resolver: OverrideResolver<OperationAt<Paths, Path, Method>>,
    options?: OverrideOptions,
  ) => HttpHandler;
};

/** The engine's override checks (mocks/engine/overrides.ts), thrown as the error msw turns into a 500. */
function checked(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof OverrideRefused) throw new MockOverrideError(error.message);
    throw error;
  }
}

function answersFor(status: number): StatusAnswers<unknown> {
  const make = (answer: Record<string, unknown>) => answer as unknown as OverrideAnswer;
  return {
    example: (exampleName?: string) => make({ kind: "example", status, exampleName }),
    json: ((body: unknown, init?: AnswerInit) => make({ kind: "json", status, body, headers: { ...init?.headers } })) as never,
    empty: ((init?: AnswerInit) => make({ kind: "empty", status, headers: { ...init?.headers } })) as never,
  };
}

function preferFor(answer: { status: number; exampleName: string | undefined }): string {
  return answer.exampleName === undefined ? `code=${answer.status}` : `code=${answer.status}, example=${answer.exampleName}`;
}

async function carryOut(target: OverrideTarget, operation: CompiledOperation, request: Request, answer: OverrideAnswer): Promise<Response> {
  switch (answer.kind) {
    case "example": {
      checked(() => overrideResponse(operation, answer.status));
      return target.answer(request, { prefer: preferFor(answer) });
    }
    case "json":
      checked(() => checkOverrideBody(operation, answer.status, answer.body));
      await target.record(request, operation, answer.status);
      return HttpResponse.json(answer.body as never, { status: answer.status, headers: answer.headers });
    case "empty":
      checked(() => checkOverrideEmpty(operation, answer.status));
      await target.record(request, operation, answer.status);
      return new HttpResponse(null, { status: answer.status, headers: answer.headers });
  }
}

/** openapi-msw-style handlers for one provider: `kombo.post("/connect/create-link", ({ response }) => response(400).example())`. */
export function createOverrideHttp<Paths>(target: OverrideTarget): OverrideHttp<Paths> {
  const make =
    (method: OverrideMethod) =>
    (path: string, resolver: OverrideResolver<unknown>, options?: OverrideOptions): HttpHandler => {
      const operation = target.spec.operations.find(
        (candidate) => candidate.method === method.toUpperCase() && candidate.pathTemplate === path,
      );
      if (!operation) {
        throw new MockOverrideError(`${target.provider}: the spec has no operation ${method.toUpperCase()} ${path}`);
      }
      return http.all(
        ({ request }) => {
          if (request.method.toUpperCase() !== operation.method) return false;
          const within = target.matcher.pathWithin(new URL(request.url));
          return within !== undefined && operation.match(within) !== undefined;
        },
        async ({ request }) => {
          const within = target.matcher.pathWithin(new URL(request.url)) ?? "";
          const params = operation.match(within) ?? {};
          const answer = await resolver({
            request: request.clone(),
            params: params as never,
            response: ((status: number) => answersFor(status)) as never,
          });
          return answer === undefined ? undefined : carryOut(target, operation, request, answer);
        },
        options?.once ? { once: true } : undefined,
      );
    };
  return { get: make("get"), put: make("put"), post: make("post"), delete: make("delete"), patch: make("patch") } as OverrideHttp<Paths>;
}
