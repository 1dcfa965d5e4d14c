/**
 * `npm run bench:profile`: where our mock's time goes.
 *
 *   npm run bench:profile               the HTTP mock under create-link load (20 connections, validation on)
 *   npm run bench:profile -- --engine   create-link through the engine alone, in a loop, no HTTP
 *   --seconds <n>                       how long to sample (default 8)
 *
 * The code runs from an esbuild bundle (as `npm run mock` runs it) with a source map, through which
 * every frame is traced back to its source file and line. Prints self time per file, the top frames
 * by self time, and the project's own frames by total time.
 */
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { SourceMap, type SourceMapPayload } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleForNode } from "./bundle.js";
import { runLoad, summarise } from "./load.js";
import { projectRoot } from "./paths.js";
import { fileOf, summariseProfile, tallySelfTime, type CpuProfile, type FrameLocator } from "./profile-summary.js";
import { startEngine } from "./running-engine.js";
import { scenarioById, specIndexes } from "./scenarios.js";

const argv = process.argv.slice(2);
const engineOnly = argv.includes("--engine");
const secondsIndex = argv.indexOf("--seconds");
const seconds = secondsIndex >= 0 ? Number(argv[secondsIndex + 1]) : 8;
if (!(seconds > 0)) throw new Error("--seconds needs a positive number");

const profileDirectory = join(projectRoot, "reports", ".bench-profile");
await mkdir(profileDirectory, { recursive: true });
const before = new Set(await readdir(profileDirectory));

const entry = engineOnly ? join(import.meta.dirname, "engine-loop.ts") : join(projectRoot, "cli", "commands", "mock.ts");
const bundle = await bundleForNode(entry, { sourceMap: true, name: engineOnly ? "profiled-engine" : "profiled-mock" });
const bundleUrl = pathToFileURL(bundle).href;
const sourceMap = new SourceMap(JSON.parse(await readFile(`${bundle}.map`, "utf8")) as SourceMapPayload);

/** A frame's place in the sources: bundle lines traced back through the source map. */
const locate: FrameLocator = (url, lineNumber, columnNumber) => {
  if (url === bundleUrl) {
    const found = sourceMap.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number };
    if (found.originalSource) {
      const source = found.originalSource.replace(/^file:\/\//, "");
      const absolute = source.startsWith("/") ? source : join(projectRoot, "reports", ".bench-build", source);
      return { file: fileOf(pathToFileURL(absolute).href, projectRoot), line: (found.originalLine ?? 0) + 1 };
    }
  }
  return { file: fileOf(url, projectRoot), line: lineNumber + 1 };
};

const profilerFlags = ["--cpu-prof", `--cpu-prof-dir=${profileDirectory}`];

async function profileServer(): Promise<void> {
  const running = await startEngine({
    id: "ours",
    label: "our mock (profiled)",
    description: "node --cpu-prof <bundle of cli/commands/mock.ts>",
    unavailableReason: undefined,
    commands: (ports, at) => [
      {
        command: process.execPath,
        args: [...profilerFlags, bundle],
        env: { KOMBO_MOCK_PORT: String(ports.kombo), KINDE_MOCK_PORT: String(ports.kinde), MOCK_HOST: at },
      },
    ],
    baseUrls: (ports, at) => ({
      kombo: `http://${at}:${ports.kombo}${specIndexes.kombo.basePath}`,
      kinde: `http://${at}:${ports.kinde}${specIndexes.kinde.basePath}`,
    }),
  });
  const scenario = scenarioById("create-link");
  process.stderr.write(`profiling ${scenario.label} over HTTP at 20 connections for ${seconds} s\n`);
  const sample = await runLoad({
    baseUrl: running.baseUrls.kombo,
    request: scenario.request({ integrationToken: "" }),
    connections: 20,
    durationSeconds: seconds,
  });
  const summary = summarise([sample]);
  process.stderr.write(`${summary.requestsPerSecond.toFixed(0)} req/s, p99 ${summary.p99Ms.toFixed(2)} ms under the profiler\n`);
  // SIGINT lets the mock close and exit normally, which is when V8 writes the profile.
  const [server] = running.processes;
  if (server && !server.exited()) {
    const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
    server.child.kill("SIGINT");
    await exited;
  }
  await running.stop();
}

async function profileEngine(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...profilerFlags, bundle, String(seconds)], { cwd: projectRoot, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the engine loop exited ${code}`))));
  });
}

if (engineOnly) await profileEngine();
else await profileServer();

const written = (await readdir(profileDirectory)).filter((name) => name.endsWith(".cpuprofile") && !before.has(name));
// Worker threads, if any, write profiles of their own: keep the busiest one.
const profiles = await Promise.all(
  written.map(async (name) => {
    const file = join(profileDirectory, name);
    const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
    return { file, profile, busy: tallySelfTime(profile, locate).totalMicroseconds };
  }),
);
const busiest = profiles.sort((a, b) => b.busy - a.busy)[0];
if (!busiest) throw new Error(`no .cpuprofile appeared in ${profileDirectory}`);
process.stdout.write(
  `${summariseProfile(busiest.profile, locate)}\nProfile: ${relative(process.cwd(), busiest.file)} (open it in Chrome DevTools, Performance tab)\n`,
);
