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
    "durationSeconds" | "warmupSeconds" | "connections" | "rounds" | "coldStartRuns" | "inProcessIterations" | "quick"
  >;
  engines: Array<{ id: EngineId; label: string; description: string }>;
  load: LoadRow[];
  coldStart: ColdStartRow[];
  memory: MemoryRow[];
  inProcess: InProcessRow[];
  contract: ContractRow[];
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
