import type { EngineId } from "./engines.js";
import type { LoadSummary } from "./load.js";
import type { BenchOptions } from "./options.js";
import type { ScenarioId } from "./scenarios.js";

/** The shape of reports/bench.json. Plain data, so the table, the chart and the tests share it. */
export interface BenchReport {
  /** ISO time the run finished. */
  generatedAt: string;
  machine: Machine;
  settings: Pick<
    BenchOptions,
    "durationSeconds" | "warmupSeconds" | "connections" | "rounds" | "coldStartRuns" | "inProcessIterations" | "memoryRequests" | "quick"
  >;
  /** `startOnly`: timed for its cold start only (the installed command), so not in the load table. */
  engines: Array<{ id: EngineId; label: string; description: string; startOnly?: boolean }>;
  load: LoadRow[];
  coldStart: ColdStartRow[];
  memory: MemoryRow[];
  inProcess: InProcessRow[];
  contract: ContractRow[];
  /** Resident memory of the stateful flow at 1/10 of the requests and at all of them (`--memory-requests`). */
  memoryFlow: MemoryCheckpoint[];
  /** The browser entry's bundle and the msw worker's start in Chromium. */
  browser: BrowserFigures | undefined;
  /** Figures the run could not take, each with the reason. */
  notMeasured: NotMeasured[];
  targets: TargetResult[];
  wallSeconds: number;
}

interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

/** One load figure: a LoadSummary of one engine, scenario and connection count. */
export interface LoadRow extends LoadSummary {
  engine: EngineId;
  scenario: ScenarioId;
  connections: number;
}

export interface ColdStartRow {
  engine: EngineId;
  /** Median of the runs: process start to the first correct create-link answer. */
  medianMs: number;
  runsMs: number[];
}

export interface MemoryRow {
  engine: EngineId;
  /** Resident memory (VmRSS, summed over the engine's processes) once it first answered. */
  idleMiB: number;
  /** The same after all the load. */
  afterLoadMiB: number;
  processes: number;
}

export interface InProcessRow {
  /** e.g. `engine alone`, `msw adapter`. */
  path: string;
  scenario: ScenarioId;
  microsecondsPerRequest: number;
  iterations: number;
}

export interface ContractRow {
  target: string;
  wallSeconds: number;
  exitCode: number | null;
}

export interface MemoryCheckpoint {
  requests: number;
  /** After a garbage collection. */
  residentMiB: number;
  heapUsedMiB: number;
}

export interface BrowserFigures {
  /** `connect-contracts/mocks/browser` bundled by esbuild (minified, msw left out, code splitting on): what a page loads at start. */
  entryKiB: number;
  entryGzipKiB: number;
  /** Chunks loaded later (faker, on the first dynamic answer). */
  lazyGzipKiB: number;
  /** Minified bytes of the entry by package (`ours` for this package's own code). */
  entryByPackageKiB: Record<string, number>;
  /** `setupMockWorker().worker.start()` to the first create-link answer in headless Chromium, median of the runs; undefined when Chromium could not run. */
  startToFirstAnswerMs: number | undefined;
  startRunsMs: number[];
}

export interface NotMeasured {
  what: string;
  reason: string;
}

type Verdict = "PASS" | "MISS" | "NOT MEASURED";

export interface TargetResult {
  name: string;
  goal: string;
  /** What was measured, in words; or why nothing was. */
  measured: string;
  verdict: Verdict;
}
