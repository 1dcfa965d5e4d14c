import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/**
 * Stand-ins for the live APIs on 127.0.0.1 (tests never reach the internet). `faithful` answers as the
 * specs say; `drifted` answers create-link with a `link` that is not a URI. Each keeps what it received.
 */
export interface StandInUpstream {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

export const liveLink = "https://connect.kombo.dev/v1?token=live-link-token-1";
export const liveAccessToken = "ya29.live-third-party-token";

/** What the stand-in answers per route, as raw bytes, so a test can compare the proxy's answer byte for byte. */
function answerFor(kind: "faithful" | "drifted", method: string, url: URL, acceptsGzip: boolean): { status: number; headers: Record<string, string>; body: Buffer } {
  const json = (status: number, value: unknown, extra: Record<string, string> = {}) => ({
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "req-42", ...extra },
    // Spacing the mock would never produce: byte-for-byte pass-through must keep it.
    body: Buffer.from(`${JSON.stringify(value, null, 3)}\n`, "utf8"),
  });
  if (method === "POST" && url.pathname === "/v1/connect/create-link") {
    return json(200, { status: "success", data: { link: kind === "faithful" ? liveLink : "not a uri" } }, { "set-cookie": "session=abc; HttpOnly" });
  }
  if (method === "GET" && url.pathname.startsWith("/v1/connect/integration-by-token/")) {
    const plain = json(404, { status: "error", error: { code: "PLATFORM.INTEGRATION_NOT_FOUND", title: "Integration not found.", message: "No integration for this token yet.", log_url: null } });
    if (!acceptsGzip) return plain;
    return { ...plain, headers: { ...plain.headers, "content-encoding": "gzip" }, body: gzipSync(plain.body) };
  }
  if (method === "GET" && url.pathname === "/api/v1/connected_apps/auth_url") {
    const session = "live-session-1";
    return json(200, { url: `https://acme.kinde.com/api/v1/connected_apps/authorize?session_id=${session}`, session_id: session });
  }
  if (method === "GET" && url.pathname === "/api/v1/connected_apps/token") {
    return json(200, { access_token: liveAccessToken, access_token_expiry: "2026-11-30T10:00:00.000Z" });
  }
  return json(404, { errors: [{ code: "ROUTE_NOT_FOUND", message: "no such route" }] });
}

export async function startStandInUpstream(kind: "faithful" | "drifted", port = 0): Promise<StandInUpstream> {
  const received: StandInUpstream["received"] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://stand-in");
      received.push({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answerFor(kind, request.method ?? "GET", url, /gzip/.test(String(request.headers["accept-encoding"] ?? "")));
      response.writeHead(answer.status, { ...answer.headers, "content-length": answer.body.length });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One raw HTTP exchange (node:http, not fetch, so content encodings and header spelling are left alone). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, rawHeaders: incoming.rawHeaders, body: Buffer.concat(chunks) }));
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}
