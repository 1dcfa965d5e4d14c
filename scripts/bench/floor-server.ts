/**
 * The floor: a bare node:http server that answers with fixed bodies and checks nothing. Nothing that
 * does real work on the same runtime can be faster, so "ours ÷ floor" is the share of the machine's
 * HTTP capacity our engine keeps. Started by the benchmark as its own process.
 *
 * Env: FLOOR_HOST, FLOOR_PORTS (comma-separated), FLOOR_ROUTES (JSON: path prefix -> body text).
 */
import { createServer } from "node:http";

const host = process.env.FLOOR_HOST ?? "127.0.0.1";
const ports = (process.env.FLOOR_PORTS ?? "").split(",").map(Number).filter((port) => port > 0);
const routes = Object.entries(JSON.parse(process.env.FLOOR_ROUTES ?? "{}") as Record<string, string>).map(
  ([prefix, body]) => ({ prefix, body: Buffer.from(body) }),
);

for (const port of ports) {
  createServer((request, response) => {
    const route = routes.find((candidate) => request.url?.startsWith(candidate.prefix));
    // Answer once the body is in, as any server that reads its request must.
    request.resume();
    request.once("end", () => {
      if (!route) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json", "content-length": route.body.length });
      response.end(route.body);
    });
  }).listen(port, host);
}

const stop = () => process.exit(0);
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
