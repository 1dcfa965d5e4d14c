import type { EngineId } from "./engines.js";
import type { BenchReport, LoadRow } from "./results.js";
import { findLoad, formatNumber, formatRatio, isClean, ratio } from "./summary.js";
import type { ScenarioId } from "./scenarios.js";

/** Hand-rolled SVG: horizontal bars, one panel per question, values written on the bars. */

interface Bar {
  engine: EngineId;
  value: number | undefined;
  /** Written after the value, e.g. the ratios. */
  note?: string;
}

interface Group {
  label: string;
  bars: Bar[];
}

interface Panel {
  title: string;
  unit: string;
  groups: Group[];
  /** A dashed line at the goal, when the goal is an absolute value. */
  target?: { value: number; label: string };
}

const engines: Array<{ id: EngineId; label: string; color: string }> = [
  { id: "ours", label: "our mock", color: "#1d4ed8" },
  { id: "prism", label: "Prism", color: "#ea580c" },
  { id: "floor", label: "bare node:http floor", color: "#6b7280" },
];

const width = 900;
const labelColumn = 190;
const barStart = labelColumn + 10;
const barSpace = width - barStart - 230;
const barHeight = 18;
const barGap = 4;
const font = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\"";

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function text(x: number, y: number, content: string, attributes = ""): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escapeXml(content)}</text>`;
}

function niceMaximum(values: number[], target?: number): number {
  const largest = Math.max(...values, target ?? 0);
  if (!(largest > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  return magnitude * (steps.find((step) => step * magnitude >= largest) ?? 10);
}

function drawPanel(panel: Panel, top: number): { svg: string; height: number } {
  const parts: string[] = [];
  parts.push(text(20, top + 18, panel.title, `font-size="16" font-weight="600" fill="#111827"`));
  let y = top + 34;
  const values = panel.groups.flatMap((group) => group.bars.map((bar) => bar.value ?? 0));
  const maximum = niceMaximum(values, panel.target?.value);
  const scale = (value: number) => (value / maximum) * barSpace;
  const plotTop = y;
  for (const group of panel.groups) {
    if (group.label !== "") {
      parts.push(text(20, y + 13, group.label, `font-size="13" font-weight="600" fill="#374151" stroke="#ffffff" stroke-width="3" paint-order="stroke"`));
      y += 20;
    }
    for (const bar of group.bars) {
      const engine = engines.find((candidate) => candidate.id === bar.engine);
      if (!engine) continue;
      parts.push(text(labelColumn, y + 13, engine.label, `font-size="12" text-anchor="end" fill="#374151"`));
      if (bar.value === undefined || !Number.isFinite(bar.value)) {
        parts.push(text(barStart + 4, y + 13, "not measured", `font-size="12" font-style="italic" fill="#9ca3af"`));
      } else {
        const length = Math.max(1, scale(bar.value));
        parts.push(
          `<rect x="${barStart}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" rx="2" fill="${engine.color}"/>`,
        );
        const label = `${formatNumber(bar.value)}${panel.unit}${bar.note ? `  ${bar.note}` : ""}`;
        // A white halo keeps the value readable where a target line crosses it.
        parts.push(text(barStart + length + 6, y + 13, label, `font-size="12" fill="#111827" stroke="#ffffff" stroke-width="3" paint-order="stroke"`));
      }
      y += barHeight + barGap;
    }
    y += 8;
  }
  const plotBottom = y - 8;
  const axis = `<line x1="${barStart}" y1="${plotTop - 4}" x2="${barStart}" y2="${plotBottom}" stroke="#9ca3af" stroke-width="1"/>`;
  const behindBars: string[] = [axis];
  if (panel.target) {
    const x = barStart + scale(panel.target.value);
    behindBars.push(
      `<line x1="${x.toFixed(1)}" y1="${plotTop - 4}" x2="${x.toFixed(1)}" y2="${plotBottom + 4}" stroke="#dc2626" stroke-width="1.5" stroke-dasharray="5 4" opacity="0.8"/>`,
    );
    parts.push(text(x, plotBottom + 16, panel.target.label, `font-size="11" text-anchor="middle" fill="#dc2626"`));
    y += 16;
  }
  return { svg: [...behindBars, ...parts].join("\n"), height: y - top + 10 };
}

const scenarioLabels: Array<{ id: ScenarioId; label: string }> = [
  { id: "create-link", label: "Kombo create-link (validated)" },
  { id: "integration-by-token", label: "Kombo integration-by-token" },
  { id: "auth-url", label: "Kinde auth_url" },
];

export function panelsFor(report: BenchReport): Panel[] {
  const connections = Math.max(...report.settings.connections);
  const loadGroups = (pick: (row: LoadRow) => number, withRatios: boolean) =>
    scenarioLabels.map(({ id, label }) => {
      const valueOf = (engine: EngineId) => {
        const row = findLoad(report.load, engine, id, connections);
        return isClean(row) ? pick(row) : undefined;
      };
      const ours = valueOf("ours");
      const notes = [
        [ratio(ours, valueOf("prism")), "Prism"],
        [ratio(ours, valueOf("floor")), "floor"],
      ]
        .filter((entry): entry is [number, string] => entry[0] !== undefined)
        .map(([value, of]) => `${formatRatio(value)} ${of}`);
      return {
        label,
        bars: engines.map(({ id: engine }): Bar => ({
          engine,
          value: valueOf(engine),
          ...(engine === "ours" && withRatios && notes.length > 0 ? { note: `(${notes.join(", ")})` } : {}),
        })),
      };
    });
  const single = (pick: (engine: EngineId) => number | undefined) => [
    { label: "", bars: engines.map(({ id }) => ({ engine: id, value: pick(id) })) },
  ];
  return [
    {
      title: `Throughput at ${connections} connections: requests per second (higher is better)`,
      unit: "",
      groups: loadGroups((row) => row.requestsPerSecond, true),
    },
    {
      title: `Server CPU per answer at ${connections} connections: µs, user + system (lower is better)`,
      unit: " µs",
      groups: loadGroups((row) => row.serverCpuMicroseconds, false),
    },
    {
      title: `p99 latency at ${connections} connections: milliseconds (lower is better)`,
      unit: " ms",
      groups: loadGroups((row) => row.p99Ms, false),
      target: { value: 5, label: "target for ours: < 5 ms" },
    },
    {
      title: "Cold start: process start to first correct create-link, ms (lower is better)",
      unit: " ms",
      groups: single((engine) => report.coldStart.find((row) => row.engine === engine)?.medianMs),
      target: { value: 500, label: "target for ours: < 500 ms" },
    },
    {
      title: "Resident memory after the load: MiB (lower is better)",
      unit: " MiB",
      groups: single((engine) => report.memory.find((row) => row.engine === engine)?.afterLoadMiB),
    },
  ];
}

export function renderSvg(report: BenchReport): string {
  const body: string[] = [];
  const date = report.generatedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC");
  body.push(text(20, 30, "connect-contracts: our mock vs Prism vs the bare node:http floor", `font-size="20" font-weight="700" fill="#111827"`));
  body.push(
    text(
      20,
      52,
      `${date} · ${report.machine.cpus} cores (${report.machine.cpuModel}) · Node ${report.machine.node} · ` +
        `${report.settings.durationSeconds} s per measurement${report.settings.quick ? " (quick run)" : ""}`,
      `font-size="12" fill="#4b5563"`,
    ),
  );
  let legendX = 20;
  for (const engine of engines) {
    body.push(`<rect x="${legendX}" y="64" width="14" height="14" rx="2" fill="${engine.color}"/>`);
    body.push(text(legendX + 20, 76, engine.label, `font-size="13" fill="#111827"`));
    legendX += 40 + engine.label.length * 7.5;
  }
  let y = 92;
  for (const target of report.targets) {
    const color = target.verdict === "PASS" ? "#15803d" : target.verdict === "MISS" ? "#b91c1c" : "#6b7280";
    body.push(text(20, y + 13, target.verdict, `font-size="12" font-weight="700" fill="${color}"`));
    body.push(text(130, y + 13, `${target.name}: ${target.measured}`, `font-size="12" fill="#111827"`));
    y += 18;
  }
  y += 10;
  for (const panel of panelsFor(report)) {
    const drawn = drawPanel(panel, y);
    body.push(drawn.svg);
    y += drawn.height;
  }
  const height = Math.ceil(y + 10);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${font}>`,
    `<title>connect-contracts benchmark, ${escapeXml(date)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    `</svg>`,
    "",
  ].join("\n");
}
