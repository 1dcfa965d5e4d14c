import { pathToFileURL } from "node:url";
import { checkRegistry, type CheckName } from "./checks/registry.js";
import { consoleReport } from "./report/console.js";
import { writeReports } from "./report/write.js";
import { exitCode } from "./runner/results.js";
import { runSuite } from "./runner/suite.js";
import { createTarget } from "./targets/index.js";
import { targetNames, type TargetName } from "./targets/target.js";

export interface CliOptions {
  targets: TargetName[];
  seed: number;
  propertyRuns: number;
  reportsDirectory: string;
  excludedChecks: Set<CheckName>;
}

const usage = `usage: npm run contract -- --target <msw|mock|prism|live> [--target ...] [--seed N] [--runs N] [--reports DIR]
  --target  one or more targets, repeated or comma-separated (msw,mock)
  --seed    seed of the generated requests (default: CONTRACT_SEED or 1)
  --runs    generated requests per operation (default: CONTRACT_RUNS or 25)
  --reports where junit.xml and coverage.json go (default: reports)
  --exclude-check  leave a check out, repeated or comma-separated (e.g. negative_data_rejection)`;

export class UsageError extends Error {}

function positiveInteger(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${flag} needs a whole number, got "${raw ?? ""}"`);
  return value;
}

export function parseArguments(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  const targets: TargetName[] = [];
  let seed = positiveInteger("CONTRACT_SEED", env.CONTRACT_SEED ?? "1");
  let propertyRuns = positiveInteger("CONTRACT_RUNS", env.CONTRACT_RUNS ?? "25");
  let reportsDirectory = "reports";
  const excludedChecks = new Set<CheckName>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? "";
    const [flag, inline] = argument.includes("=") ? [argument.slice(0, argument.indexOf("=")), argument.slice(argument.indexOf("=") + 1)] : [argument, undefined];
    const value = () => inline ?? argv[++index];
    if (flag === "--target" || flag === "-t") {
      for (const name of (value() ?? "").split(",").map((entry) => entry.trim()).filter(Boolean)) {
        if (!(targetNames as readonly string[]).includes(name)) throw new UsageError(`unknown target "${name}" (one of ${targetNames.join(", ")})`);
        if (!targets.includes(name as TargetName)) targets.push(name as TargetName);
      }
    } else if (flag === "--seed") seed = positiveInteger("--seed", value());
    else if (flag === "--runs") propertyRuns = positiveInteger("--runs", value());
    else if (flag === "--reports") reportsDirectory = value() ?? reportsDirectory;
    else if (flag === "--exclude-check") {
      for (const name of (value() ?? "").split(",").map((entry) => entry.trim()).filter(Boolean)) {
        if (!(name in checkRegistry)) throw new UsageError(`unknown check "${name}" (one of ${Object.keys(checkRegistry).join(", ")})`);
        excludedChecks.add(name as CheckName);
      }
    }
    else if (flag === "--help" || flag === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument "${argument}"`);
  }
  if (targets.length === 0) throw new UsageError("name at least one --target");
  return { targets, seed, propertyRuns, reportsDirectory, excludedChecks };
}

/** The whole CLI, callable in-process (tests): returns the exit code. */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  print: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArguments(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    print(error.message ? `${error.message}\n${usage}` : usage);
    return 2;
  }
  const targets = await Promise.all(options.targets.map((name) => createTarget(name, env)));
  const result = await runSuite({
    targets,
    seed: options.seed,
    propertyRuns: options.propertyRuns,
    excludedChecks: options.excludedChecks,
    log: print,
  });
  const written = await writeReports(result, options.reportsDirectory);
  print(`reports: ${written.junit}, ${written.coverage}`);
  print(consoleReport(result));
  return exitCode(result);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`contract suite could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.stdout.write("contract: 0 passed, 1 failed, 0 skipped\n");
      process.exitCode = 1;
    },
  );
}
