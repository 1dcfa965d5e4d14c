import { http, type HttpHandler } from "msw";
import { redactedPath } from "../../../openapi/redact.js";
import type { CompiledOperation } from "../../../openapi/spec-index.js";
import { createEngine, type EngineOptions, type MockEngine } from "../../engine/engine.js";
import type { ProviderDefinition } from "../../engine/definition.js";
import { baseUrlsFromServers, createBaseUrlMatcher, type BaseUrlMatcher } from "./base-urls.js";
import { toFetchResponse, toMockRequest } from "./fetch-messages.js";
import { createOverrideHttp, type OverrideHttp } from "./overrides.js";

/** One provider's msw side: the catch-all handler over its engine, plus typed per-test overrides. */
export interface ProviderMocks<Paths> extends OverrideHttp<Paths> {
  /** Answers every request under the base URLs (and the engine's pages at their origin) from the engine. */
  readonly handler: HttpHandler;
  readonly engine: MockEngine;
  readonly baseUrls: readonly string[];
  /** Forgets every link, token and session of this provider. */
  reset(): void;
}

export interface ProviderMocksOptions {
  /** Where the app under test sends this provider's requests; defaults to the spec's servers. */
  baseUrls?: readonly string[] | undefined;
  engine?: EngineOptions | undefined;
}

/**
 * The URL the engine reads. Requests under a base URL are re-rooted at the spec's base path (so
 * `http://localhost:3000/kombo/v1/connect/create-link` routes like `/v1/connect/create-link`);
 * the engine's own pages and `/__mock/reset` live at the origin's root, as on `npm run mock`.
 */
function engineUrlFor(url: URL, matcher: BaseUrlMatcher, engine: MockEngine, rootPaths: ReadonlySet<string>): string | undefined {
  if (rootPaths.has(url.pathname) && matcher.matchesOrigin(url)) return url.href;
  const within = matcher.pathWithin(url);
  return within === undefined ? undefined : `${url.origin}${engine.basePath}${within}${url.search}`;
}

export function createProviderMocks<Paths, State>(definition: ProviderDefinition<State>, options: ProviderMocksOptions = {}): ProviderMocks<Paths> {
  const engine = createEngine(definition, options.engine);
  const baseUrls = options.baseUrls ?? baseUrlsFromServers(engine.spec.document.servers);
  const matcher = createBaseUrlMatcher(baseUrls);
  const rootPaths = new Set(engine.rootPaths);

  const answer = async (request: Request, extraHeaders: Record<string, string> = {}): Promise<Response> => {
    const url = new URL(request.url);
    const mockRequest = await toMockRequest(request);
    const engineUrl = engineUrlFor(url, matcher, engine, rootPaths) ?? request.url;
    const answered = await engine.handle({ ...mockRequest, url: engineUrl, headers: { ...mockRequest.headers, ...extraHeaders } });
    return toFetchResponse(answered, request.method);
  };

  const record = async (request: Request, operation: CompiledOperation, status: number): Promise<void> => {
    const mockRequest = await toMockRequest(request);
    const url = engineUrlFor(new URL(request.url), matcher, engine, rootPaths) ?? request.url;
    const logPath = redactedPath(url, `${engine.basePath}${operation.pathTemplate}`);
    engine.record({ ...mockRequest, url }, { operationId: operation.operationId, status, logPath });
  };

  const handler = http.all(
    ({ request }) => engineUrlFor(new URL(request.url), matcher, engine, rootPaths) !== undefined,
    ({ request }) => answer(request),
  );

  return {
    ...createOverrideHttp<Paths>({ provider: definition.name, spec: engine.spec, matcher, answer, record }),
    handler,
    engine,
    baseUrls,
    reset: () => engine.reset(),
  };
}
