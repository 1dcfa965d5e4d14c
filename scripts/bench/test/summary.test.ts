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
  it("passes on 12× Prism -v silent, 75% of the floor, 1.5 ms p99 and a 400 ms cold start", () => {
    const targets = evaluateTargets(fixedReport());
    expect(targets.map((target) => target.verdict)).toEqual(["PASS", "PASS", "PASS", "PASS"]);
    expect(targets[0]?.name).toContain("Prism -v silent");
    expect(targets[0]?.measured).toBe("12.0× (12,000 vs 1,000 req/s; aim 10×)");
    expect(targets[1]?.measured).toBe("75.0% (12,000 vs 16,000 req/s; aim 70%)");
  });

  it("misses each target on its own numbers", () => {
    const report = fixedReport();
    const ours = report.load.find((row) => row.engine === "ours" && row.connections === 20);
    if (!ours) throw new Error("fixture lacks ours @20");
    ours.requestsPerSecond = 4_000;
    ours.p99Ms = 2;
    report.coldStart[0] = { engine: "ours", medianMs: 500, runsMs: [500] };
    expect(evaluateTargets(report).map((target) => target.verdict)).toEqual(["MISS", "MISS", "MISS", "MISS"]);
  });

  it("reads the targets at the largest connection count only", () => {
    const report = fixedReport();
    const oursAtOne = report.load.find((row) => row.engine === "ours" && row.connections === 1);
    if (!oursAtOne) throw new Error("fixture lacks ours @1");
    oursAtOne.p99Ms = 50;
    expect(evaluateTargets(report)[2]?.verdict).toBe("PASS");
  });

  it("says NOT MEASURED with the reason when an engine is missing, and ignores runs with failed requests", () => {
    const report = fixedReport({
      load: fixedReport().load.filter((row) => row.engine !== "prism-silent"),
      notMeasured: [{ what: "Prism -v silent: everything", reason: "did not start" }],
    });
    const floorRow = report.load.find((row) => row.engine === "floor" && row.connections === 20);
    if (!floorRow) throw new Error("fixture lacks floor @20");
    floorRow.non2xx = 3;
    const [timesPrism, shareOfFloor] = evaluateTargets(report);
    expect(timesPrism?.verdict).toBe("NOT MEASURED");
    expect(timesPrism?.measured).toContain("did not start");
    expect(shareOfFloor?.verdict).toBe("NOT MEASURED");
    expect(shareOfFloor?.measured).toContain("3 non-2xx");
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
  });

  it("lists cold start, memory, in-process and contract figures, and a failed suite as failed", () => {
    const report = fixedReport();
    report.contract = [
      { target: "mock", wallSeconds: 10, exitCode: 0 },
      { target: "prism", wallSeconds: 1, exitCode: 1 },
    ];
    const { rows } = buildOtherTable(report);
    expect(rows.find((cells) => cells[0] === "our mock")).toEqual(["our mock", "400 ms", "80.0 MiB", "100 MiB"]);
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
