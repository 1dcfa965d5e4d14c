import { displayUrl } from "../../openapi/redact.js";
import { failuresHeading, describeFinding } from "../reports/console.js";
import { tally, type SuiteResult } from "../model/results.js";

/** The console report of a receiver run: each failure as the contract suite prints it, then one summary line. */
export function receiverConsoleReport(result: SuiteResult, target: string): string {
  const lines: string[] = [];
  const failures = result.scenarios.flatMap((scenario) => scenario.failures);
  if (failures.length > 0) {
    lines.push(`${failures.length} ${failuresHeading}`, "");
    failures.forEach((failure, index) => lines.push(describeFinding(failure, String(index + 1)), ""));
  }
  for (const scenario of result.scenarios) lines.push(`${scenario.outcome === "passed" ? "ok  " : "FAIL"}  ${scenario.name}`);
  const { passed, failed } = tally(result);
  lines.push("", `webhooks: ${passed} passed, ${failed} failed against ${displayUrl(target)}`);
  return lines.join("\n");
}
