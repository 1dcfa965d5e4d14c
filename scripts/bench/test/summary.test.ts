import { describe, expect, it } from "vitest";
import { buildTable, evaluateTargets, formatRatio, ratio, renderTable } from "../summary.js";
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
  it("passes on 12× Prism, 75% of the floor, 3 ms p99 and a 400 ms cold start", () => {
    const targets = evaluateTargets(fixedReport());
    expect(targets.map((target) => target.verdict)).toEqual(["PASS", "PASS", "PASS", "PASS"]);
    expect(targets[0]?.measured).toContain("12.0×");
    expect(targets[1]?.measured).toContain("75.0%");
  });

  it("misses each target on its own numbers", () => {
    const report = fixedReport();
    const ours = report.load.find((row) => row.engine === "ours" && row.connections === 20);
    if (!ours) throw new Error("fixture lacks ours @20");
    ours.requestsPerSecond = 4_000;
    ours.p99Ms = 5;
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
      load: fixedReport().load.filter((row) => row.engine !== "prism"),
      notMeasured: [{ what: "Prism: everything", reason: "did not start" }],
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

describe("the table", () => {
  it("puts ours ÷ Prism and ours ÷ floor beside each figure", () => {
    const table = buildTable(fixedReport());
    expect(table.header).toEqual(["figure", "ours", "Prism", "floor", "ours÷Prism", "ours÷floor"]);
    const throughput = table.rows.find((cells) => cells[0] === "create-link @20 req/s");
    expect(throughput).toEqual(["create-link @20 req/s", "12,000", "1,000", "16,000", "12.0×", "0.75×"]);
    const coldStart = table.rows.find((cells) => cells[0] === "cold start (median)");
    expect(coldStart?.slice(4)).toEqual(["0.20×", "4.00×"]);
    const contract = table.rows.find((cells) => cells[0] === "contract suite wall (mock | prism)");
    expect(contract?.slice(1, 5)).toEqual(["10.0 s", "30.0 s", "–", "0.33×"]);
  });

  it("leaves out the time of a contract run that failed", () => {
    const report = fixedReport();
    report.contract = [
      { target: "mock", wallSeconds: 10, exitCode: 0 },
      { target: "prism", wallSeconds: 1, exitCode: 1 },
    ];
    const contract = buildTable(report).rows.find((cells) => cells[0] === "contract suite wall (mock | prism)");
    expect(contract?.slice(1, 5)).toEqual(["10.0 s", "–", "–", "–"]);
  });

  it("leaves out scenarios nobody measured and renders aligned columns", () => {
    const text = renderTable(buildTable(fixedReport()));
    expect(text).not.toContain("integration-by-token");
    const lines = text.split("\n").filter((line) => !line.startsWith("─"));
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });
});
