import { unexercised } from "../runner/coverage.js";
import { tally, type Failure, type SuiteResult } from "../runner/results.js";

function describeFailure(failure: Failure, number: number): string {
  return [
    `${number}) [${failure.target}] ${failure.provider} ${failure.operation}`,
    `   scenario: ${failure.scenario}`,
    `   check:    ${failure.check}`,
    `   at:       ${failure.path}`,
    `   expected: ${failure.expected}`,
    `   got:      ${failure.got}`,
    ...(failure.note ? [`   note:     ${failure.note}`] : []),
    ...(failure.steps ? [`   after these earlier steps of the scenario:`, ...failure.steps.map((step) => `     ${step}`)] : []),
    ...(failure.curl ? [`   reproduce: ${failure.curl}`] : []),
  ].join("\n");
}

function coverageTable(result: SuiteResult): string[] {
  const lines: string[] = [];
  for (const [target, rows] of Object.entries(result.coverage)) {
    lines.push(`coverage on ${target} (answers per declared status; "-" = never exercised):`);
    const width = Math.max(...Object.keys(rows).map((operation) => operation.length));
    for (const [operation, row] of Object.entries(rows)) {
      const cells = Object.entries(row).map(([status, count]) => `${status}:${count === 0 ? "-" : count}`);
      lines.push(`  ${operation.padEnd(width)}  ${cells.join("  ")}`);
    }
    const missing = unexercised(result.coverage, target);
    lines.push(missing.length === 0 ? "  every declared status exercised" : `  not exercised: ${missing.join(", ")}`);
  }
  return lines;
}

/** The console report; its last line is the one CI reads. */
export function consoleReport(result: SuiteResult): string {
  const lines: string[] = [];
  const failures = result.scenarios.flatMap((scenario) => scenario.failures);
  if (failures.length > 0) {
    lines.push(`${failures.length} check failure(s):`, "");
    failures.forEach((failure, index) => lines.push(describeFailure(failure, index + 1), ""));
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
  lines.push(`seed ${result.seed}, ${result.scenarios.reduce((sum, scenario) => sum + scenario.requests, 0)} requests in ${(result.durationMs / 1000).toFixed(1)} s`);
  lines.push(`contract: ${passed} passed, ${failed} failed, ${skippedCount} skipped`);
  return lines.join("\n");
}
