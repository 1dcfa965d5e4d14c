import { coverageCell, coverageLegend, isUndeclaredStatus, unexercisedStatuses, type CoverageRows } from "../../openapi/coverage.js";
import { escapeHtml } from "./escape-html.js";

/**
 * A coverage table as text and as HTML, one look for the contract suite's report (what a target answered the
 * suite) and for `connect-contracts coverage` (what the mock answered the app's own tests).
 */

/** `  kombo PostConnectCreateLink  200:3  400:1  429:-` lines, then the statuses never exercised. */
export function coverageTextTable(heading: string, rows: CoverageRows): string[] {
  const lines = [`${heading} (answers per declared status; ${coverageLegend}):`];
  const width = Math.max(0, ...Object.keys(rows).map((operation) => operation.length));
  for (const [operation, row] of Object.entries(rows)) {
    const cells = Object.entries(row).map(([status, count]) => `${status}:${coverageCell(status, count)}`);
    lines.push(`  ${operation.padEnd(width)}  ${cells.join("  ")}`);
  }
  const missing = unexercisedStatuses(rows);
  lines.push(missing.length === 0 ? "  every declared status exercised" : `  not exercised: ${missing.join(", ")}`);
  return lines;
}

function statusOrder(status: string): number {
  if (status === "default") return 10_000;
  const number = Number.parseInt(status, 10);
  return Number.isNaN(number) ? 9_000 : number;
}

/** The coloured matrix: a row per operation, a column per status, the legend and the gaps below it. */
export function coverageHtmlTable(rows: CoverageRows): string {
  const columns = [...new Set(Object.values(rows).flatMap((row) => Object.keys(row)))].sort((a, b) => statusOrder(a) - statusOrder(b));
  if (columns.length === 0) return "<p>No operation ran.</p>";
  const header = `<tr><th>operation</th>${columns.map((status) => `<th>${escapeHtml(status)}</th>`).join("")}</tr>`;
  const body = Object.entries(rows).map(([operation, row]) => {
    const cells = columns.map((status) => {
      const count = row[status];
      if (count === undefined) return `<td class="absent" title="not declared">·</td>`;
      const kind = isUndeclaredStatus(status) ? "undeclared" : count > 0 ? "covered" : status === "default" ? "not-applicable" : "missing";
      return `<td class="${kind}">${escapeHtml(coverageCell(status, count))}</td>`;
    });
    return `<tr><th>${escapeHtml(operation)}</th>${cells.join("")}</tr>`;
  });
  const missing = unexercisedStatuses(rows);
  const verdict = missing.length === 0 ? "Every declared status exercised." : `Not exercised: ${missing.map(escapeHtml).join(", ")}.`;
  return `<table class="coverage">${header}${body.join("")}</table>\n<p class="legend">Answers per declared status; ${escapeHtml(coverageLegend)}; "·" = not declared for that operation. ${verdict}</p>`;
}
