/**
 * Child process of `npm run bench`: the cost of one request inside a process, with no socket in between.
 *   engine alone     engine.handle(MockRequest) -> MockResponse, synchronous here (what every adapter wraps)
 *   msw handler      msw's getResponse(handlers, Request): our msw adapter without msw's interceptor
 *   msw setupServer  fetch() inside a process where setupMockServer() listens: what a unit test sees
 *   bare msw         fetch() where a setupServer with one bare msw handler listens, answering the same JSON (the yardstick)
 * Each figure is the median of ten batches. Prints one JSON line: { rows: InProcessRow[] }.
 */
import { getResponse, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { whenSettled, type MockRequest } from "../../mocks/engine/messages.js";
import { createMockHandlers } from "../../mocks/adapters/msw/index.js";
import { setupMockServer } from "../../mocks/adapters/node/msw.js";
import { createMockEngines } from "../../mocks/behaviour/index.js";
import type { InProcessRow } from "./results.js";
import { median } from "./stats.js";
import { scenarios, type Provider, type ScenarioContext, type ScenarioRequest } from "./scenarios.js";

interface Answer {
  status: number;
  bodyText: string;
}
type Send = (url: string, request: ScenarioRequest) => Answer | Promise<Answer>;

interface Path {
  name: string;
  baseUrls: Record<Provider, string>;
  send: Send;
  close?: () => void;
  /** Before this path's requests: its msw server listens (msw in Node intercepts for one server at a time). */
  enter?: () => void;
  leave?: () => void;
}

const iterations = Number(process.argv[2] ?? 20_000);

function enginePath(): Path {
  const engines = createMockEngines();
  return {
    name: "engine alone",
    baseUrls: { kombo: "http://127.0.0.1:4010/v1", kinde: "http://127.0.0.1:4011" },
    send: (url, request) => {
      const mockRequest: MockRequest = { method: request.method, url, headers: request.headers, body: request.body };
      const answer = (url.startsWith("http://127.0.0.1:4010") ? engines.kombo : engines.kinde).handle(mockRequest);
      return whenSettled(answer, (settled) => ({ status: settled.status, bodyText: settled.body ?? "" }));
    },
  };
}

const mswBaseUrls: Record<Provider, string> = { kombo: "https://api.kombo.dev/v1", kinde: "https://bench.kinde.com" };

function mswHandlerPath(): Path {
  const { handlers } = createMockHandlers();
  return {
    name: "msw handler",
    baseUrls: mswBaseUrls,
    send: async (url, request) => {
      const response = await getResponse(handlers, new Request(url, { method: request.method, headers: request.headers, body: request.body ?? null }));
      if (!response) throw new Error(`no msw handler answered ${request.method} ${url}`);
      return { status: response.status, bodyText: await response.text() };
    },
  };
}

const bareOrigin = "https://bare-msw.bench.example";
const bareBaseUrls: Record<Provider, string> = { kombo: `${bareOrigin}/kombo`, kinde: `${bareOrigin}/kinde` };

async function fetched(url: string, request: ScenarioRequest): Promise<Answer> {
  const response = await fetch(url, { method: request.method, headers: request.headers, body: request.body ?? null });
  return { status: response.status, bodyText: await response.text() };
}

/**
 * Our msw handlers through setupMockServer, and a setupServer of its own with one bare msw handler that answers
 * each URL with the JSON our mock gave for it, fixed: what msw and fetch cost without our adapter and engine.
 * Each listens only while its own batches run, so neither pays for the other's handlers.
 */
function mswServerPaths(): Path[] {
  const mocks = setupMockServer();
  const bareBodies = new Map<string, string>();
  const bareServer = setupServer(
    http.all(`${bareOrigin}/*`, ({ request }) => {
      const body = bareBodies.get(request.url);
      return body === undefined ? new HttpResponse(null, { status: 404 }) : new HttpResponse(body, { headers: { "content-type": "application/json" } });
    }),
  );
  const ours: Path = {
    name: "msw setupServer + fetch",
    baseUrls: mswBaseUrls,
    send: async (url, request) => {
      const answer = await fetched(url, request);
      const provider = url.startsWith(mswBaseUrls.kombo) ? "kombo" : "kinde";
      bareBodies.set(`${bareBaseUrls[provider]}${url.slice(mswBaseUrls[provider].length)}`, answer.bodyText);
      return answer;
    },
    enter: () => mocks.server.listen({ onUnhandledRequest: "error" }),
    leave: () => mocks.server.close(),
  };
  const bare: Path = {
    name: "bare msw handler + fetch",
    baseUrls: bareBaseUrls,
    send: fetched,
    enter: () => bareServer.listen({ onUnhandledRequest: "error" }),
    leave: () => bareServer.close(),
  };
  return [ours, bare];
}

/** A token from a completed Connect flow on this path's own engine, so integration-by-token answers 200. */
async function contextFor(path: Path): Promise<ScenarioContext> {
  const createLink = scenarios.find((scenario) => scenario.id === "create-link");
  if (!createLink) throw new Error("no create-link scenario");
  const created = await path.send(`${path.baseUrls.kombo}${createLink.request({ integrationToken: "" }).path}`, createLink.request({ integrationToken: "" }));
  const link = (JSON.parse(created.bodyText) as { data: { link: string } }).data.link;
  const opened = await path.send(link, { method: "GET", path: "", headers: { accept: "application/json" } });
  return { integrationToken: (JSON.parse(opened.bodyText) as { token: string }).token };
}

/**
 * µs per request of each path, per scenario. Paths made together (our msw handlers and the bare one) take
 * their ten batches in turn, so a burst of other work on this shared machine weighs on both alike.
 */
async function measure(paths: readonly Path[], count: number, context: ScenarioContext): Promise<InProcessRow[]> {
  const rows: InProcessRow[] = [];
  for (const scenario of scenarios) {
    const request = scenario.request(context);
    const urls = paths.map((path) => `${path.baseUrls[scenario.provider]}${request.path}`);
    for (const [index, path] of paths.entries()) {
      const url = urls[index] as string;
      path.enter?.();
      const first = await path.send(url, request);
      if (!scenario.isCorrect(first.status, first.bodyText)) {
        throw new Error(`${path.name}: ${scenario.label} answered ${first.status} ${first.bodyText.slice(0, 200)}`);
      }
      for (let warm = 0; warm < Math.ceil(count / 10); warm += 1) await path.send(url, request);
      path.leave?.();
    }
    // Ten batches, the median kept: a burst of other work on this shared machine spoils one batch, not the figure.
    const batch = Math.max(10, Math.ceil(count / 10));
    const perRequest = paths.map((): number[] => []);
    for (let round = 0; round < 10; round += 1) {
      for (const [index, path] of paths.entries()) {
        const url = urls[index] as string;
        path.enter?.();
        const started = performance.now();
        for (let sent = 0; sent < batch; sent += 1) await path.send(url, request);
        perRequest[index]?.push(((performance.now() - started) * 1000) / batch);
        path.leave?.();
      }
    }
    for (const [index, path] of paths.entries()) {
      rows.push({ path: path.name, scenario: scenario.id, microsecondsPerRequest: median(perRequest[index] ?? []), iterations: batch * 10 });
    }
  }
  return rows;
}

const rows: InProcessRow[] = [];
for (const [make, share] of [
  [() => [enginePath()], 1],
  [() => [mswHandlerPath()], 0.05],
  [mswServerPaths, 0.05],
] as const) {
  const paths = make();
  try {
    // Paths made together share one context: the bare msw handler answers with what our mock answered.
    const first = paths[0] as Path;
    first.enter?.();
    const context = await contextFor(first);
    first.leave?.();
    rows.push(...(await measure(paths, Math.max(100, Math.round(iterations * share)), context)));
  } finally {
    for (const path of paths) path.close?.();
  }
}
process.stdout.write(`${JSON.stringify({ rows })}\n`);
