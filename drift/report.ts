import { providers } from "../providers/registry.js";
import { driftClasses, type DriftChange, type DriftClass, type DriftReport, type ProviderDriftReport } from "./model.js";

const headings: Record<DriftClass, (provider: string) => string> = {
  promises: (provider) => `Our spec promises what ${provider} no longer does`,
  behind: () => "Our spec is behind: the mock or the types would refuse real traffic",
  cosmetic: () => "Cosmetic, no effect on traffic",
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function changeLines(change: DriftChange): string[] {
  const location = `${change.spec.file}${change.spec.line === undefined ? "" : `:${change.spec.line}`}`;
  const places =
    change.operations.length > 1
      ? `${change.operations.join(", ")}${change.where ? ` › ${change.where}` : ""}`
      : [change.operations[0], change.where].filter(Boolean).join(" › ");
  return [`  - ${change.message}`, `      where: ${places}`, `      fix:   ${location}  ${change.fix}`];
}

function providerSection(report: ProviderDriftReport): string[] {
  const title = providers[report.provider].title;
  const version = report.publishedVersion === undefined ? "" : `, version ${report.publishedVersion}`;
  const lines = [`${title}: ${report.ourSpec} against ${report.source}${version}`];
  if (report.changes.length === 0) return [...lines, "  no change", ""];
  for (const driftClass of driftClasses) {
    const changes = report.changes.filter((change) => change.class === driftClass);
    if (changes.length === 0) continue;
    lines.push("", `${headings[driftClass](title)} (${changes.length}):`, ...changes.flatMap(changeLines));
  }
  return [...lines, ""];
}

/** The human summary: every change with the line of our spec to edit, then one verdict line. */
export function formatReport(report: DriftReport): string {
  const { behind, promises, cosmetic } = report.counts;
  const verdict =
    report.exitCode === 0
      ? cosmetic === 0
        ? "No drift: our specs match the published documents (known departures aside)."
        : `No drift on the wire; ${plural(cosmetic, "cosmetic change")} to review.`
      : `Drift: ${promises} where our spec promises too much, ${behind} where it is behind, ${cosmetic} cosmetic.`;
  return [...report.providers.flatMap(providerSection), verdict].join("\n");
}

/** The `--json` output: the report as it is (see docs/drift.md for its shape). */
export function formatJson(report: DriftReport): string {
  return JSON.stringify(report, null, 2);
}
