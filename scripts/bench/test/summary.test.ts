import { describe, expect, it } from "vitest";
import { buildLoadTable, buildOtherTable, evaluateTargets, formatRatio, ratio, renderTable } from "../summary.js";
import { fixedReport } from "./fixture.js";

describe("ratio", () => {
  it("divides, and refuses what cannot be divided", () => {
    expect(ratio(12_000, 1_000)).toBe(12);
    expect(ratio(12_000, 0)).toBeUndefined();
    expect(ratio(undefined, 1_000)).toBeUndefined();
    expect(ratio(1, Number.NaN)).toBeUndefined();
  });

  it("formats with a times sign", () => {
    expect(formatRatio(12)).toBe("12.0×");
    expect(formatRatio(0.75)).toBe("0.75×");
    expect(formatRatio(undefined)).toBe("–");
  });
});

describe("evaluateTargets", () => {
  const verdicts = (report: ReturnType<typeof fixedReport>) => Object.fromEntries(evaluateTargets(report).map((target) => [target.name, target.verdict]));

  it("passes on 75% of the floor, 12× Prism -v silent, 1.5 ms p99, 1.33× the floor's CPU, starts of 200 and 240 ms, a 92 kB browser entry, msw at 1.2× bare, memory at 1.1×", () => {
    const targets = evaluateTargets(fixedReport());
    const byName = new Map(targets.map((target) => [target.name, target]));
    expect(byName.get("create-link (20 connections): req/s ≥ 70% of the floor")?.measured).toBe("75.0% (12,000 vs 16,000 req/s)");
    expect(byName.get("create-link (20 connections): req/s ≥ 10× Prism -v silent")?.measured).toBe("12.0× (12,000 vs 1,000 req/s)");
    expect(byName.get("create-link (20 connections): server CPU per answer ≤ 1.4× the floor's")?.measured).toBe("1.33× (83.3 vs 62.5 µs)");
    expect(byName.get("cold start of installed: npx connect-contracts mock ≤ 250 ms")?.measured).toBe("240 ms");
    expect(byName.get("browser: connect-contracts/mocks/browser ≤ 120 kB gzip without msw")?.measured).toMatch(/^92\.2 kB gzip/);
    expect(byName.get("create-link: setupMockServer + fetch ≤ 1.5× a bare msw handler")?.measured).toBe("1.20× (300 vs 250 µs per request)");
    expect(byName.get("memory: RSS after 1,000,000 requests of the stateful flow ≤ 1.2× after 100,000")?.verdict).toBe("PASS");
    // integration-by-token is not in the fixture: its four load targets are NOT MEASURED, everything else passes.
    const notPassed = targets.filter((target) => target.verdict !== "PASS");
    expect(notPassed.map((target) => `${target.name}: ${target.verdict}`)).toEqual(
      ["req/s ≥ 70% of the floor", "req/s ≥ 10× Prism -v silent", "p99 < 2 ms", "server CPU per answer ≤ 1.4× the floor's"].map(
        (goal) => `integration-by-token (20 connections): ${goal}: NOT MEASURED`,
      ),
    );
  });

  it("misses each target on its own numbers", () => {
    const report = fixedReport();
    const ours = report.load.find((row) => row.engine === "ours" && row.scenario === "create-link" && row.connections === 20);
    if (!ours) throw new Error("fixture lacks ours @20");
    ours.requestsPerSecond = 9_000;
    ours.p99Ms = 2;
    ours.serverCpuMicroseconds = 90;
    report.coldStart = [
      { engine: "ours", medianMs: 251, runsMs: [251] },
      { engine: "installed-npx", medianMs: 400, runsMs: [400] },
    ];
    if (report.browser) report.browser.entryGzipKiB = 118;
    report.inProcess = report.inProcess.map((row) => (row.path === "msw setupServer + fetch" && row.scenario === "auth-url" ? { ...row, microsecondsPerRequest: 400 } : row));
    report.memoryFlow = [
      { requests: 100_000, residentMiB: 100, heapUsedMiB: 20 },
      { requests: 1_000_000, residentMiB: 121, heapUsedMiB: 40 },
    ];
    const result = verdicts(report);
    for (const name of [
      "create-link (20 connections): req/s ≥ 70% of the floor",
      "create-link (20 connections): req/s ≥ 10× Prism -v silent",
      "create-link (20 connections): p99 < 2 ms",
      "create-link (20 connections): server CPU per answer ≤ 1.4× the floor's",
      "cold start of npm run mock ≤ 250 ms",
      "cold start of installed: npx connect-contracts mock ≤ 250 ms",
      "browser: connect-contracts/mocks/browser ≤ 120 kB gzip without msw",
      "Kinde auth_url: setupMockServer + fetch ≤ 1.5× a bare msw handler",
      "memory: RSS after 1,000,000 requests of the stateful flow ≤ 1.2× after 100,000",
    ]) {
      expect(result[name], name).toBe("MISS");
    }
    expect(result["Kinde auth_url (20 connections): req/s ≥ 70% of the floor"]).toBe("PASS");
  });

  it("reads the targets at the largest connection count only", () => {
    const report = fixedReport();
    const oursAtOne = report.load.find((row) => row.engine === "ours" && row.connections === 1);
    if (!oursAtOne) throw new Error("fixture lacks ours @1");
    oursAtOne.p99Ms = 50;
    expect(verdicts(report)["create-link (20 connections): p99 < 2 ms"]).toBe("PASS");
  });

  it("says NOT MEASURED with the reason when an engine or a figure is missing, and ignores runs with failed requests", () => {
    const report = fixedReport({
      load: fixedReport().load.filter((row) => row.engine !== "prism-silent"),
      notMeasured: [
        { what: "Prism -v silent: everything", reason: "did not start" },
        { what: "memory of the stateful flow", reason: "skipped in a --quick run: add --memory" },
      ],
      memoryFlow: [],
      browser: undefined,
    });
    const floorRow = report.load.find((row) => row.engine === "floor" && row.scenario === "create-link" && row.connections === 20);
    if (!floorRow) throw new Error("fixture lacks floor @20");
    floorRow.non2xx = 3;
    const byName = new Map(evaluateTargets(report).map((target) => [target.name, target]));
    const timesPrism = byName.get("create-link (20 connections): req/s ≥ 10× Prism -v silent");
    const shareOfFloor = byName.get("create-link (20 connections): req/s ≥ 70% of the floor");
    expect(timesPrism?.verdict).toBe("NOT MEASURED");
    expect(timesPrism?.measured).toContain("did not start");
    expect(shareOfFloor?.verdict).toBe("NOT MEASURED");
    expect(shareOfFloor?.measured).toContain("3 non-2xx");
    const memory = [...byName.values()].find((target) => target.name.startsWith("memory:"));
    expect(memory?.verdict).toBe("NOT MEASURED");
    expect(memory?.measured).toContain("add --memory");
    expect(byName.get("browser: connect-contracts/mocks/browser ≤ 120 kB gzip without msw")?.verdict).toBe("NOT MEASURED");
  });
});

describe("the tables", () => {
  it("give every engine its row, with its req/s as a ratio to Prism, Prism -v silent and the floor", () => {
    const { header, rows } = buildLoadTable(fixedReport());
    expect(header).toEqual(["", "req/s", "p50", "p99", "CPU/answer", "÷Prism", "÷Prism silent", "÷floor"]);
    const block = rows.findIndex((cells) => cells[0] === "create-link @20 connections");
    expect(block).toBeGreaterThanOrEqual(0);
    const named = (label: string) => rows.slice(block + 1, block + 7).find((cells) => cells[0] === `  ${label}`);
    expect(named("our mock")?.slice(1)).toEqual(["12,000", "0.38 ms", "1.50 ms", "83.3 µs", "15.0×", "12.0×", "0.75×"]);
    expect(named("our mock, log off")?.slice(5)).toEqual(["17.5×", "14.0×", "0.88×"]);
    expect(named("Prism -v silent")?.slice(5)).toEqual(["1.25×", "1.00×", "0.06×"]);
    expect(named("Mockoon")?.[1]).toBe("not installed");
    expect(rows.some((cells) => cells[0]?.includes("installed:"))).toBe(false);
  });

  it("lists cold start, memory, in-process and contract figures, and a failed suite as failed", () => {
    const report = fixedReport();
    report.contract = [
      { target: "mock", wallSeconds: 10, exitCode: 0 },
      { target: "prism", wallSeconds: 1, exitCode: 1 },
    ];
    const { rows } = buildOtherTable(report);
    expect(rows.find((cells) => cells[0] === "our mock")).toEqual(["our mock", "200 ms", "80.0 MiB", "100 MiB"]);
    expect(rows.find((cells) => cells[0] === "installed: npx connect-contracts mock")?.[1]).toBe("240 ms");
    expect(rows.find((cells) => cells[0] === "browser entry, gzip (minified), msw left out")?.[1]).toBe("92.2 kB");
    expect(rows.find((cells) => cells[0] === "stateful flow, after 1,000,000 requests")?.[2]).toBe("110 MiB");
    expect(rows.find((cells) => cells[0] === "Mockoon")?.[1]).toBe("not installed");
    expect(rows.find((cells) => cells[0] === "contract suite wall, --target mock")?.[1]).toBe("10.0 s");
    expect(rows.find((cells) => cells[0] === "contract suite wall, --target prism")?.[1]).toBe("failed");
  });

  it("leaves out scenarios nobody measured and renders aligned columns", () => {
    const text = renderTable(buildLoadTable(fixedReport()));
    expect(text).not.toContain("integration-by-token");
    const measuredLines = text.split("\n").filter((line) => / ms /.test(line));
    expect(measuredLines.length).toBeGreaterThan(4);
    expect(new Set(measuredLines.map((line) => line.length)).size).toBe(1);
  });
});
