import type { EngineId } from "./engines.js";
import type { BenchReport, LoadRow, TargetResult } from "./results.js";
import type { ScenarioId } from "./scenarios.js";

export const targetGoals = {
  timesPrism: 5,
  shareOfFloor: 0.6,
  p99Ms: 5,
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

export function formatNumber(value: number | undefined, unit = ""): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit}`;
}

export function findLoad(
  load: readonly LoadRow[],
  engine: EngineId,
  scenario: ScenarioId,
  connections: number,
): LoadRow | undefined {
  return load.find((row) => row.engine === engine && row.scenario === scenario && row.connections === connections);
}

/** A run with failed requests measures the wrong thing; its figures are not used for targets or ratios. */
export function isClean(row: LoadRow | undefined): row is LoadRow {
  return row !== undefined && row.non2xx === 0 && row.errors === 0 && row.responses > 0;
}

function verdict(measured: number | undefined, pass: (value: number) => boolean): TargetResult["verdict"] {
  if (measured === undefined) return "NOT MEASURED";
  return pass(measured) ? "PASS" : "MISS";
}

/** The targets, read at the largest connection count measured. */
export function evaluateTargets(report: Pick<BenchReport, "load" | "coldStart" | "notMeasured" | "settings">): TargetResult[] {
  const connections = Math.max(...report.settings.connections);
  const ours = findLoad(report.load, "ours", "create-link", connections);
  const prism = findLoad(report.load, "prism", "create-link", connections);
  const floor = findLoad(report.load, "floor", "create-link", connections);
  const missing = (row: LoadRow | undefined, who: string) =>
    row === undefined
      ? `${who} not measured${reasonFor(report.notMeasured, who)}`
      : `${who} had ${row.non2xx} non-2xx answers and ${row.errors} errors`;
  const timesPrism = isClean(ours) && isClean(prism) ? ratio(ours.requestsPerSecond, prism.requestsPerSecond) : undefined;
  const shareOfFloor = isClean(ours) && isClean(floor) ? ratio(ours.requestsPerSecond, floor.requestsPerSecond) : undefined;
  const p99 = isClean(ours) ? ours.p99Ms : undefined;
  const coldStart = report.coldStart.find((row) => row.engine === "ours")?.medianMs;
  return [
    {
      name: `create-link req/s ≥ ${targetGoals.timesPrism}× Prism (${connections} connections)`,
      goal: `≥ ${targetGoals.timesPrism}×`,
      measured:
        timesPrism !== undefined
          ? `${formatRatio(timesPrism)} (${formatNumber(ours?.requestsPerSecond)} vs ${formatNumber(prism?.requestsPerSecond)} req/s)`
          : !isClean(ours) ? missing(ours, "our mock") : missing(prism, "Prism"),
      verdict: verdict(timesPrism, (value) => value >= targetGoals.timesPrism),
    },
    {
      name: `create-link req/s ≥ ${targetGoals.shareOfFloor * 100}% of the floor (${connections} connections)`,
      goal: `≥ ${targetGoals.shareOfFloor * 100}%`,
      measured:
        shareOfFloor !== undefined
          ? `${formatNumber(shareOfFloor * 100)}% (${formatNumber(ours?.requestsPerSecond)} vs ${formatNumber(floor?.requestsPerSecond)} req/s)`
          : !isClean(ours) ? missing(ours, "our mock") : missing(floor, "floor"),
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

function reasonFor(notMeasured: BenchReport["notMeasured"], who: string): string {
  const gap = notMeasured.find((entry) => entry.what.startsWith(who));
  return gap ? `: ${gap.reason}` : "";
}

export interface Table {
  header: string[];
  rows: string[][];
  /** Indexes of rows that start a new group, drawn with a rule above. */
  groupStarts: number[];
}

const engineOrder: EngineId[] = ["ours", "prism", "floor"];

/** One table: every figure per engine, then ours ÷ Prism and ours ÷ floor. */
export function buildTable(report: BenchReport): Table {
  const header = ["figure", "ours", "Prism", "floor", "ours÷Prism", "ours÷floor"];
  const rows: string[][] = [];
  const groupStarts: number[] = [];
  const scenarioLabels: Record<ScenarioId, string> = {
    "create-link": "create-link",
    "integration-by-token": "integration-by-token",
    "auth-url": "Kinde auth_url",
  };
  const row = (label: string, values: Array<number | undefined>, unit: string, withFloor = true) => {
    const [ours, prism, floor] = values;
    rows.push([
      label,
      ...values.map((value) => formatNumber(value, unit)),
      formatRatio(ratio(ours, prism)),
      withFloor ? formatRatio(ratio(ours, floor)) : "–",
    ]);
  };
  for (const scenario of Object.keys(scenarioLabels) as ScenarioId[]) {
    for (const connections of report.settings.connections) {
      const rowsOf = engineOrder.map((engine) => {
        const found = findLoad(report.load, engine, scenario, connections);
        return isClean(found) ? found : undefined;
      });
      if (rowsOf.every((found) => found === undefined)) continue;
      groupStarts.push(rows.length);
      const name = `${scenarioLabels[scenario]} @${connections}`;
      row(`${name} req/s`, rowsOf.map((found) => found?.requestsPerSecond), "");
      row(`${name} p50`, rowsOf.map((found) => found?.p50Ms), " ms");
      row(`${name} p99`, rowsOf.map((found) => found?.p99Ms), " ms");
      row(`${name} server CPU/answer`, rowsOf.map((found) => found?.serverCpuMicroseconds), " µs");
    }
  }
  groupStarts.push(rows.length);
  const byEngine = <T>(list: readonly T[], pick: (entry: T) => EngineId, value: (entry: T) => number) =>
    engineOrder.map((engine) => {
      const found = list.find((entry) => pick(entry) === engine);
      return found === undefined ? undefined : value(found);
    });
  row("cold start (median)", byEngine(report.coldStart, (entry) => entry.engine, (entry) => entry.medianMs), " ms");
  row("memory (RSS) idle", byEngine(report.memory, (entry) => entry.engine, (entry) => entry.idleMiB), " MiB");
  row("memory (RSS) after load", byEngine(report.memory, (entry) => entry.engine, (entry) => entry.afterLoadMiB), " MiB");
  if (report.inProcess.length > 0) {
    groupStarts.push(rows.length);
    for (const entry of report.inProcess) {
      row(`${entry.scenario}, in-process: ${entry.path}`, [entry.microsecondsPerRequest, undefined, undefined], " µs", false);
    }
  }
  if (report.contract.length > 0) {
    groupStarts.push(rows.length);
    // A suite that failed stopped early: its time says nothing about the suite.
    const wall = (target: string) => {
      const found = report.contract.find((entry) => entry.target === target);
      return found === undefined || found.exitCode !== 0 ? undefined : found.wallSeconds;
    };
    row("contract suite wall (mock | prism)", [wall("mock"), wall("prism"), undefined], " s", false);
    for (const entry of report.contract.filter((candidate) => candidate.target !== "mock" && candidate.target !== "prism")) {
      row(`contract suite wall (${entry.target})`, [wall(entry.target), undefined, undefined], " s", false);
    }
  }
  return { header, rows, groupStarts };
}

/** Plain-text rendering, numbers right-aligned. */
export function renderTable(table: Table): string {
  const widths = table.header.map((title, column) =>
    Math.max(title.length, ...table.rows.map((cells) => (cells[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ");
  const rule = widths.map((width) => "─".repeat(width)).join("──");
  const out = [line(table.header)];
  table.rows.forEach((cells, index) => {
    if (table.groupStarts.includes(index)) out.push(rule);
    out.push(line(cells));
  });
  return out.join("\n");
}
