import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { providerDocuments } from "../../providers/documents.js";
import { providerIds } from "../../providers/registry.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { prefixedDocument } from "../../mocks/prism/launcher.js";
import { buildDirectory, bundleForNode } from "./bundle.js";
import { installPackedPackage, removeInstalledPackage } from "./installed.js";
import { projectRoot } from "./paths.js";
import { commandOfScript } from "./npm-script.js";
import type { ProcessCommand } from "./processes.js";
import { scenarios, specIndexes, type Provider } from "./scenarios.js";

/** Our mock with its log on (as shipped) and off, Prism at its default and at its fastest setting, the other mocks when installed, the floor. */
export type EngineId = "ours" | "ours-quiet" | "baseline" | "installed" | "installed-npx" | "prism" | "prism-silent" | "mockoon" | "scalar" | "floor";

export interface EnginePorts {
  kombo: number;
  kinde: number;
}

export interface EngineDefinition {
  id: EngineId;
  label: string;
  /** The command, as the report shows it. */
  description: string;
  /** Why it cannot run in this checkout, or undefined when it can. */
  unavailableReason: string | undefined;
  /** One process per entry; usually one, Prism without its launcher needs one per spec. */
  commands(ports: EnginePorts, host: string): ProcessCommand[];
  baseUrls(ports: EnginePorts, host: string): Record<Provider, string>;
  /** Measured for its cold start (and memory at rest) only, not loaded: the same server as another row. */
  startOnly?: boolean;
  /** Work before the first start (packing the package); a failure leaves the engine unmeasured, with the reason. */
  prepare?: () => Promise<void>;
  /** Undoes `prepare`. */
  cleanUp?: () => void;
}

const host = "127.0.0.1";

function packageScripts(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return manifest.scripts ?? {};
}

const standardBaseUrls = (ports: EnginePorts, at: string): Record<Provider, string> => ({
  kombo: `http://${at}:${ports.kombo}${specIndexes.kombo.basePath}`,
  kinde: `http://${at}:${ports.kinde}${specIndexes.kinde.basePath}`,
});

/** Ports and host for the mock scripts, as `npm run mock` and `npm run mock:prism` read them. */
const mockEnvironment = (ports: EnginePorts, at: string): Record<string, string> => ({
  KOMBO_MOCK_PORT: String(ports.kombo),
  KINDE_MOCK_PORT: String(ports.kinde),
  MOCK_HOST: at,
});

/** `npm run mock` with its per-request log line (to /dev/null here), or with `--quiet` (and MOCK_QUIET=1). */
function ourMock(quiet: boolean): EngineDefinition {
  const script = packageScripts().mock;
  return {
    id: quiet ? "ours-quiet" : "ours",
    label: quiet ? "our mock, log off" : "our mock",
    description: `${script ? `npm run mock (${script})` : "npm run mock"}${quiet ? " --quiet" : ""}, validation on`,
    unavailableReason: script ? undefined : "package.json has no `mock` script",
    commands: (ports, at) => {
      // The flag goes into the script's text, so it reaches the mock whether the script runs directly or through a shell.
      const command = commandOfScript(quiet ? `${script ?? ""} --quiet` : (script ?? ""));
      return [{ ...command, env: { ...command.env, ...mockEnvironment(ports, at), ...(quiet ? { MOCK_QUIET: "1" } : {}) } }];
    },
    baseUrls: standardBaseUrls,
  };
}

/**
 * `npm run mock` as it is at a git ref: the ref's tree from `git archive` in a temp dir (outside the project, so
 * no test runner finds its tests), this checkout's node_modules linked in, its own `mock` script run there.
 */
function baselineMock(ref: string): EngineDefinition {
  const directory = join(tmpdir(), `connect-contracts-bench-baseline-${process.pid}-${ref.replace(/[^A-Za-z0-9._-]/g, "_")}`);
  return {
    id: "baseline",
    label: `our mock at ${ref}`,
    description: `npm run mock of git ref ${ref} (git archive), validation on`,
    unavailableReason: undefined,
    prepare: async () => {
      rmSync(directory, { recursive: true, force: true });
      mkdirSync(directory, { recursive: true });
      execSync(`git archive --format=tar ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(directory)}`, { cwd: projectRoot, stdio: ["ignore", "ignore", "pipe"] });
      symlinkSync(join(projectRoot, "node_modules"), join(directory, "node_modules"));
    },
    cleanUp: () => rmSync(directory, { recursive: true, force: true }),
    commands: (ports, at) => {
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { scripts?: Record<string, string> };
      const command = commandOfScript(manifest.scripts?.mock ?? "node cli/launch-mock.mjs");
      return [{ ...command, env: { ...command.env, ...mockEnvironment(ports, at) }, cwd: directory }];
    },
    baseUrls: standardBaseUrls,
  };
}

/** The packed package, installed once per run for both `installed` engines. */
let installation: Promise<string> | undefined;
let installedAt: string | undefined;

/**
 * `connect-contracts mock` from a packed and installed package (compiled `dist/`, not the bundle
 * `npm run mock` builds): through `npx`, as the docs tell users to start it, and the `bin` alone (what an
 * npm script or a CI step runs). Timed for cold start only; under load it is the same server as `ours`.
 */
function installedCommand(throughNpx: boolean): EngineDefinition {
  return {
    id: throughNpx ? "installed-npx" : "installed",
    label: throughNpx ? "installed: npx connect-contracts mock" : "installed: connect-contracts mock (bin)",
    description: `${throughNpx ? "npx connect-contracts mock" : "node_modules/.bin/connect-contracts mock"} in a temp dir holding the npm pack tarball, installed`,
    unavailableReason: undefined,
    startOnly: true,
    prepare: async () => {
      installation ??= installPackedPackage();
      installedAt = await installation;
    },
    cleanUp: () => {
      if (installedAt !== undefined) removeInstalledPackage(installedAt);
      installedAt = undefined;
    },
    commands: (ports, at) => {
      const cwd = installedAt ?? projectRoot;
      const environment = mockEnvironment(ports, at);
      return [
        throughNpx
          ? { command: "npx", args: ["--no-install", "connect-contracts", "mock"], env: environment, cwd }
          : { command: join(cwd, "node_modules", ".bin", "connect-contracts"), args: ["mock"], env: environment, cwd },
      ];
    },
    baseUrls: standardBaseUrls,
  };
}

const providers: readonly Provider[] = providerIds;
const prismCli = join(projectRoot, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const specDocuments: Readonly<Record<Provider, OpenApiDocument>> = providerDocuments;

/** The path-prefixed spec of each provider (the Prism launcher's `prefixedDocument`), written for a server at `at`. */
function prefixedSpecFiles(ports: EnginePorts, at: string, engine: string): Record<Provider, string> {
  mkdirSync(buildDirectory, { recursive: true });
  const files = {} as Record<Provider, string>;
  for (const provider of providers) {
    files[provider] = join(buildDirectory, `${engine}-${provider}.json`);
    writeFileSync(files[provider], JSON.stringify(prefixedDocument(specDocuments[provider], `http://${at}:${ports[provider]}`).document));
  }
  return files;
}

/**
 * Prism alone: the two Prism processes `npm run mock:prism` starts, with the same path-prefixed specs and
 * flags, spawned directly (the launcher would add a Node process of its own); `silent` adds `-v silent`,
 * Prism's fastest setting.
 */
function prism(silent: boolean): EngineDefinition {
  return {
    id: silent ? "prism-silent" : "prism",
    label: silent ? "Prism -v silent" : "Prism",
    description: `Prism 5: prism mock <path-prefixed spec> per provider, as npm run mock:prism starts it${silent ? ", -v silent" : ", default log"}`,
    unavailableReason: existsSync(prismCli) ? undefined : "@stoplight/prism-cli is not installed",
    commands: (ports, at) => {
      const files = prefixedSpecFiles(ports, at, silent ? "prism-silent" : "prism");
      return providers.map((provider) => ({
        command: process.execPath,
        args: [prismCli, "mock", files[provider], "--port", String(ports[provider]), "--host", at, "--errors", "false", ...(silent ? ["-v", "silent"] : [])],
      }));
    },
    baseUrls: standardBaseUrls,
  };
}

/** An installed package's executable, from its package.json `bin`; undefined when the package is not installed. */
function installedBin(name: string, bin: string): string | undefined {
  const manifestPath = join(projectRoot, "node_modules", name, "package.json");
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
  const relative = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[bin];
  return relative === undefined ? undefined : join(projectRoot, "node_modules", name, relative);
}

/** Mockoon's CLI on the same path-prefixed specs (it imports OpenAPI files itself), one process per provider. */
function mockoon(): EngineDefinition {
  const cli = installedBin("@mockoon/cli", "mockoon-cli");
  return {
    id: "mockoon",
    label: "Mockoon",
    description: "mockoon-cli start --data <path-prefixed spec> per provider",
    unavailableReason: cli ? undefined : "not installed (npm i --no-save @mockoon/cli to compare)",
    commands: (ports, at) => {
      const files = prefixedSpecFiles(ports, at, "mockoon");
      return providers.map((provider) => ({
        command: process.execPath,
        args: [cli ?? "", "start", "--data", files[provider], "--port", String(ports[provider]), "--hostname", at],
      }));
    },
    baseUrls: standardBaseUrls,
  };
}

/** Scalar's mock server (a library on Hono) served by scripts/bench/scalar-server.ts, one process per provider. */
function scalar(script: string): EngineDefinition {
  const installed = ["@scalar/mock-server", "@hono/node-server"].filter((name) => existsSync(join(projectRoot, "node_modules", name, "package.json")));
  return {
    id: "scalar",
    label: "Scalar",
    description: "@scalar/mock-server createMockServer on @hono/node-server, per provider",
    unavailableReason: installed.length === 2 ? undefined : "not installed (npm i --no-save @scalar/mock-server @hono/node-server to compare)",
    commands: (ports, at) => {
      const files = prefixedSpecFiles(ports, at, "scalar");
      return providers.map((provider) => ({ command: process.execPath, args: [script, files[provider], String(ports[provider]), at] }));
    },
    baseUrls: standardBaseUrls,
  };
}

/** The floor answers every scenario's path with the spec's own 200 example, fixed. */
function floorRoutes(): Record<string, string> {
  const routes: Record<string, string> = {};
  for (const scenario of scenarios) {
    const basePath = specIndexes[scenario.provider].basePath;
    const prefix = `${basePath}${scenario.operation.pathTemplate.replace(/\{[^}]+\}.*$/, "")}`;
    const example = scenario.operation.responses.get("200")?.content.get("application/json")?.examples.values().next().value;
    routes[prefix] = JSON.stringify(example);
  }
  return routes;
}

/** `floorScript`: floor-server.ts bundled to plain JS, so the floor pays no TypeScript loader either. */
function floor(floorScript: string): EngineDefinition {
  return {
    id: "floor",
    label: "bare node:http floor",
    description: "node:http answering fixed bodies (scripts/bench/floor-server.ts, bundled, plain node)",
    unavailableReason: undefined,
    commands: (ports, at) => [
      {
        command: process.execPath,
        args: [floorScript],
        env: { FLOOR_HOST: at, FLOOR_PORTS: `${ports.kombo},${ports.kinde}`, FLOOR_ROUTES: JSON.stringify(floorRoutes()) },
      },
    ],
    baseUrls: standardBaseUrls,
  };
}

/** Every engine, in the order the table shows them; one not installed is listed as such. */
export async function engineDefinitions(baseline?: string): Promise<EngineDefinition[]> {
  return [
    ourMock(false),
    ourMock(true),
    ...(baseline === undefined ? [] : [baselineMock(baseline)]),
    installedCommand(true),
    installedCommand(false),
    prism(false),
    prism(true),
    mockoon(),
    scalar(await bundleForNode(join(import.meta.dirname, "scalar-server.ts"))),
    floor(await bundleForNode(join(import.meta.dirname, "floor-server.ts"))),
  ];
}

export const benchHost = host;
