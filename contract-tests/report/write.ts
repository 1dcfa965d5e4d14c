import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { unexercised } from "../runner/coverage.js";
import { tally, type SuiteResult } from "../runner/results.js";
import { junitReport } from "./junit.js";

/** Writes `coverage.json` and `junit.xml` into `directory`; returns their paths. */
export async function writeReports(result: SuiteResult, directory: string): Promise<{ coverage: string; junit: string }> {
  await mkdir(directory, { recursive: true });
  const coverage = join(directory, "coverage.json");
  const junit = join(directory, "junit.xml");
  const coverageDocument = {
    seed: result.seed,
    targets: result.targets,
    summary: tally(result),
    matrix: result.coverage,
    notExercised: Object.fromEntries(Object.keys(result.coverage).map((target) => [target, unexercised(result.coverage, target)])),
  };
  await writeFile(coverage, `${JSON.stringify(coverageDocument, null, 2)}\n`);
  await writeFile(junit, junitReport(result));
  return { coverage, junit };
}
