import type { EngineDefinition } from "./engines.js";
import { send } from "./http.js";
import { runLoad, summarise, type LoadSample } from "./load.js";
import type { BenchOptions } from "./options.js";
import type { ColdStartRow, LoadRow, MemoryRow, NotMeasured } from "./results.js";
import { cpuSeconds, prepareContext, residentMiB, startEngine, type RunningEngine } from "./running-engine.js";
import { scenarios, type ScenarioContext } from "./scenarios.js";
import { median } from "./stats.js";

export interface Measurements {
  load: LoadRow[];
  coldStart: ColdStartRow[];
  memory: MemoryRow[];
  notMeasured: NotMeasured[];
}

function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/**
 * Cold starts one after another; the last start of each engine stays up for the load. One unmeasured start
 * comes first, so no engine is timed while the OS reads its files for the first time, and our mock's
 * launcher has rebuilt its bundle if a source changed (which would otherwise count esbuild's load and build
 * in its cold start and leave esbuild in its memory).
 */
async function startAll(definitions: readonly EngineDefinition[], options: BenchOptions, into: Measurements): Promise<RunningEngine[]> {
  const running: RunningEngine[] = [];
  for (const definition of definitions) {
    const runsMs: number[] = [];
    try {
      await (await startEngine(definition)).stop();
      for (let run = 1; run <= options.coldStartRuns; run += 1) {
        const engine = await startEngine(definition);
        runsMs.push(engine.coldStartMs);
        log(`${definition.label}: cold start ${engine.coldStartMs.toFixed(0)} ms (run ${run}/${options.coldStartRuns})`);
        if (run === options.coldStartRuns && definition.startOnly === true) {
          const rest = residentMiB(engine);
          into.memory.push({ engine: definition.id, idleMiB: rest.mib, afterLoadMiB: Number.NaN, processes: rest.processes });
        }
        if (run < options.coldStartRuns || definition.startOnly === true) await engine.stop();
        else running.push(engine);
      }
      into.coldStart.push({ engine: definition.id, medianMs: median(runsMs), runsMs });
    } catch (error) {
      into.notMeasured.push({ what: `${definition.label}: everything`, reason: `did not start: ${(error as Error).message}` });
      log(`${definition.label}: did not start: ${(error as Error).message}`);
    }
  }
  return running;
}

/**
 * Every engine stays up while the others are measured, and each figure is taken in `rounds` stretches
 * that alternate between engines (in rotating order): a burst of background load on this shared
 * machine then hits every engine alike instead of skewing one of them, so the ratios hold.
 */
export async function measureEngines(definitions: readonly EngineDefinition[], options: BenchOptions): Promise<Measurements> {
  const measurements: Measurements = { load: [], coldStart: [], memory: [], notMeasured: [] };
  const running = await startAll(definitions, options, measurements);
  try {
    const idle = new Map(running.map((engine) => [engine, residentMiB(engine)]));
    const contexts = new Map<RunningEngine, ScenarioContext>();
    for (const engine of running) contexts.set(engine, await prepareContext(engine));
    for (const scenario of scenarios.filter((candidate) => options.scenarios.length === 0 || options.scenarios.includes(candidate.id))) {
      const ready: RunningEngine[] = [];
      for (const engine of running) {
        const request = scenario.request(contexts.get(engine) as ScenarioContext);
        const probe = await send(engine.baseUrls[scenario.provider], request).catch((error: Error) => ({ status: 0, bodyText: error.message }));
        if (scenario.isCorrect(probe.status, probe.bodyText)) {
          ready.push(engine);
        } else {
          measurements.notMeasured.push({
            what: `${engine.definition.label}: ${scenario.label}`,
            reason: `no correct answer to measure: ${probe.status} ${probe.bodyText.slice(0, 160)}`,
          });
        }
      }
      for (const connections of options.connections) {
        const load = async (engine: RunningEngine, durationSeconds: number): Promise<LoadSample> => {
          const cpuBefore = cpuSeconds(engine);
          const sample = await runLoad({
            baseUrl: engine.baseUrls[scenario.provider],
            request: scenario.request(contexts.get(engine) as ScenarioContext),
            connections,
            durationSeconds,
          });
          return { ...sample, serverCpuSeconds: cpuSeconds(engine) - cpuBefore };
        };
        for (const engine of ready) await load(engine, options.warmupSeconds);
        const samples = new Map<RunningEngine, LoadSample[]>(ready.map((engine) => [engine, []]));
        for (let round = 0; round < options.rounds; round += 1) {
          const order = ready.map((_, index) => ready[(index + round) % ready.length] as RunningEngine);
          for (const engine of order) samples.get(engine)?.push(await load(engine, options.durationSeconds / options.rounds));
        }
        for (const engine of ready) {
          const summary = summarise(samples.get(engine) ?? []);
          measurements.load.push({ engine: engine.definition.id, scenario: scenario.id, connections, ...summary });
          const flawed = summary.non2xx + summary.errors > 0;
          log(
            `${engine.definition.label}: ${scenario.id} @${connections}: ${summary.requestsPerSecond.toFixed(0)} req/s, ` +
              `p50 ${summary.p50Ms.toFixed(2)} ms, p99 ${summary.p99Ms.toFixed(2)} ms, ` +
              `server CPU ${summary.serverCpuMicroseconds.toFixed(0)} µs/answer` +
              (flawed ? ` (${summary.non2xx} non-2xx, ${summary.errors} errors: not used)` : ""),
          );
          if (flawed) {
            measurements.notMeasured.push({
              what: `${engine.definition.label}: ${scenario.label} @${connections}`,
              reason: `${summary.non2xx} non-2xx answers and ${summary.errors} connection errors out of ${summary.responses}`,
            });
          }
        }
      }
    }
    for (const engine of running) {
      const before = idle.get(engine) ?? { mib: Number.NaN, processes: 0 };
      const after = residentMiB(engine);
      measurements.memory.push({ engine: engine.definition.id, idleMiB: before.mib, afterLoadMiB: after.mib, processes: after.processes });
      log(`${engine.definition.label}: RSS ${before.mib.toFixed(1)} MiB idle, ${after.mib.toFixed(1)} MiB after load (${after.processes} processes)`);
    }
  } finally {
    await Promise.all(running.map((engine) => engine.stop()));
  }
  return measurements;
}
