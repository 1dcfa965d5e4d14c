/**
 * For adapter-costs.ts: the bare floor plus, switched on one by one through FLAGS, each piece of work
 * our node:http adapter and engine add around an answer. Env: PORT, FLAGS (comma-separated).
 */
import { createServer } from "node:http";

const flags = new Set((process.env.FLAGS ?? "").split(",").filter(Boolean));
const port = Number(process.env.PORT);
const body = Buffer.from(
  JSON.stringify({ status: "success", data: { link: "https://connect.kombo.dev/v1?token=abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdef" } }),
);
const corsHeaders = { "access-control-allow-origin": "*", "access-control-expose-headers": "allow, content-type, x-mock-drift" };
const utf8 = new TextDecoder();

createServer({ keepAliveTimeout: 5_000 }, (request, response) => {
  const started = performance.now();
  if (flags.has("copy-request-headers")) {
    const copy: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) copy[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  if (flags.has("parse-url")) void new URL(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`);
  const answer = (): void => {
    // Object.assign as the engine does: a spread followed by more properties is a slow path on Node 20.
    const headers: Record<string, string | number> = flags.has("cors-headers")
      ? Object.assign({}, corsHeaders, { "content-type": "application/json" })
      : { "content-type": "application/json" };
    headers["content-length"] = body.length;
    response.writeHead(200, headers);
    response.end(body);
    if (flags.has("log-line")) process.stdout.write(`[kombo] ${request.method} /v1/connect/create-link 200 ${(performance.now() - started).toFixed(1)}ms\n`);
  };
  if (flags.has("read-body")) {
    const chunks: Buffer[] = [];
    request.on("error", () => request.socket.destroy());
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void utf8.decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
      answer();
    });
  } else {
    request.resume();
    request.once("end", answer);
  }
}).listen(port, "127.0.0.1");

process.once("SIGTERM", () => process.exit(0));
