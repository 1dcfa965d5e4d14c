import type { BenchOptions } from "./options.js";
import { benchHost, type EngineDefinition, type EnginePorts } from "./engines.js";
import { projectRoot } from "./paths.js";
import { send } from "./http.js";
import { runLoad } from "./load.js";
import { delay, freePort, startProcess, treeResidentMiB, type ServerProcess } from "./processes.js";
import type { ColdStartRow, LoadRow, MemoryRow, NotMeasured } from "./results.js";
import { scenarioById, scenarios, type Provider, type Scenario, type ScenarioContext } from "./scenarios.js";

export interface EngineMeasurement {
  load: LoadRow[];
  coldStart?: ColdStartRow;
  memory?: MemoryRow;
  notMeasured: NotMeasured[];
}

interface RunningEngine {
  processes: ServerProcess[];
  baseUrls: Record<Provider, string>;
  coldStartMs: number;
  stop(): Promise<void>;
}

const startTimeoutMs = 60_000;
const placeholderContext: ScenarioContext = { integrationToken: "bench-token" };

async function waitForCorrectAnswer(
  running: Pick<RunningEngine, "processes" | "baseUrls">,
  scenario: Scenario,
  deadline: number,
): Promise<void> {
  let lastAnswer = "no answer";
  const request = scenario.request(placeholderContext);
  while (performance.now() < deadline) {
    const dead = running.processes.find((member) => member.exited());
    if (dead) throw new Error(`the process exited before answering: ${dead.stderrTail() || "(no stderr)"}`);
    try {
      const answer = await send(running.baseUrls[scenario.provider], request, 1_000);
      if (scenario.isCorrect(answer.status, answer.bodyText)) return;
      lastAnswer = `${answer.status} ${answer.bodyText.slice(0, 200)}`;
    } catch {
      // Not listening yet.
    }
    await delay(5);
  }
  throw new Error(`no correct ${scenario.label} answer within ${startTimeoutMs / 1000} s; last: ${lastAnswer}`);
}

/** Process start to the first correct create-link answer; then waits for Kinde too, untimed. */
async function startEngine(engine: EngineDefinition): Promise<RunningEngine> {
  const ports: EnginePorts = { kombo: await freePort(), kinde: await freePort() };
  const baseUrls = engine.baseUrls(ports, benchHost);
  const started = performance.now();
  const processes = engine.commands(ports, benchHost).map((command) => startProcess(command, projectRoot));
  const stop = async () => {
    await Promise.all(processes.map((member) => member.stop()));
  };
  try {
    const deadline = started + startTimeoutMs;
    await waitForCorrectAnswer({ processes, baseUrls }, scenarioById("create-link"), deadline);
    const coldStartMs = performance.now() - started;
    await waitForCorrectAnswer({ processes, baseUrls }, scenarioById("auth-url"), deadline);
    return { processes, baseUrls, coldStartMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function residentMiB(running: RunningEngine): { mib: number; processes: number } {
  return running.processes
    .map((member) => treeResidentMiB(member.pid))
    .reduce((sum, next) => ({ mib: sum.mib + next.mib, processes: sum.processes + next.processes }), { mib: 0, processes: 0 });
}

/**
 * A token integration-by-token answers 200 for. On a stateful mock that means a completed flow:
 * create a link, then open it as JSON (only when the link points at this machine: no network beyond it).
 */
async function prepareContext(running: RunningEngine): Promise<ScenarioContext> {
  try {
    const created = await send(running.baseUrls.kombo, scenarioById("create-link").request(placeholderContext));
    const link = (JSON.parse(created.bodyText) as { data?: { link?: string } }).data?.link;
    if (link === undefined) return placeholderContext;
    const url = new URL(link);
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") return placeholderContext;
    const completed = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(2_000) });
    const token = ((await completed.json()) as { token?: unknown }).token;
    return typeof token === "string" && token !== "" ? { integrationToken: token } : placeholderContext;
  } catch {
    return placeholderContext;
  }
}

function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

export async function measureEngine(engine: EngineDefinition, options: BenchOptions): Promise<EngineMeasurement> {
  const measurement: EngineMeasurement = { load: [], notMeasured: [] };
  const coldStarts: number[] = [];
  let running: RunningEngine | undefined;
  try {
    for (let run = 1; run <= options.coldStartRuns; run += 1) {
      running = await startEngine(engine);
      coldStarts.push(running.coldStartMs);
      log(`${engine.label}: cold start ${running.coldStartMs.toFixed(0)} ms (run ${run}/${options.coldStartRuns})`);
      if (run < options.coldStartRuns) {
        await running.stop();
        running = undefined;
      }
    }
  } catch (error) {
    await running?.stop();
    measurement.notMeasured.push({ what: `${engine.label}: everything`, reason: `did not start: ${(error as Error).message}` });
    return measurement;
  }
  const sorted = [...coldStarts].sort((a, b) => a - b);
  measurement.coldStart = { engine: engine.id, medianMs: sorted[Math.floor((sorted.length - 1) / 2)] as number, runsMs: coldStarts };
  if (!running) return measurement;
  const engineRunning = running;
  try {
    const idle = residentMiB(engineRunning);
    const context = await prepareContext(engineRunning);
    for (const scenario of scenarios) {
      const request = scenario.request(context);
      const baseUrl = engineRunning.baseUrls[scenario.provider];
      const probe = await send(baseUrl, request).catch((error: Error) => ({ status: 0, bodyText: error.message }));
      if (!scenario.isCorrect(probe.status, probe.bodyText)) {
        measurement.notMeasured.push({
          what: `${engine.label}: ${scenario.label}`,
          reason: `no correct answer to measure: ${probe.status} ${probe.bodyText.slice(0, 160)}`,
        });
        continue;
      }
      for (const connections of options.connections) {
        await runLoad({ baseUrl, request, connections, durationSeconds: options.warmupSeconds });
        const result = await runLoad({ baseUrl, request, connections, durationSeconds: options.durationSeconds });
        measurement.load.push({ engine: engine.id, scenario: scenario.id, connections, ...result });
        const flaw = result.non2xx + result.errors > 0 ? ` (${result.non2xx} non-2xx, ${result.errors} errors: not used)` : "";
        log(
          `${engine.label}: ${scenario.id} @${connections}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
            `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms${flaw}`,
        );
        if (flaw) {
          measurement.notMeasured.push({
            what: `${engine.label}: ${scenario.label} @${connections}`,
            reason: `${result.non2xx} non-2xx answers and ${result.errors} connection errors out of ${result.responses}`,
          });
        }
      }
    }
    const afterLoad = residentMiB(engineRunning);
    measurement.memory = { engine: engine.id, idleMiB: idle.mib, afterLoadMiB: afterLoad.mib, processes: afterLoad.processes };
    log(`${engine.label}: RSS ${idle.mib.toFixed(1)} MiB idle, ${afterLoad.mib.toFixed(1)} MiB after load (${afterLoad.processes} process(es))`);
  } finally {
    await engineRunning.stop();
  }
  return measurement;
}
