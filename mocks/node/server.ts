import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EngineOptions, MockEngine } from "../core/engine.js";
import { mergeJournals, type ProviderJournalEntry } from "../core/journal.js";
import { createProviderEngine, type MockSettings, type ProviderName } from "../providers/index.js";
import { createMockListener, guardServer } from "./http-adapter.js";

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
  /** Where log lines go (default stdout). */
  log?: (line: string) => void;
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

async function startOne(name: ProviderName, port: number, host: string, options: StartMockServersOptions): Promise<RunningMock & { stop(): Promise<void> }> {
  const engine = createProviderEngine(name, options.settings, options.engine);
  const write = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const label = name === "kombo" ? "kombo" : "kinde";
  let origin = `http://${urlHost(host)}:${port}`;
  const adapter = createMockListener(engine, {
    log: options.quiet ? undefined : (line) => write(`[${label}] ${line}`),
    fallbackOrigin: () => origin,
  });
  const server = createServer({ keepAliveTimeout: 5_000 }, adapter.listener);
  guardServer(server);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`${label} mock: port ${port} on ${host} is in use. Stop what uses it, or pick another port (--${name}-port or ${name.toUpperCase()}_MOCK_PORT).`)
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
  const kombo = await startOne("kombo", options.komboPort ?? defaultPorts.kombo, host, options);
  let kinde: Awaited<ReturnType<typeof startOne>>;
  try {
    kinde = await startOne("kinde", options.kindePort ?? defaultPorts.kinde, host, options);
  } catch (error) {
    await kombo.stop();
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
    },
  };
}
