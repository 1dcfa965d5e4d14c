import type { EngineId } from "./engines.js";
import type { BenchReport, LoadRow, TargetResult } from "./results.js";
import type { ScenarioId } from "./scenarios.js";

/** The targets for `npm run mock` as shipped (log on), create-link at the largest connection count. */
const targetGoals = {
  /** Against Prism at its fastest setting (`-v silent`); the aim is 10×. */
  timesPrism: 5,
  timesPrismAim: 10,
  shareOfFloor: 0.5,
  shareOfFloorAim: 0.7,
  p99Ms: 2,
  coldStartMs: 500,
} as const;

/** `numerator ÷ denominator`, or undefined when either is missing or the denominator is not positive. */
export function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined) return undefined;
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return undefined;
  return numerator / denominator;
}

export function formatRatio(value: number | undefined): string {
  if (value === undefined) return "–";
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

function formatNumber(value: number | undefined, unit = ""): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit}`;
}

function findLoad(load: readonly LoadRow[], engine: EngineId, scenario: ScenarioId, connections: number): LoadRow | undefined {
  return load.find((row) => row.engine === engine && row.scenario === scenario && row.connections === connections);
}

/** A run with failed requests measures the wrong thing; its figures are not used for targets or ratios. */
function isClean(row: LoadRow | undefined): row is LoadRow {
  return row !== undefined && row.non2xx === 0 && row.errors === 0 && row.responses > 0;
}

function verdict(measured: number | undefined, pass: (value: number) => boolean): TargetResult["verdict"] {
  if (measured === undefined) return "NOT MEASURED";
  return pass(measured) ? "PASS" : "MISS";
}

function reasonFor(notMeasured: BenchReport["notMeasured"], who: string): string {
  const gap = notMeasured.find((entry) => entry.what.startsWith(who));
  return gap ? `: ${gap.reason}` : "";
}

/** The targets, read at the largest connection count measured. */
export function evaluateTargets(report: Pick<BenchReport, "load" | "coldStart" | "notMeasured" | "settings">): TargetResult[] {
  const connections = Math.max(...report.settings.connections);
  const ours = findLoad(report.load, "ours", "create-link", connections);
  const prism = findLoad(report.load, "prism-silent", "create-link", connections);
  const floor = findLoad(report.load, "floor", "create-link", connections);
  const missing = (row: LoadRow | undefined, who: string) =>
    row === undefined ? `${who} not measured${reasonFor(report.notMeasured, who)}` : `${who} had ${row.non2xx} non-2xx answers and ${row.errors} errors`;
  const whyNot = (other: LoadRow | undefined, who: string) => (!isClean(ours) ? missing(ours, "our mock") : missing(other, who));
  const timesPrism = isClean(ours) && isClean(prism) ? ratio(ours.requestsPerSecond, prism.requestsPerSecond) : undefined;
  const shareOfFloor = isClean(ours) && isClean(floor) ? ratio(ours.requestsPerSecond, floor.requestsPerSecond) : undefined;
  const p99 = isClean(ours) ? ours.p99Ms : undefined;
  const coldStart = report.coldStart.find((row) => row.engine === "ours")?.medianMs;
  const versus = (other: LoadRow | undefined) => `${formatNumber(ours?.requestsPerSecond)} vs ${formatNumber(other?.requestsPerSecond)} req/s`;
  return [
    {
      name: `create-link req/s ≥ ${targetGoals.timesPrism}× Prism -v silent (${connections} connections)`,
      goal: `≥ ${targetGoals.timesPrism}×`,
      measured:
        timesPrism !== undefined ? `${formatRatio(timesPrism)} (${versus(prism)}; aim ${targetGoals.timesPrismAim}×)` : whyNot(prism, "Prism -v silent"),
      verdict: verdict(timesPrism, (value) => value >= targetGoals.timesPrism),
    },
    {
      name: `create-link req/s ≥ ${targetGoals.shareOfFloor * 100}% of the floor (${connections} connections)`,
      goal: `≥ ${targetGoals.shareOfFloor * 100}%`,
      measured:
        shareOfFloor !== undefined
          ? `${formatNumber(shareOfFloor * 100)}% (${versus(floor)}; aim ${targetGoals.shareOfFloorAim * 100}%)`
          : whyNot(floor, "bare node:http floor"),
      verdict: verdict(shareOfFloor, (value) => value >= targetGoals.shareOfFloor),
    },
    {
      name: `create-link p99 < ${targetGoals.p99Ms} ms (${connections} connections)`,
      goal: `< ${targetGoals.p99Ms} ms`,
      measured: p99 !== undefined ? `${formatNumber(p99)} ms` : missing(ours, "our mock"),
      verdict: verdict(p99, (value) => value < targetGoals.p99Ms),
    },
    {
      name: `cold start < ${targetGoals.coldStartMs} ms`,
      goal: `< ${targetGoals.coldStartMs} ms`,
      measured: coldStart !== undefined ? `${formatNumber(coldStart)} ms` : `not measured${reasonFor(report.notMeasured, "our mock")}`,
      verdict: verdict(coldStart, (value) => value < targetGoals.coldStartMs),
    },
  ];
}

export interface Table {
  header: string[];
  rows: string[][];
  /** Indexes of rows that start a new group, drawn with a rule above. */
  groupStarts: number[];
}

const scenarioLabels: Record<ScenarioId, string> = {
  "create-link": "create-link",
  "integration-by-token": "integration-by-token",
  "auth-url": "Kinde auth_url",
};

/** The engines of the run in table order, with why one was not measured at all (e.g. "not installed"). */
function engineRows(report: BenchReport): Array<{ id: EngineId; label: string; absent: string | undefined }> {
  return report.engines.map((engine) => {
    const gap = report.notMeasured.find((entry) => entry.what === `${engine.label}: everything`);
    return { id: engine.id, label: engine.label, absent: gap === undefined ? undefined : gap.reason.startsWith("not installed") ? "not installed" : "not measured" };
  });
}

/**
 * The load figures: one block per scenario and connection count, one row per engine, and each engine's
 * req/s as a ratio to Prism (default log), Prism -v silent and the floor.
 */
export function buildLoadTable(report: BenchReport): Table {
  const header = ["", "req/s", "p50", "p99", "CPU/answer", "÷Prism", "÷Prism silent", "÷floor"];
  const rows: string[][] = [];
  const groupStarts: number[] = [];
  const engines = engineRows(report);
  for (const scenario of Object.keys(scenarioLabels) as ScenarioId[]) {
    for (const connections of report.settings.connections) {
      const clean = (engine: EngineId) => {
        const found = findLoad(report.load, engine, scenario, connections);
        return isClean(found) ? found : undefined;
      };
      if (engines.every((engine) => clean(engine.id) === undefined)) continue;
      groupStarts.push(rows.length);
      rows.push([`${scenarioLabels[scenario]} @${connections} connections`, "", "", "", "", "", "", ""]);
      const rate = (engine: EngineId) => clean(engine)?.requestsPerSecond;
      for (const engine of engines) {
        const row = clean(engine.id);
        if (row === undefined) {
          rows.push([`  ${engine.label}`, engine.absent ?? "not measured", "", "", "", "", "", ""]);
          continue;
        }
        rows.push([
          `  ${engine.label}`,
          formatNumber(row.requestsPerSecond),
          formatNumber(row.p50Ms, " ms"),
          formatNumber(row.p99Ms, " ms"),
          formatNumber(row.serverCpuMicroseconds, " µs"),
          formatRatio(ratio(row.requestsPerSecond, rate("prism"))),
          formatRatio(ratio(row.requestsPerSecond, rate("prism-silent"))),
          formatRatio(ratio(row.requestsPerSecond, rate("floor"))),
        ]);
      }
    }
  }
  return { header, rows, groupStarts };
}

/** Cold start and memory per engine, then the in-process and contract-suite figures of our mock. */
export function buildOtherTable(report: BenchReport): Table {
  const header = ["", "cold start", "RSS idle", "RSS after load"];
  const rows: string[][] = [];
  const groupStarts: number[] = [0];
  for (const engine of engineRows(report)) {
    const start = report.coldStart.find((row) => row.engine === engine.id);
    const memory = report.memory.find((row) => row.engine === engine.id);
    if (start === undefined && memory === undefined) {
      rows.push([engine.label, engine.absent ?? "not measured", "", ""]);
      continue;
    }
    rows.push([engine.label, formatNumber(start?.medianMs, " ms"), formatNumber(memory?.idleMiB, " MiB"), formatNumber(memory?.afterLoadMiB, " MiB")]);
  }
  if (report.inProcess.length > 0) groupStarts.push(rows.length);
  for (const entry of report.inProcess) rows.push([`in process, ${entry.path}: ${entry.scenario}`, formatNumber(entry.microsecondsPerRequest, " µs"), "", ""]);
  if (report.contract.length > 0) groupStarts.push(rows.length);
  for (const entry of report.contract) {
    // A suite that failed stopped early: its time says nothing about the suite.
    rows.push([`contract suite wall, --target ${entry.target}`, entry.exitCode === 0 ? formatNumber(entry.wallSeconds, " s") : "failed", "", ""]);
  }
  return { header, rows, groupStarts };
}

/** Plain-text rendering, the first column left-aligned, numbers right-aligned. */
export function renderTable(table: Table): string {
  const widths = table.header.map((title, column) => Math.max(title.length, ...table.rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("──");
  const out = [line(table.header)];
  table.rows.forEach((cells, index) => {
    if (table.groupStarts.includes(index)) out.push(rule);
    out.push(line(cells));
  });
  return out.join("\n");
}
