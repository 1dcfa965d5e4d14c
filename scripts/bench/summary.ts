import type { EngineId } from "./engines.js";
import type { BenchReport, LoadRow, TargetResult } from "./results.js";
import type { ScenarioId } from "./scenarios.js";

/** The targets: `npm run mock` as shipped (log on, validation on), at the largest connection count. */
const targetGoals = {
  /** Of the bare node:http floor's req/s. */
  shareOfFloor: 0.7,
  /** Times Prism at its fastest setting (`-v silent`). */
  timesPrism: 10,
  p99Ms: 2,
  /** Server CPU per answer, times the floor's. */
  cpuTimesFloor: 1.4,
  /** `npm run mock` and the installed `npx connect-contracts mock`. */
  coldStartMs: 250,
  /** The browser entry, gzip, msw left out, in kB (1,000 bytes). */
  browserEntryGzipKb: 120,
  /** setupMockServer + fetch per request, times a bare msw handler's. */
  mswTimesBare: 1.5,
  /** RSS after all the memory run's requests, times after a tenth of them. */
  memoryGrowth: 1.2,
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

const scenarioOrder: readonly ScenarioId[] = ["create-link", "integration-by-token", "auth-url"];

/** The load targets of one scenario: share of the floor, times Prism -v silent, p99, CPU per answer against the floor's. */
function loadTargets(report: Pick<BenchReport, "load" | "notMeasured">, scenario: ScenarioId, connections: number): TargetResult[] {
  const ours = findLoad(report.load, "ours", scenario, connections);
  const prism = findLoad(report.load, "prism-silent", scenario, connections);
  const floor = findLoad(report.load, "floor", scenario, connections);
  const missing = (row: LoadRow | undefined, who: string) =>
    row === undefined ? `${who} not measured${reasonFor(report.notMeasured, who)}` : `${who} had ${row.non2xx} non-2xx answers and ${row.errors} errors`;
  const whyNot = (other: LoadRow | undefined, who: string) => (!isClean(ours) ? missing(ours, "our mock") : missing(other, who));
  const shareOfFloor = isClean(ours) && isClean(floor) ? ratio(ours.requestsPerSecond, floor.requestsPerSecond) : undefined;
  const timesPrism = isClean(ours) && isClean(prism) ? ratio(ours.requestsPerSecond, prism.requestsPerSecond) : undefined;
  const p99 = isClean(ours) ? ours.p99Ms : undefined;
  const cpu = isClean(ours) && isClean(floor) ? ratio(ours.serverCpuMicroseconds, floor.serverCpuMicroseconds) : undefined;
  const versus = (other: LoadRow | undefined) => `${formatNumber(ours?.requestsPerSecond)} vs ${formatNumber(other?.requestsPerSecond)} req/s`;
  const label = `${scenarioLabels[scenario]} (${connections} connections)`;
  return [
    {
      name: `${label}: req/s ≥ ${targetGoals.shareOfFloor * 100}% of the floor`,
      goal: `≥ ${targetGoals.shareOfFloor * 100}%`,
      measured: shareOfFloor !== undefined ? `${formatNumber(shareOfFloor * 100)}% (${versus(floor)})` : whyNot(floor, "bare node:http floor"),
      verdict: verdict(shareOfFloor, (value) => value >= targetGoals.shareOfFloor),
    },
    {
      name: `${label}: req/s ≥ ${targetGoals.timesPrism}× Prism -v silent`,
      goal: `≥ ${targetGoals.timesPrism}×`,
      measured: timesPrism !== undefined ? `${formatRatio(timesPrism)} (${versus(prism)})` : whyNot(prism, "Prism -v silent"),
      verdict: verdict(timesPrism, (value) => value >= targetGoals.timesPrism),
    },
    {
      name: `${label}: p99 < ${targetGoals.p99Ms} ms`,
      goal: `< ${targetGoals.p99Ms} ms`,
      measured: p99 !== undefined ? `${formatNumber(p99)} ms (the floor's: ${formatNumber(isClean(floor) ? floor.p99Ms : undefined)} ms)` : missing(ours, "our mock"),
      verdict: verdict(p99, (value) => value < targetGoals.p99Ms),
    },
    {
      name: `${label}: server CPU per answer ≤ ${targetGoals.cpuTimesFloor}× the floor's`,
      goal: `≤ ${targetGoals.cpuTimesFloor}×`,
      measured:
        cpu !== undefined
          ? `${formatRatio(cpu)} (${formatNumber(ours?.serverCpuMicroseconds)} vs ${formatNumber(floor?.serverCpuMicroseconds)} µs)`
          : whyNot(floor, "bare node:http floor"),
      verdict: verdict(cpu, (value) => value <= targetGoals.cpuTimesFloor),
    },
  ];
}

function coldStartTarget(report: Pick<BenchReport, "coldStart" | "notMeasured">, engine: EngineId, who: string): TargetResult {
  const measured = report.coldStart.find((row) => row.engine === engine)?.medianMs;
  return {
    name: `cold start of ${who} ≤ ${targetGoals.coldStartMs} ms`,
    goal: `≤ ${targetGoals.coldStartMs} ms`,
    measured: measured !== undefined ? `${formatNumber(measured)} ms` : `not measured${reasonFor(report.notMeasured, who)}`,
    verdict: verdict(measured, (value) => value <= targetGoals.coldStartMs),
  };
}

/** setupMockServer + fetch against a bare msw handler answering the same JSON, per scenario, from the same process. */
function mswTargets(report: Pick<BenchReport, "inProcess" | "notMeasured">): TargetResult[] {
  return scenarioOrder.map((scenario) => {
    const perRequest = (path: string) => report.inProcess.find((row) => row.path === path && row.scenario === scenario)?.microsecondsPerRequest;
    const ours = perRequest("msw setupServer + fetch");
    const bare = perRequest("bare msw handler + fetch");
    const times = ratio(ours, bare);
    return {
      name: `${scenarioLabels[scenario]}: setupMockServer + fetch ≤ ${targetGoals.mswTimesBare}× a bare msw handler`,
      goal: `≤ ${targetGoals.mswTimesBare}×`,
      measured: times !== undefined ? `${formatRatio(times)} (${formatNumber(ours)} vs ${formatNumber(bare)} µs per request)` : `not measured${reasonFor(report.notMeasured, "in-process")}`,
      verdict: verdict(times, (value) => value <= targetGoals.mswTimesBare),
    };
  });
}

function browserTargets(report: Pick<BenchReport, "browser" | "notMeasured">): TargetResult[] {
  const entryKb = report.browser === undefined ? undefined : (report.browser.entryGzipKiB * 1024) / 1000;
  const start = report.browser?.startToFirstAnswerMs;
  return [
    {
      name: `browser: connect-contracts/mocks/browser ≤ ${targetGoals.browserEntryGzipKb} kB gzip without msw`,
      goal: `≤ ${targetGoals.browserEntryGzipKb} kB`,
      measured:
        entryKb !== undefined && report.browser !== undefined
          ? `${formatNumber(entryKb)} kB gzip (${formatNumber((report.browser.entryKiB * 1024) / 1000)} kB minified; faker's lazy chunk ${formatNumber((report.browser.lazyGzipKiB * 1024) / 1000)} kB gzip)`
          : `not measured${reasonFor(report.notMeasured, "browser bundle")}`,
      verdict: verdict(entryKb, (value) => value <= targetGoals.browserEntryGzipKb),
    },
    {
      name: "browser: setupMockWorker().worker.start() to the first create-link answer, measured",
      goal: "measured",
      measured: start !== undefined ? `${formatNumber(start)} ms (Chromium, first visit, median)` : `not measured${reasonFor(report.notMeasured, "browser: worker")}`,
      verdict: verdict(start, () => true),
    },
  ];
}

function memoryTarget(report: Pick<BenchReport, "memoryFlow" | "notMeasured">): TargetResult {
  const [tenth, all] = report.memoryFlow;
  const growth = ratio(all?.residentMiB, tenth?.residentMiB);
  const count = (value: number | undefined) => (value === undefined ? "N" : value.toLocaleString("en-US"));
  return {
    name: `memory: RSS after ${count(all?.requests)} requests of the stateful flow ≤ ${targetGoals.memoryGrowth}× after ${count(tenth?.requests)}`,
    goal: `≤ ${targetGoals.memoryGrowth}×`,
    measured:
      growth !== undefined && tenth !== undefined && all !== undefined
        ? `${formatRatio(growth)} (${formatNumber(tenth.residentMiB)} → ${formatNumber(all.residentMiB)} MiB; heap ${formatNumber(tenth.heapUsedMiB)} → ${formatNumber(all.heapUsedMiB)} MiB)`
        : `not measured${reasonFor(report.notMeasured, "memory")}`,
    verdict: verdict(growth, (value) => value <= targetGoals.memoryGrowth),
  };
}

/** The targets; load targets are read at the largest connection count measured. */
export function evaluateTargets(report: Pick<BenchReport, "load" | "coldStart" | "inProcess" | "memoryFlow" | "browser" | "notMeasured" | "settings">): TargetResult[] {
  const connections = Math.max(...report.settings.connections);
  return [
    ...scenarioOrder.flatMap((scenario) => loadTargets(report, scenario, connections)),
    coldStartTarget(report, "ours", "npm run mock"),
    coldStartTarget(report, "installed-npx", "installed: npx connect-contracts mock"),
    ...browserTargets(report),
    ...mswTargets(report),
    memoryTarget(report),
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
function engineRows(report: BenchReport, loaded = false): Array<{ id: EngineId; label: string; absent: string | undefined }> {
  return report.engines.filter((engine) => !loaded || engine.startOnly !== true).map((engine) => {
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
  const engines = engineRows(report, true);
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
  if (report.browser !== undefined) {
    const browser = report.browser;
    groupStarts.push(rows.length);
    rows.push(["browser entry, gzip (minified), msw left out", `${formatNumber((browser.entryGzipKiB * 1024) / 1000)} kB`, `(${formatNumber((browser.entryKiB * 1024) / 1000)} kB)`, ""]);
    rows.push(["browser: worker start() to first answer", formatNumber(browser.startToFirstAnswerMs, " ms"), "", ""]);
  }
  if (report.memoryFlow.length > 0) groupStarts.push(rows.length);
  for (const point of report.memoryFlow) rows.push([`stateful flow, after ${point.requests.toLocaleString("en-US")} requests`, "", formatNumber(point.residentMiB, " MiB"), ""]);
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
