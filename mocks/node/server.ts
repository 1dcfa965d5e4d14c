import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EngineOptions, MockEngine } from "../core/engine.js";
import { mergeJournals, type ProviderJournalEntry } from "../core/journal.js";
import { createProviderEngine, type MockSettings, type ProviderName } from "../providers/index.js";
import { createMockHttpServer, type HttpLimits } from "./http-adapter.js";
import { bufferedLineWriter, type LineWriter } from "./log-writer.js";

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
}

export interface RunningMock {
  /** `http://127.0.0.1:4010`: the server root (pages and `/__mock/reset` live here). */
  origin: string;
  /** What the typed client takes: `http://127.0.0.1:4010/v1` for Kombo, the origin for Kinde. */
  baseUrl: string;
  port: number;
  engine: MockEngine;
  server: Server;
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
  close(): Promise<void>;
}

export const defaultPorts: Readonly<Record<ProviderName, number>> = { kombo: 4010, kinde: 4011 };

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

async function startOne(
  name: ProviderName,
  port: number,
  host: string,
  options: StartMockServersOptions,
  write: ((line: string) => void) | undefined,
): Promise<RunningMock & { stop(): Promise<void> }> {
  const engine = createProviderEngine(name, options.settings, options.engine);
  const label = name === "kombo" ? "kombo" : "kinde";
  let origin = `http://${urlHost(host)}:${port}`;
  const adapter = createMockHttpServer(engine, {
    log: write === undefined ? undefined : (line) => write(`[${label}] ${line}`),
    fallbackOrigin: () => origin,
    limits: options.limits,
  });
  const { server } = adapter;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`${label} mock: port ${port} on ${host} is in use. Stop what uses it, or set ${name.toUpperCase()}_MOCK_PORT to another port.`)
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
    stop: () =>
      new Promise<void>((resolve) => {
        adapter.cancelPending();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function startMockServers(options: StartMockServersOptions = {}): Promise<RunningMockServers> {
  const host = options.host ?? "127.0.0.1";
  const writer: LineWriter | undefined = options.quiet || options.log !== undefined ? undefined : bufferedLineWriter();
  const write = options.quiet ? undefined : (options.log ?? writer?.write);
  let kombo: Awaited<ReturnType<typeof startOne>>;
  let kinde: Awaited<ReturnType<typeof startOne>>;
  try {
    kombo = await startOne("kombo", options.komboPort ?? defaultPorts.kombo, host, options, write);
  } catch (error) {
    await writer?.close();
    throw error;
  }
  try {
    kinde = await startOne("kinde", options.kindePort ?? defaultPorts.kinde, host, options, write);
  } catch (error) {
    await kombo.stop();
    await writer?.close();
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
    async close() {
      await Promise.all([kombo.stop(), kinde.stop()]);
      await writer?.close();
    },
  };
}
