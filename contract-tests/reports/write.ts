import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { unexercised } from "../runner/coverage.js";
import { tally, type SuiteResult } from "../model/results.js";
import { htmlReport } from "./html.js";
import { jsonReport } from "./json.js";
import { junitReport } from "./junit.js";

export interface WrittenReports {
  junit: string;
  coverage: string;
  json: string;
  html: string;
}

/** Writes `junit.xml`, `coverage.json`, `contract.json` and `contract.html` into `directory`; returns their paths. */
export async function writeReports(result: SuiteResult, directory: string): Promise<WrittenReports> {
  await mkdir(directory, { recursive: true });
  const paths: WrittenReports = {
    junit: join(directory, "junit.xml"),
    coverage: join(directory, "coverage.json"),
    json: join(directory, "contract.json"),
    html: join(directory, "contract.html"),
  };
  const coverageDocument = {
    seed: result.seed,
    targets: result.targets,
    summary: tally(result),
    matrix: result.coverage,
    notExercised: Object.fromEntries(Object.keys(result.coverage).map((target) => [target, unexercised(result.coverage, target)])),
  };
  await Promise.all([
    writeFile(paths.junit, junitReport(result)),
    writeFile(paths.coverage, `${JSON.stringify(coverageDocument, null, 2)}\n`),
    writeFile(paths.json, `${JSON.stringify(jsonReport(result), null, 2)}\n`),
    writeFile(paths.html, htmlReport(result)),
  ]);
  return paths;
}
