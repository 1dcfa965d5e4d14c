/**
 * A diagnostic engine for `npm run bench -- --engines ours,floor,adapter`: our node:http adapter
 * (mocks/node/http-adapter.ts, log line included) over a stub engine that returns a fixed answer.
 * Against the bare floor it prices the adapter; against our mock, the engine over HTTP.
 *
 * Env: FLOOR_HOST, FLOOR_PORTS (comma-separated), FLOOR_ROUTES (JSON: path prefix -> body text), MOCK_QUIET.
 */
import { createServer } from "node:http";
import type { MockEngine } from "../../mocks/core/engine.js";
import type { MockRequest, MockResponse } from "../../mocks/core/exchange.js";
import { createMockListener, guardServer } from "../../mocks/node/http-adapter.js";

const host = process.env.FLOOR_HOST ?? "127.0.0.1";
const ports = (process.env.FLOOR_PORTS ?? "").split(",").map(Number).filter((port) => port > 0);
const routes = Object.entries(JSON.parse(process.env.FLOOR_ROUTES ?? "{}") as Record<string, string>);
const quiet = process.env.MOCK_QUIET === "1";

const stub: Pick<MockEngine, "handle"> = {
  handle(request: MockRequest): MockResponse {
    const path = new URL(request.url).pathname;
    const route = routes.find(([prefix]) => path.startsWith(prefix));
    if (!route) return { status: 404, headers: {} };
    return {
      status: 200,
      headers: { "access-control-allow-origin": "*", "access-control-expose-headers": "allow, content-type", "content-type": "application/json" },
      body: route[1],
      logPath: route[0],
    };
  },
};

for (const port of ports) {
  const origin = `http://${host}:${port}`;
  const adapter = createMockListener(stub as MockEngine, {
    log: quiet ? undefined : (line) => void process.stdout.write(`[stub] ${line}\n`),
    fallbackOrigin: () => origin,
  });
  const server = createServer({ keepAliveTimeout: 5_000 }, adapter.listener);
  guardServer(server);
  server.listen(port, host);
}

const stop = () => process.exit(0);
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
