import { createServer, STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { MockEngine } from "../../engine/engine.js";
import { maxBodyBytes, whenSettled, type MockRequest, type MockResponse } from "../../engine/messages.js";

/**
 * The `node:http` adapter: turns an IncomingMessage into a MockRequest, carries out the engine's
 * MockResponse (delay, connection reset), and keeps broken or endless HTTP from ever reaching the
 * engine or holding a connection: bodies over the limit are refused at once and drained so the client
 * reads the 413, stalled bodies and slow heads time out, unreadable HTTP gets the provider's error body.
 */

export interface HttpLimits {
  /** The request head (request line and headers) must be in within this (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** The whole request within this (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  /**
   * A body that stops arriving for this long is answered 408: it catches a Content-Length or chunk size
   * larger than what the client sends (node:http hides chunk sizes, so a stall is how they show).
   */
  bodyIdleMs: number;
  /**
   * After a 413 the rest of the body is read and thrown away up to this many bytes, then the connection
   * closes: a client still sending then reads the 413 instead of a connection reset. A Content-Length
   * above it closes right after the 413.
   */
  drainBytes: number;
  /** An idle keep-alive connection closes after this. */
  keepAliveTimeoutMs: number;
}

const defaultHttpLimits: Readonly<HttpLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  bodyIdleMs: 500,
  drainBytes: 16 * 1024 * 1024,
  keepAliveTimeoutMs: 5_000,
};

export interface AdapterOptions {
  /** One line per request; undefined logs nothing. */
  log?: ((line: string) => void) | undefined;
  /** `http://127.0.0.1:4010`, used when the Host header is missing or unusable. */
  fallbackOrigin: () => string;
  limits?: Partial<HttpLimits> | undefined;
  /** Puts another listener in front of the mock's (the proxy), under the same limits and guards. */
  wrapListener?: ((mockListener: RequestListener) => RequestListener) | undefined;
}

const plausibleHost = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function absoluteUrl(request: IncomingMessage, fallbackOrigin: string): string {
  const raw = request.url ?? "/";
  if (raw.charCodeAt(0) !== 47 /* "/" */ && /^https?:\/\//i.test(raw)) return raw;
  const host = request.headers.host;
  const origin = host !== undefined && plausibleHost.test(host) ? `http://${host}` : fallbackOrigin;
  return `${origin}${raw.startsWith("/") ? raw : `/${raw}`}`;
}

/** Header names in lower case, repeated headers joined with ", " (the shape of `MockRequest.headers`). */
export function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const incoming = request.headers;
  // for...in, not Object.entries: no array per header on every request.
  for (const name in incoming) {
    const value = incoming[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

const utf8 = new TextDecoder("utf-8");

/** One request while its body is read: what came, when the last byte came, whether it was answered early. */
interface PendingBody {
  request: IncomingMessage;
  response: ServerResponse;
  started: number;
  lastByteAt: number;
  received: number;
  chunks: Buffer[];
  /** Answered before its body ended (413 or 408): the rest of the body is only drained. */
  refused: boolean;
}

function createMockListener(engine: MockEngine, options: AdapterOptions) {
  const limits: HttpLimits = Object.assign({}, defaultHttpLimits, options.limits);
  const pendingDelays = new Set<NodeJS.Timeout>();
  // One sweep over the requests still reading a body, not a timer per request: the hot path only adds
  // and removes a Map entry.
  const reading = new Map<IncomingMessage, PendingBody>();

  const write = (request: IncomingMessage, response: ServerResponse, answer: MockResponse, started: number, keepOpen: boolean): void => {
    if (answer.fault === "reset") {
      options.log?.(`${request.method} ${answer.logPath ?? "?"} RESET ${(performance.now() - started).toFixed(1)}ms`);
      request.socket.resetAndDestroy();
      return;
    }
    if (response.destroyed || response.headersSent) return;
    const { body } = answer;
    // The head as one flat [name, value, ...] array, as writeHead takes it: no copy of the headers object per answer.
    const head: (string | number)[] = [];
    for (const name in answer.headers) head.push(name, answer.headers[name] as string);
    if (body !== undefined) head.push("content-length", Buffer.byteLength(body));
    else if (answer.status !== 204 && answer.status !== 304) head.push("content-length", 0);
    response.writeHead(answer.status, head);
    // The body as a string, not a Buffer copy: Node joins a string with the head into one chunk.
    if (keepOpen) {
      if (body !== undefined) response.write(body);
    } else response.end(body);
    options.log?.(`${request.method} ${answer.logPath ?? "?"} ${answer.status} ${(performance.now() - started).toFixed(1)}ms`);
  };

  const send = (request: IncomingMessage, response: ServerResponse, answer: MockResponse, started: number): void => {
    if (answer.delayMs !== undefined && answer.delayMs > 0) {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        write(request, response, answer, started, false);
      }, answer.delayMs);
      pendingDelays.add(timer);
    } else write(request, response, answer, started, false);
  };

  /**
   * Answers before the body is in (413 over the limit, 408 for a stalled body), with `connection: close`.
   * The answer goes out whole at once; the response ends (and the connection closes) once the client has
   * sent the rest, so it is never reset while still sending. `closeNow` skips the wait.
   */
  const refuse = (pending: PendingBody, answer: MockResponse, closeNow: boolean): void => {
    pending.refused = true;
    pending.chunks.length = 0;
    pending.response.setHeader("connection", "close");
    write(pending.request, pending.response, answer, pending.started, !closeNow);
    if (closeNow || pending.request.complete) endRefused(pending);
  };

  const endRefused = (pending: PendingBody): void => {
    reading.delete(pending.request);
    if (!pending.response.writableEnded) pending.response.end();
  };

  const tooLarge = (pending: PendingBody, mockRequest: MockRequest, closeNow: boolean): void => {
    void whenSettled(engine.handle(Object.assign({}, mockRequest, { bodyTooLarge: true })), (answer) => {
      delete answer.delayMs; // the point of a 413 is to come before the body
      refuse(pending, answer, closeNow);
    });
  };

  const sweep = (): void => {
    const now = performance.now();
    for (const pending of reading.values()) {
      if (pending.request.socket.destroyed) {
        reading.delete(pending.request);
      } else if (now - pending.lastByteAt >= limits.bodyIdleMs) {
        if (pending.refused) endRefused(pending);
        else {
          const message =
            `the request body stopped arriving: ${pending.received} bytes came, then nothing for ${limits.bodyIdleMs} ms. ` +
            "Send the whole body at once; a Content-Length or chunk size larger than the body sent is waited for in vain";
          refuse(pending, engine.refusal(408, message), true);
        }
      }
    }
  };
  const sweeper = setInterval(sweep, Math.max(10, Math.min(250, limits.bodyIdleMs / 2)));
  sweeper.unref();

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    const mockRequest: MockRequest = {
      method: request.method ?? "GET",
      url: absoluteUrl(request, options.fallbackOrigin()),
      // Node joins repeated headers itself but for set-cookie (an array): only then is a copy needed.
      headers: request.headers["set-cookie"] === undefined ? (request.headers as Record<string, string>) : flatHeaders(request),
    };
    request.on("error", () => request.socket.destroy());
    const pending: PendingBody = { request, response, started, lastByteAt: started, received: 0, chunks: [], refused: false };
    reading.set(request, pending);
    // llhttp has refused a Content-Length that is not a number before this listener runs.
    const declaredLength = Number(request.headers["content-length"] ?? "0");
    if (declaredLength > maxBodyBytes) tooLarge(pending, mockRequest, declaredLength > limits.drainBytes);
    request.on("data", (chunk: Buffer) => {
      pending.lastByteAt = performance.now();
      pending.received += chunk.length;
      if (pending.refused) {
        if (pending.received > limits.drainBytes) endRefused(pending);
      } else if (pending.received > maxBodyBytes) {
        tooLarge(pending, mockRequest, false);
      } else pending.chunks.push(chunk);
    });
    request.on("end", () => {
      if (pending.refused) return endRefused(pending);
      reading.delete(request);
      const { chunks } = pending;
      if (pending.received > 0) mockRequest.body = utf8.decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
      void whenSettled(engine.handle(mockRequest), (answer) => send(request, response, answer, started));
    });
  };

  return {
    listener,
    limits,
    /** Cancels answers still waiting on a `Prefer: delay` and stops the body sweep. */
    cancelPending(): void {
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
      clearInterval(sweeper);
      reading.clear();
    },
  };
}

/** The status for an error Node's HTTP parser or its time-outs raised. */
function clientErrorStatus(error: NodeJS.ErrnoException & { reason?: string }): number {
  if (error.code === "HPE_HEADER_OVERFLOW") return 431;
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return 408;
  // A Content-Length or chunk size past 2^64, or chunk extensions past Node's limit: too large, not malformed.
  if (error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW" || /overflow/i.test(error.reason ?? "")) return 413;
  return 400;
}

function clientErrorMessage(error: NodeJS.ErrnoException & { reason?: string }, limits: HttpLimits): string {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return `the request did not arrive in time: its head must come within ${limits.headersTimeoutMs} ms and the whole request within ${limits.requestTimeoutMs} ms`;
  }
  return `the request could not be read as HTTP/1.1: ${error.reason ?? error.message} (${error.code ?? "parse error"})`;
}

/**
 * Broken HTTP (bad request line, oversized headers, garbage, a time-out) gets a 4xx, with the provider's
 * error body (from `engine`) where the socket still allows one, and the socket closes; the server lives on.
 */
function guardServer(server: Server, engine?: Pick<MockEngine, "refusal">, limits: HttpLimits = defaultHttpLimits): void {
  server.on("clientError", (error: NodeJS.ErrnoException & { reason?: string }, socket: Socket) => {
    // As Node's own default handler: no answer once a response on this socket has started.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (!socket.writable || inFlight?.headersSent === true || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const status = clientErrorStatus(error);
    const body = engine?.refusal(status, clientErrorMessage(error, limits)).body;
    const content = body === undefined ? "" : `content-type: application/json\r\n`;
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nconnection: close\r\n${content}` +
        `content-length: ${Buffer.byteLength(body ?? "")}\r\n\r\n${body ?? ""}`,
    );
    // The client may still be sending; let it finish reading the answer before the socket goes.
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
  server.on("connection", (socket: Socket) => socket.on("error", () => socket.destroy()));
}

/** A node:http server running the mock, with every limit above in force. */
export function createMockHttpServer(engine: MockEngine, options: AdapterOptions): { server: Server; cancelPending(): void } {
  const adapter = createMockListener(engine, options);
  const { limits } = adapter;
  const listener = options.wrapListener?.(adapter.listener) ?? adapter.listener;
  const server = createServer(
    {
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks both time-outs every 30 s by default, which would stretch them by up to that much.
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, limits.headersTimeoutMs / 4)),
    },
    listener,
  );
  guardServer(server, engine, limits);
  server.once("close", () => adapter.cancelPending());
  return { server, cancelPending: adapter.cancelPending };
}
