import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type RequestListener, type ServerResponse } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import type { MockEngine } from "../../engine/engine.js";
import { maxBodyBytes, type MockRequest, type MockResponse } from "../../engine/messages.js";
import { checkCall, describeCallViolation, routeRequest, routeTemplate, violationsHeader, type CallAnswer } from "../../../openapi/call-check.js";
import type { RecordedCall } from "../../record/har.js";
import { redactedPath } from "../../../openapi/redact.js";
import { apiPath } from "../../../openapi/spec-index.js";
import { flatHeaders } from "./http-adapter.js";

/**
 * Proxy mode for one provider: API requests go to the upstream with the client's own credential, and
 * the upstream's answer comes back as it was (status, headers, body bytes) plus `x-contract-violations`.
 * Request and answer are checked with the engine's compiled validators; each violation is one log line
 * and the journal keeps it. The mock's own routes (`/__mock/*`, pages) stay with the mock.
 */
export interface ProxyOptions {
  /** The upstream base URL, e.g. `https://api.kombo.dev/v1`: the engine's base path is replaced by it. */
  upstream: string;
  /** One line per request; undefined logs nothing. */
  log?: ((line: string) => void) | undefined;
  /** One line per violation and per unreachable upstream: what proxy mode is for, so printed even when quiet. */
  warn: (line: string) => void;
  /** Called with every call the upstream answered, e.g. to record it. */
  record?: ((call: RecordedCall) => void) | undefined;
  /** How long the upstream may stay silent before the proxy gives up with a 502 (default 30 s). */
  timeoutMs?: number;
  /** `http://127.0.0.1:4010`, used when the Host header is missing. */
  fallbackOrigin: () => string;
}

export interface ProxyListener {
  listener: RequestListener;
  /** Aborts requests still waiting on the upstream and closes kept-alive upstream connections. */
  close(): void;
}

/** Headers that belong to one connection, not to the message (RFC 9110 7.6.1), plus `host`, which names the upstream. */
const hopByHop = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "proxy-authenticate", "host"]);

const decoders: Readonly<Record<string, (input: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

const utf8 = new TextDecoder("utf-8");

/** The body as text for checking; a content encoding is undone (the client still gets the bytes as sent). */
async function decodedText(body: Buffer, encoding: string | undefined): Promise<string | undefined> {
  if (body.length === 0) return undefined;
  const decoder = encoding === undefined ? undefined : decoders[encoding.trim().toLowerCase()];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity" && decoder === undefined) return undefined;
  return utf8.decode(decoder === undefined ? body : await decoder(body));
}

function pairs(rawHeaders: readonly string[]): [string, string][] {
  const list: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) list.push([rawHeaders[index] as string, rawHeaders[index + 1] as string]);
  return list;
}

/** Reads the whole body, or reports that it is larger than the mocks accept. */
function readBody(request: IncomingMessage): Promise<Buffer | "too large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? "0");
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      request.resume();
      resolve("too large");
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes) {
        request.removeAllListeners("data");
        request.resume();
        resolve("too large");
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function sendMockResponse(response: ServerResponse, answer: MockResponse): void {
  if (response.destroyed || response.headersSent) return;
  const body = answer.body === undefined ? undefined : Buffer.from(answer.body, "utf8");
  response.writeHead(answer.status, Object.assign({}, answer.headers, { "content-length": body?.length ?? 0 }));
  response.end(body);
}

interface UpstreamAnswer {
  status: number;
  statusText: string;
  rawHeaders: string[];
  headers: Record<string, string>;
  body: Buffer;
}

export function createProxyListener(engine: MockEngine, mockListener: RequestListener, options: ProxyOptions): ProxyListener {
  const upstream = new URL(options.upstream);
  const upstreamPath = upstream.pathname.replace(/\/+$/, "");
  const secure = upstream.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const basePath = engine.basePath;
  const inFlight = new Set<{ destroy(error?: Error): void }>();

  const isProxied = (pathname: string): boolean => !pathname.startsWith("/__mock/") && apiPath(engine.spec, pathname) !== undefined;

  /** The client's headers as they go upstream: its own credential included, this connection's headers left out. */
  const upstreamHeaders = (headers: Readonly<Record<string, string>>, target: URL, body: Buffer): Record<string, string> => {
    const forwarded: Record<string, string> = { host: target.host };
    for (const [name, value] of Object.entries(headers)) if (!hopByHop.has(name)) forwarded[name] = value;
    if (body.length > 0 || forwarded["content-length"] !== undefined) forwarded["content-length"] = String(body.length);
    return forwarded;
  };

  const forward = (method: string, target: URL, headers: OutgoingHttpHeaders, body: Buffer): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      const outgoing = send(target, { method, headers, agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 502,
            statusText: incoming.statusMessage ?? "",
            rawHeaders: incoming.rawHeaders,
            headers: flatHeaders(incoming),
            body: Buffer.concat(chunks),
          }),
        );
      });
      inFlight.add(outgoing);
      outgoing.on("close", () => inFlight.delete(outgoing));
      outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      outgoing.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the upstream closed meanwhile: not the upstream being down. Say so, so it is retried.
        if (outgoing.reusedSocket && error.code === "ECONNRESET") Object.assign(error, { staleConnection: true });
        reject(error);
      });
      outgoing.end(body);
    });

  /** Path parameters as their template, whatever the method (a CORS preflight too): a Connect token in the path is not for the log or the journal. */
  const logPathOf = (url: URL): string => redactedPath(url.href, routeTemplate(engine.spec, url.pathname));

  const journal = (mockRequest: MockRequest, logPath: string, operationId: string | null, status: number, problems: string[]): void => {
    engine.journal.add({ atMs: engine.clock.now(), method: mockRequest.method.toUpperCase(), path: logPath, operationId, status, problems, request: mockRequest });
  };

  const proxy = async (request: IncomingMessage, response: ServerResponse, url: URL, started: number): Promise<void> => {
    const method = request.method ?? "GET";
    const headers = flatHeaders(request);
    const body = await readBody(request);
    if (body === "too large") {
      response.setHeader("connection", "close");
      sendMockResponse(response, await engine.handle({ method, url: url.href, headers, bodyTooLarge: true }));
      return;
    }
    const mockRequest: MockRequest = { method, url: url.href, headers, body: body.length > 0 ? utf8.decode(body) : undefined };
    const target = new URL(`${upstream.origin}${upstreamPath}${url.pathname.slice(basePath.length)}${url.search}`);
    const forwardedHeaders = upstreamHeaders(headers, target, body);
    const startedAtMs = Date.now();
    let answer: UpstreamAnswer;
    try {
      answer = await forward(method, target, forwardedHeaders, body).catch((error: unknown) => {
        if ((error as { staleConnection?: boolean }).staleConnection !== true) throw error;
        return forward(method, target, forwardedHeaders, body);
      });
    } catch (error) {
      const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
      const routed = routeRequest(engine.spec, method, url.pathname);
      const logPath = logPathOf(url);
      const message = `The ${engine.provider} upstream ${upstream.origin}${upstreamPath} cannot be reached (${reason}); the mock proxies ${method} ${logPath} there. Check that it runs, or point the proxy elsewhere.`;
      const unreachable = engine.upstreamUnreachable(mockRequest, message);
      journal(mockRequest, logPath, routed?.operation.operationId ?? null, unreachable.status, [message]);
      options.warn(`${method} ${logPath} ${unreachable.status} ${(performance.now() - started).toFixed(1)}ms upstream unreachable: ${reason}`);
      sendMockResponse(response, unreachable);
      return;
    }

    const callAnswer: CallAnswer = {
      status: answer.status,
      headers: answer.headers,
      body: await decodedText(answer.body, answer.headers["content-encoding"]).catch(() => undefined),
    };
    const checked = method.toUpperCase() === "OPTIONS" ? undefined : checkCall(engine.spec, mockRequest, callAnswer);
    const problems = (checked?.violations ?? []).map(describeCallViolation);
    const logPath = checked?.logPath ?? logPathOf(url);

    // The body is sent whole, so its length is known; a HEAD, 204 or 304 answer keeps the upstream's own (or none).
    const bodyless = method.toUpperCase() === "HEAD" || answer.status === 204 || answer.status === 304;
    const outgoingHeaders: string[] = [];
    for (const [name, value] of pairs(answer.rawHeaders)) {
      const lower = name.toLowerCase();
      if (!hopByHop.has(lower) && (bodyless || lower !== "content-length") && lower !== violationsHeader) outgoingHeaders.push(name, value);
    }
    if (!bodyless) outgoingHeaders.push("content-length", String(answer.body.length));
    outgoingHeaders.push(violationsHeader, String(problems.length));
    if (!response.destroyed) {
      response.writeHead(answer.status, answer.statusText, outgoingHeaders);
      response.end(answer.body);
    }

    journal(mockRequest, logPath, checked?.operation?.operationId ?? null, answer.status, problems);
    for (const problem of problems) options.warn(`CONTRACT ${problem}`);
    options.log?.(`${method} ${logPath} ${answer.status} ${(performance.now() - started).toFixed(1)}ms proxied, ${problems.length} violation${problems.length === 1 ? "" : "s"}`);
    options.record?.({
      provider: engine.provider,
      operationId: checked?.operation?.operationId ?? null,
      violations: problems,
      startedAtMs,
      durationMs: Date.now() - startedAtMs,
      request: { method, url: target.href, headers: forwardedHeaders, body: mockRequest.body },
      response: { status: answer.status, statusText: answer.statusText, headers: pairs(answer.rawHeaders), body: callAnswer.body },
    });
  };

  const listener: RequestListener = (request, response) => {
    const started = performance.now();
    let url: URL;
    try {
      url = new URL(request.url ?? "/", options.fallbackOrigin());
      if (request.headers.host !== undefined) url = new URL(`${url.pathname}${url.search}`, `http://${request.headers.host}`);
    } catch {
      mockListener(request, response);
      return;
    }
    if (!isProxied(url.pathname)) {
      mockListener(request, response);
      return;
    }
    proxy(request, response, url, started).catch((error: unknown) => {
      // Reached only on a broken client connection or a bug: answer plainly if the client still listens.
      options.warn(`${request.method} ${logPathOf(url)} proxy failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent && !response.destroyed) {
        sendMockResponse(response, engine.upstreamUnreachable({ method: request.method ?? "GET", url: url.href, headers: flatHeaders(request) }, "The mock proxy could not finish this request."));
      }
    });
  };

  return {
    listener,
    close() {
      for (const outgoing of inFlight) outgoing.destroy(new Error("the mock is stopping"));
      agent.destroy();
    },
  };
}
