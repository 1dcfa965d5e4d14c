import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import kindeDocument from "../../generated/kinde/spec.js";
import komboDocument from "../../generated/kombo/spec.js";
import type { OpenApiDocument } from "../../mocks/core/openapi.js";
import { prefixedDocument } from "../../mocks/prism/launcher.js";
import { buildDirectory, bundleForNode } from "./bundle.js";
import { projectRoot } from "./paths.js";
import { commandOfScript } from "./npm-script.js";
import type { ProcessCommand } from "./processes.js";
import { scenarios, specIndexes, type Provider } from "./scenarios.js";

export type EngineId = "ours" | "prism" | "floor" | "adapter" | "prism-launcher";

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

function ourMock(): EngineDefinition {
  const script = packageScripts().mock;
  return {
    id: "ours",
    label: "our mock",
    description: script ? `npm run mock (${script}), validation on` : "npm run mock",
    unavailableReason: script ? undefined : "package.json has no `mock` script yet (issue 3, the mock server)",
    commands: (ports, at) => {
      const command = commandOfScript(script ?? "");
      return [{ ...command, env: { ...command.env, ...mockEnvironment(ports, at) } }];
    },
    baseUrls: standardBaseUrls,
  };
}

const prismCli = join(projectRoot, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const specDocuments: Record<Provider, OpenApiDocument> = {
  kombo: komboDocument as unknown as OpenApiDocument,
  kinde: kindeDocument as unknown as OpenApiDocument,
};

/**
 * Prism alone: the two Prism processes `npm run mock:prism` starts, with the same path-prefixed specs
 * (the launcher's `prefixedDocument`) and the same flags, but spawned directly with their log going to
 * /dev/null, as ours does. The launcher process itself (Node with tsx, relaying Prism's log) would count
 * its own CPU and memory against Prism; the `prism-launcher` engine measures that path.
 */
function prism(): EngineDefinition {
  return {
    id: "prism",
    label: "Prism",
    description: "Prism 5 alone: prism mock <path-prefixed spec> per provider, as npm run mock:prism starts it, without the launcher in between",
    unavailableReason: existsSync(prismCli) ? undefined : "@stoplight/prism-cli is not installed",
    commands: (ports, at) => {
      mkdirSync(buildDirectory, { recursive: true });
      return providers.map((provider) => {
        const file = join(buildDirectory, `prism-${provider}.json`);
        writeFileSync(file, JSON.stringify(prefixedDocument(specDocuments[provider], `http://${at}:${ports[provider]}`).document));
        return {
          command: process.execPath,
          args: [prismCli, "mock", file, "--port", String(ports[provider]), "--host", at, "--errors", "false"],
        };
      });
    },
    baseUrls: standardBaseUrls,
  };
}

/** `npm run mock:prism` as a developer runs it, launcher process included: a diagnostic, on request. */
function prismLauncher(): EngineDefinition {
  const script = packageScripts()["mock:prism"];
  return {
    id: "prism-launcher",
    label: "Prism via npm run mock:prism",
    description: `npm run mock:prism (${script ?? "missing"})`,
    unavailableReason: script ? undefined : "package.json has no `mock:prism` script",
    commands: (ports, at) => {
      const command = commandOfScript(script ?? "");
      return [{ ...command, env: { ...command.env, ...mockEnvironment(ports, at) } }];
    },
    baseUrls: standardBaseUrls,
  };
}

const providers: readonly Provider[] = ["kombo", "kinde"];

/** The floor answers every scenario's path with the spec's own 200 example, fixed. */
export function floorRoutes(): Record<string, string> {
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

/** Our node:http adapter over a stub engine: a diagnostic, run only when asked for by `--engines`. */
function adapterFloor(script: string): EngineDefinition {
  return {
    ...floor(script),
    id: "adapter",
    label: "our adapter, stub engine",
    description: "mocks/node/http-adapter.ts over a stub engine with a fixed answer (scripts/bench/adapter-floor.ts, bundled)",
  };
}

/** The engines in a default run. */
export const defaultEngineIds: readonly EngineId[] = ["ours", "prism", "floor"];

export async function engineDefinitions(): Promise<EngineDefinition[]> {
  return [
    ourMock(),
    prism(),
    prismLauncher(),
    floor(await bundleForNode(join(import.meta.dirname, "floor-server.ts"))),
    adapterFloor(await bundleForNode(join(import.meta.dirname, "adapter-floor.ts"))),
  ];
}

export const benchHost = host;
