import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../commands/contract.js";
import { failuresHeading, warningsHeading } from "../../contract-tests/reports/console.js";

export interface CliRun {
  code: number;
  output: string;
  /** The names after `check:` in the failure list, deduplicated. */
  failingChecks: Set<string>;
  /** The names after `check:` in the list of lenient answers, deduplicated. */
  lenientChecks: Set<string>;
  /** The failures' section of the output ("" when there is none). */
  failures: string;
  /** The lenient answers' section of the output ("" when there is none). */
  warnings: string;
  lastLine: string;
  reportsDirectory: string;
}

/** Runs `npm run contract -- <argv>` in this process, reports in a temp directory the caller removes. */
export async function runContract(argv: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const reportsDirectory = await mkdtemp(join(tmpdir(), "contract-reports-"));
  const lines: string[] = [];
  const code = await runCli([...argv, "--reports", reportsDirectory], env, (text) => lines.push(text));
  const output = lines.join("\n");
  const checksIn = (text: string) => new Set([...text.matchAll(/^ {3}check: +(\w+)$/gm)].map((match) => match[1] ?? ""));
  const failures = section(output, failuresHeading);
  const warnings = section(output, warningsHeading);
  return { code, output, failingChecks: checksIn(failures), lenientChecks: checksIn(warnings), failures, warnings, lastLine: output.trimEnd().split("\n").at(-1) ?? "", reportsDirectory };
}

/** The numbered entries after `heading`, up to the first line that is neither an entry nor indented. */
function section(output: string, heading: string): string {
  const start = output.indexOf(` ${heading}\n`);
  if (start < 0) return "";
  const lines = output.slice(start).split("\n").slice(2);
  const end = lines.findIndex((line) => line !== "" && !/^(W?\d+\)| )/.test(line));
  return (end < 0 ? lines : lines.slice(0, end)).join("\n");
}

export function removeReports(run: CliRun): Promise<void> {
  return rm(run.reportsDirectory, { recursive: true, force: true });
}
