import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { MockEngine } from "../core/engine.js";
import { maxBodyBytes, type MockRequest, type MockResponse } from "../core/exchange.js";

/**
 * The `node:http` adapter: turns an IncomingMessage into a MockRequest, carries out the engine's
 * MockResponse (delay, connection reset), and keeps broken HTTP from ever reaching the engine.
 */

export interface AdapterOptions {
  /** One line per request; undefined logs nothing. */
  log?: ((line: string) => void) | undefined;
  /** `http://127.0.0.1:4010`, used when the Host header is missing or unusable. */
  fallbackOrigin: () => string;
}

const plausibleHost = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function absoluteUrl(request: IncomingMessage, fallbackOrigin: string): string {
  const raw = request.url ?? "/";
  if (/^https?:\/\//i.test(raw)) return raw;
  const host = request.headers.host;
  const origin = host !== undefined && plausibleHost.test(host) ? `http://${host}` : fallbackOrigin;
  return `${origin}${raw.startsWith("/") ? raw : `/${raw}`}`;
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

const utf8 = new TextDecoder("utf-8");

export function createMockListener(engine: MockEngine, options: AdapterOptions) {
  const pendingDelays = new Set<NodeJS.Timeout>();

  const send = (request: IncomingMessage, response: ServerResponse, answer: MockResponse, started: number): void => {
    const finish = (): void => {
      if (answer.fault === "reset") {
        options.log?.(`${request.method} ${answer.logPath ?? "?"} RESET ${(performance.now() - started).toFixed(1)}ms`);
        request.socket.resetAndDestroy();
        return;
      }
      if (response.destroyed) return;
      const body = answer.body === undefined ? undefined : Buffer.from(answer.body, "utf8");
      // Object.assign, not spread: a spread followed by another property is a slow path on Node 20.
      const headers: Record<string, string | number> = Object.assign({}, answer.headers);
      if (body !== undefined) headers["content-length"] = body.length;
      else if (answer.status !== 204 && answer.status !== 304) headers["content-length"] = 0;
      response.writeHead(answer.status, headers);
      response.end(body);
      options.log?.(`${request.method} ${answer.logPath ?? "?"} ${answer.status} ${(performance.now() - started).toFixed(1)}ms`);
    };
    if (answer.delayMs !== undefined && answer.delayMs > 0) {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        finish();
      }, answer.delayMs);
      pendingDelays.add(timer);
    } else finish();
  };

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    const mockRequest: MockRequest = {
      method: request.method ?? "GET",
      url: absoluteUrl(request, options.fallbackOrigin()),
      headers: flatHeaders(request),
    };
    request.on("error", () => request.socket.destroy());
    const declaredLength = Number(request.headers["content-length"] ?? "0");
    if (Number.isFinite(declaredLength) && declaredLength > maxBodyBytes) {
      // Refuse before reading a byte; the connection closes so the unread body is never buffered.
      response.setHeader("connection", "close");
      request.resume();
      send(request, response, engine.handle({ ...mockRequest, bodyTooLarge: true }), started);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      received += chunk.length;
      if (received > maxBodyBytes) {
        tooLarge = true;
        chunks.length = 0;
        response.setHeader("connection", "close");
        send(request, response, engine.handle({ ...mockRequest, bodyTooLarge: true }), started);
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (tooLarge) return;
      if (received > 0) mockRequest.body = utf8.decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
      send(request, response, engine.handle(mockRequest), started);
    });
  };

  return {
    listener,
    /** Cancels answers still waiting on a `Prefer: delay`. */
    cancelPending(): void {
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
    },
  };
}

/** Broken HTTP (bad request line, oversized headers, garbage) gets a plain 4xx and the socket closes; the server lives on. */
export function guardServer(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (error.code === "ECONNRESET" && socket.bytesWritten === 0 && socket.readableEnded)) {
      socket.destroy();
      return;
    }
    const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  server.on("connection", (socket: Socket) => socket.on("error", () => socket.destroy()));
}
