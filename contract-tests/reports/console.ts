import { coverageTextTable } from "./coverage-table.js";
import { tally, targetTally, type Finding, type SuiteResult } from "../model/results.js";

export const failuresHeading = "check failure(s):";
export const warningsHeading = "lenient answer(s), warnings only (--strict makes them fail):";

export function describeFinding(finding: Finding, label: string): string {
  return [
    `${label}) [${finding.target}] ${finding.provider} ${finding.operation}`,
    `   scenario: ${finding.scenario}`,
    `   check:    ${finding.check}`,
    `   at:       ${finding.path}`,
    `   expected: ${finding.expected}`,
    `   got:      ${finding.got}`,
    ...(finding.note ? [`   note:     ${finding.note}`] : []),
    ...(finding.steps ? [`   after these earlier steps of the scenario:`, ...finding.steps.map((step) => `     ${step}`)] : []),
    ...(finding.curl ? [`   reproduce: ${finding.curl}`] : []),
  ].join("\n");
}

function coverageTable(result: SuiteResult): string[] {
  return Object.entries(result.coverage).flatMap(([target, rows]) => coverageTextTable(`coverage on ${target}`, rows));
}

/** `mock: 109 passed, 0 failed, 3 lenient, 0 skipped` */
export function targetLine(result: SuiteResult, target: SuiteResult["targets"][number]): string {
  const { passed, failed, lenient, skipped } = targetTally(result, target);
  return `${target}: ${passed} passed, ${failed} failed, ${lenient} lenient, ${skipped} skipped`;
}

/** The console report; its last line is the one CI reads (lenient scenarios count as passed there). */
export function consoleReport(result: SuiteResult): string {
  const lines: string[] = [];
  const warnings = result.scenarios.flatMap((scenario) => scenario.warnings);
  if (warnings.length > 0) {
    lines.push(`${warnings.length} ${warningsHeading}`, "");
    warnings.forEach((warning, index) => lines.push(describeFinding(warning, `W${index + 1}`), ""));
  }
  const failures = result.scenarios.flatMap((scenario) => scenario.failures);
  if (failures.length > 0) {
    lines.push(`${failures.length} ${failuresHeading}`, "");
    failures.forEach((failure, index) => lines.push(describeFinding(failure, String(index + 1)), ""));
  }
  const skipped = new Map<string, number>();
  for (const scenario of result.scenarios.filter((entry) => entry.outcome === "skipped")) {
    const key = `[${scenario.target}] ${scenario.provider}: ${scenario.skippedBecause ?? ""}`;
    skipped.set(key, (skipped.get(key) ?? 0) + 1);
  }
  if (skipped.size > 0) {
    lines.push("skipped (never counted as passed):");
    for (const [reason, count] of skipped) lines.push(`  ${reason} (${count} scenario${count === 1 ? "" : "s"})`);
    lines.push("");
  }
  for (const target of result.emptyTargets) lines.push(`nothing ran on ${target}: a run that checks nothing fails`, "");
  lines.push(...coverageTable(result), "");
  const { passed, failed, skipped: skippedCount } = tally(result);
  const requests = result.scenarios.reduce((sum, scenario) => sum + scenario.requests, 0);
  lines.push(`seed ${result.seed}, ${requests} requests in ${(result.durationMs / 1000).toFixed(1)} s${result.strict ? ", --strict" : ""}`);
  for (const target of result.targets) lines.push(targetLine(result, target));
  lines.push(`contract: ${passed} passed, ${failed} failed, ${skippedCount} skipped`);
  return lines.join("\n");
}
