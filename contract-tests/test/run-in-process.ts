import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli.js";

export interface CliRun {
  code: number;
  output: string;
  /** The names after `check:` in the failure list, deduplicated. */
  failingChecks: Set<string>;
  lastLine: string;
  reportsDirectory: string;
}

/** Runs `npm run contract -- <argv>` in this process, reports in a temp directory the caller removes. */
export async function runContract(argv: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const reportsDirectory = await mkdtemp(join(tmpdir(), "contract-reports-"));
  const lines: string[] = [];
  const code = await runCli([...argv, "--reports", reportsDirectory], env, (text) => lines.push(text));
  const output = lines.join("\n");
  const failingChecks = new Set([...output.matchAll(/^ {3}check: +(\w+)$/gm)].map((match) => match[1] ?? ""));
  return { code, output, failingChecks, lastLine: output.trimEnd().split("\n").at(-1) ?? "", reportsDirectory };
}

export function removeReports(run: CliRun): Promise<void> {
  return rm(run.reportsDirectory, { recursive: true, force: true });
}
