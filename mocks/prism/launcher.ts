import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { providerDocuments } from "../../providers/documents.js";
import { providers } from "../../providers/registry.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";

/**
 * Prism 5 (the reference mock) serving both specs on our ports and base paths.
 *
 * Prism routes the spec's `paths` at the server root and ignores the path of `servers`, so it would
 * answer Kombo at `/connect/...` instead of `/v1/connect/...`. We hand it a generated copy of each spec
 * (JSON, in a fresh temp dir) whose `paths` carry the base path (`/v1/connect/create-link`) and whose
 * `servers` point at the local root. No proxy sits in between, so what answers is Prism alone.
 */

/**
 * Runs Prism's CLI (CommonJS, yargs over process.argv) in a Node that exits when its stdin ends: we hold the
 * other end, so however this process stops (Ctrl-C in the middle of a contract run, a kill), Prism stops too,
 * never keeps a port and leaves no temp spec behind. Prism has no such option and Node cannot ask Linux for a parent-death signal.
 */
const prismUntilParentExits = `
const [script, ...args] = process.argv.slice(1);
// args: mock <spec file in our fresh temp dir> ...; the launcher that would remove that dir is gone.
process.stdin.on("end", () => {
  require("node:fs").rmSync(require("node:path").dirname(args[1]), { recursive: true, force: true });
  process.exit(0);
}).resume();
process.argv = [process.argv[0], script, ...args];
require(script);
`;

/** Prism is a devDependency here and optional for users: said how to get it when it is absent. */
export class PrismNotInstalledError extends Error {
  constructor() {
    super("Prism (@stoplight/prism-cli) is not installed beside connect-contracts. Install it in your project: npm i -D @stoplight/prism-cli@5");
    this.name = "PrismNotInstalledError";
  }
}

/**
 * Prism's CLI script, resolved from where this module is (a clone, or an app that installed both packages),
 * run with this Node rather than through a `.bin` shim that only exists in a clone.
 */
export function prismCliScript(): string {
  const require = createRequire(import.meta.url);
  let manifestPath: string;
  try {
    manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    throw new PrismNotInstalledError();
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.prism;
  if (!bin) throw new Error(`${manifestPath} names no \`prism\` command: is this @stoplight/prism-cli 5?`);
  return join(dirname(manifestPath), bin);
}

export interface PrismMockOptions {
  host?: string;
  /** Default 4010; 0 picks a free port. */
  komboPort?: number;
  /** Default 4011; 0 picks a free port. */
  kindePort?: number;
  /** Forward Prism's own log to stdout/stderr. */
  verbose?: boolean;
  /** Prism's `--dynamic`: generate every body from the schema. */
  dynamic?: boolean;
  /** How long to wait for Prism to listen (default 60 s: it takes a few seconds). */
  startTimeoutMs?: number;
}

export interface RunningPrism {
  origin: string;
  baseUrl: string;
  port: number;
}

export interface RunningPrismMocks {
  kombo: RunningPrism;
  kinde: RunningPrism;
  close(): Promise<void>;
}

/** A copy of the spec whose paths include the base path, for a server at `origin`. */
export function prefixedDocument(document: OpenApiDocument, origin: string): { document: OpenApiDocument; basePath: string } {
  const basePath = compileSpec(document).basePath;
  const paths = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [`${basePath}${path}`, item]));
  return { document: { ...document, servers: [{ url: origin }], paths }, basePath };
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill("SIGTERM");
  });
}

async function startOne(
  name: string,
  document: OpenApiDocument,
  port: number,
  host: string,
  directory: string,
  options: PrismMockOptions,
): Promise<{ running: RunningPrism; child: ChildProcess }> {
  const origin = `http://${host}:${port}`;
  const { document: prefixed, basePath } = prefixedDocument(document, origin);
  const file = join(directory, `${name}.json`);
  writeFileSync(file, JSON.stringify(prefixed));
  const args = ["mock", file, "--port", String(port), "--host", host, "--errors", "false"];
  if (options.dynamic) args.push("--dynamic");
  const child = spawn(process.execPath, ["-e", prismUntilParentExits, prismCliScript(), ...args], { stdio: ["pipe", "pipe", "pipe"], detached: false });
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  await new Promise<void>((resolveStart, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      reject(new Error(`Prism (${name}) did not listen on ${origin} within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    let listening = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      if (options.verbose) process.stdout.write(`[prism ${name}] ${text}`);
      if (listening) return;
      // Only the tail is kept, for the error message: Prism logs every request.
      output = (output + text).slice(-4000);
      if (output.includes("Prism is listening on")) {
        listening = true;
        clearTimeout(timer);
        resolveStart();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`Prism (${name}) exited (${signal ?? code}) before listening:\n${output.slice(-2000)}`));
    });
  }).catch(async (error: unknown) => {
    await stop(child);
    throw error;
  });
  return { running: { origin, baseUrl: `${origin}${basePath}`, port }, child };
}

/** Starts Prism for Kombo and Kinde; `close()` stops both processes and removes the temp specs. */
export async function startPrismMocks(options: PrismMockOptions = {}): Promise<RunningPrismMocks> {
  prismCliScript(); // Absent Prism is said before any port or temp file is taken.
  const host = options.host ?? "127.0.0.1";
  const komboPort = options.komboPort === 0 ? await freePort(host) : (options.komboPort ?? providers.kombo.defaultPort);
  const kindePort = options.kindePort === 0 ? await freePort(host) : (options.kindePort ?? providers.kinde.defaultPort);
  const directory = mkdtempSync(join(tmpdir(), "connect-contracts-prism-"));
  const started = await Promise.allSettled([
    startOne("kombo", providerDocuments.kombo, komboPort, host, directory, options),
    startOne("kinde", providerDocuments.kinde, kindePort, host, directory, options),
  ]);
  const children = started.flatMap((result) => (result.status === "fulfilled" ? [result.value.child] : []));
  const close = async (): Promise<void> => {
    await Promise.all(children.map(stop));
    rmSync(directory, { recursive: true, force: true });
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) {
    await close();
    throw failure.reason;
  }
  const [kombo, kinde] = started.map((result) => (result as PromiseFulfilledResult<{ running: RunningPrism }>).value.running) as [RunningPrism, RunningPrism];
  return { kombo, kinde, close };
}
