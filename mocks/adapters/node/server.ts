import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ProviderCoverage } from "../../../openapi/coverage.js";
import type { EngineOptions, MockEngine } from "../../engine/engine.js";
import { harEntry, readHar, type Har } from "../../record/har.js";
import { replayFrom } from "../../record/har-replay.js";
import { mergeJournals, type ProviderJournalEntry } from "../../engine/journal.js";
import { environmentVariable, providers, type ProviderId } from "../../../providers/registry.js";
import { createProviderEngine, type MockSettings } from "../../behaviour/index.js";
import { createMockHttpServer, type HttpLimits } from "./http-adapter.js";
import { bufferedLineWriter, type LineWriter } from "./log-writer.js";
import { createProxyListener, type ProxyListener } from "./proxy.js";
import { openHarFile, type HarFileRecorder } from "./proxy-har-file.js";
import { readHarFile } from "./proxy-replay-file.js";
import type { ProxyUpstreams } from "./proxy-upstreams.js";
import { deliverWebhooks, type MockWebhookSettings, type WebhookSender } from "../webhook-delivery.js";

/**
 * Both providers' mocks over `node:http`, in process:
 *
 *     const mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
 *     createKomboClient({ apiKey: "any", baseUrl: mocks.kombo.baseUrl });
 *     await mocks.close();
 */
export interface StartMockServersOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 4010; 0 picks a free port. */
  komboPort?: number;
  /** Default 4011; 0 picks a free port. */
  kindePort?: number;
  /** No per-request log lines. */
  quiet?: boolean;
  /** Where log lines go; default stdout, buffered and written asynchronously (flushed by `close()`). */
  log?: (line: string) => void;
  /** Time-outs and body limits of the HTTP server (defaults: `defaultHttpLimits`); tests shorten them. */
  limits?: Partial<HttpLimits>;
  /** Pinned credentials and connected apps (see `mockSettingsFromEnv`). */
  settings?: MockSettings;
  /** Clock, response validation, drift hook; shared by both engines. */
  engine?: EngineOptions;
  /**
   * Proxy mode: the providers named here forward API requests to this upstream base URL (e.g.
   * `https://api.kombo.dev/v1`) and pass the answer back with `x-contract-violations`; see docs/proxy.md.
   */
  proxy?: ProxyUpstreams;
  /** With `proxy`: a HAR 1.2 file that every proxied exchange is written to as it happens, credentials redacted. */
  record?: string;
  /** A HAR recording (file path or object) to answer matching requests from; the rest goes to the mock. */
  replay?: string | Har;
  /**
   * Where the mocks send their webhooks, signed as the provider signs them, e.g.
   * `{ kombo: { url: "http://127.0.0.1:3000/webhooks/kombo", secret: "whsec" }, retryDelaysSeconds: [1, 5, 25] }`
   * (see docs/webhooks.md). Without it, events are only listed by `GET /__mock/webhooks`.
   */
  webhooks?: MockWebhookSettings;
}

export interface RunningMock {
  /** `http://127.0.0.1:4010`: the server root (pages and `/__mock/reset` live here). */
  origin: string;
  /** What the typed client takes: `http://127.0.0.1:4010/v1` for Kombo, the origin for Kinde. */
  baseUrl: string;
  port: number;
  engine: MockEngine;
  server: Server;
  /** With `webhooks` for this provider: its deliveries. */
  webhooks: WebhookSender | undefined;
}

export interface RunningMockServers {
  kombo: RunningMock;
  kinde: RunningMock;
  /** Forgets every link, token and session on both. */
  reset(): void;
  /** Both request journals, oldest first: what the app sent (`GET /__mock/requests` on each server). */
  requests(): ProviderJournalEntry[];
  /** Empties both journals. */
  clearRequests(): void;
  /** Which declared answers each mock gave, with counts (`GET /__mock/coverage` on each server). */
  coverage(): ProviderCoverage[];
  /** Resolves once no webhook delivery is in flight or waiting for a retry. */
  webhooksSettled(): Promise<void>;
  /** With `record`: resolves when every exchange answered so far is in the HAR file. */
  flushRecording(): Promise<void>;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

interface StartOneExtras {
  replay: Har | undefined;
  recorder: HarFileRecorder | undefined;
  /** The request log; undefined when quiet. */
  write: ((line: string) => void) | undefined;
  /** Contract violations and recording trouble: printed even when quiet. */
  warn: (line: string) => void;
}

async function startOne(name: ProviderId, port: number, host: string, options: StartMockServersOptions, extras: StartOneExtras): Promise<RunningMock & { stop(): Promise<void> }> {
  const engineOptions = extras.replay === undefined ? options.engine : Object.assign({}, options.engine, { replay: replayFrom(extras.replay) });
  const engine = createProviderEngine(name, options.settings, engineOptions);
  const receiver = options.webhooks?.[name];
  const webhooks = receiver === undefined ? undefined : deliverWebhooks(engine, receiver, options.webhooks);
  const label = name;
  let origin = `http://${urlHost(host)}:${port}`;
  const { write, recorder } = extras;
  const log = write === undefined ? undefined : (line: string) => write(`[${label}] ${line}`);
  const upstream = options.proxy?.[name];
  let proxy: ProxyListener | undefined;
  const adapter = createMockHttpServer(engine, {
    log,
    fallbackOrigin: () => origin,
    limits: options.limits,
    wrapListener:
      upstream === undefined
        ? undefined
        : (mockListener) => {
            proxy = createProxyListener(engine, mockListener, {
              upstream,
              log,
              warn: (line) => extras.warn(`[${label}] ${line}`),
              record: recorder === undefined ? undefined : (call) => recorder.add(harEntry(call)),
              fallbackOrigin: () => origin,
            });
            return proxy.listener;
          },
  });
  const { server } = adapter;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`${label} mock: port ${port} on ${host} is in use. Stop what uses it, or pick another port (--${name}-port or ${environmentVariable(name, "MOCK_PORT")}).`)
          : error,
      );
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  origin = `http://${urlHost(host)}:${actualPort}`;
  return {
    origin,
    baseUrl: `${origin}${engine.basePath}`,
    port: actualPort,
    engine,
    server,
    webhooks,
    stop: () =>
      new Promise<void>((resolve) => {
        webhooks?.close();
        adapter.cancelPending();
        proxy?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function startMockServers(options: StartMockServersOptions = {}): Promise<RunningMockServers> {
  const host = options.host ?? "127.0.0.1";
  const proxied = Object.values(options.proxy ?? {}).some((upstream) => upstream !== undefined);
  if (options.record !== undefined && !proxied) throw new Error("record needs proxy: only proxied exchanges are recorded (add --proxy)");
  if (options.replay !== undefined && proxied) throw new Error("proxy and replay exclude each other: proxy records live answers, replay serves recorded ones");
  const replay = typeof options.replay === "string" ? await readHarFile(options.replay) : options.replay === undefined ? undefined : readHar(options.replay, "replay");
  // The request log and the proxy's warnings (printed even when quiet) both go through the buffered writer:
  // no synchronous write to stdout on a request's path.
  const writer: LineWriter | undefined = options.log !== undefined || (options.quiet && !proxied) ? undefined : bufferedLineWriter();
  const lines = options.log ?? writer?.write;
  const write = options.quiet ? undefined : lines;
  // Only proxy mode warns; quiet and unproxied, there is nothing to print.
  const warn = lines ?? (() => undefined);
  let recorder: HarFileRecorder | undefined;
  try {
    recorder = options.record === undefined ? undefined : await openHarFile(options.record, (message) => warn(`[record] ${message}`));
  } catch (error) {
    await writer?.close();
    throw error;
  }
  const extras: StartOneExtras = { replay, recorder, write, warn };
  const closeOutputs = async (): Promise<void> => {
    await recorder?.close();
    await writer?.close();
  };
  let kombo: Awaited<ReturnType<typeof startOne>>;
  let kinde: Awaited<ReturnType<typeof startOne>>;
  try {
    kombo = await startOne("kombo", options.komboPort ?? providers.kombo.defaultPort, host, options, extras);
  } catch (error) {
    await closeOutputs();
    throw error;
  }
  try {
    kinde = await startOne("kinde", options.kindePort ?? providers.kinde.defaultPort, host, options, extras);
  } catch (error) {
    await kombo.stop();
    await closeOutputs();
    throw error;
  }
  return {
    kombo,
    kinde,
    reset() {
      kombo.engine.reset();
      kinde.engine.reset();
    },
    requests: () => mergeJournals([kombo.engine, kinde.engine]),
    clearRequests() {
      kombo.engine.clearRequests();
      kinde.engine.clearRequests();
    },
    coverage: () => [kombo.engine.coverage(), kinde.engine.coverage()],
    webhooksSettled: async () => {
      await Promise.all([kombo.webhooks?.settled(), kinde.webhooks?.settled()]);
    },
    flushRecording: async () => recorder?.flush(),
    async close() {
      await Promise.all([kombo.stop(), kinde.stop()]);
      await closeOutputs();
    },
  };
}
