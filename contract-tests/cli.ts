import { Command, CommanderError, InvalidArgumentError } from "commander";
import { pathToFileURL } from "node:url";
import { checkRegistry, type CheckName } from "./checks/registry.js";
import { consoleReport } from "./report/console.js";
import { writeReports } from "./report/write.js";
import { exitCode } from "./runner/results.js";
import { runSuite } from "./runner/suite.js";
import { createTarget } from "./targets/index.js";
import { targetNames, type TargetName } from "./targets/target.js";

type Environment = Readonly<Record<string, string | undefined>>;

export interface CliOptions {
  targets: TargetName[];
  seed: number;
  propertyRuns: number;
  reportsDirectory: string;
  excludedChecks: Set<CheckName>;
}

/** The options as commander hands them over, before the environment fills the gaps. */
interface RawOptions {
  target?: TargetName[];
  seed?: number;
  runs?: number;
  reports: string;
  excludeCheck?: CheckName[];
}

/** A usage mistake commander cannot see on its own (e.g. no target at all): exit code 2, like its own. */
export class UsageError extends Error {}

const usageExitCode = 2;

const helpAfter = `
Examples:
  npm run contract -- --target msw,mock,prism          what npm test runs
  npm run contract -- --target mock --seed 42 --runs 200
  npm run contract -- --target live                    the real APIs; credentials from the environment
  npm run contract -- --target live --exclude-check ignored_auth

Checks (for --exclude-check):
  ${Object.keys(checkRegistry).join(", ").replace(/(.{1,72})(, |$)/g, "$1,\n  ").replace(/,\n  $/, "")}

Exit codes:
  0  every check passed
  1  a check failed, nothing ran on a target, or the suite could not run
  2  usage error (unknown flag, bad value); nothing was sent

Reports: <reports>/junit.xml and <reports>/coverage.json. The last line printed is
"contract: N passed, N failed, N skipped". Details: docs/contract.md.`;

function wholeNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${name} needs a whole number, got "${raw}"`);
  return value;
}

/** Parser of a repeatable, comma-separated option whose values must be one of `allowed`. */
function listOf<Name extends string>(what: string, allowed: readonly Name[]) {
  return (raw: string, previous: Name[] | undefined): Name[] => {
    const names = raw.split(",").map((entry) => entry.trim()).filter(Boolean);
    for (const name of names) {
      if (!(allowed as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown ${what} "${name}" (one of ${allowed.join(", ")})`);
    }
    return [...new Set([...(previous ?? []), ...(names as Name[])])];
  };
}

const checkNames = Object.keys(checkRegistry) as CheckName[];

/** Declares every option and the help text on `command`. */
function declareOptions(command: Command): Command {
  return command
    .description("Check that the mocks, Prism or the live APIs answer as specs/kombo.yaml and specs/kinde.yaml say.")
    .option("-t, --target <names>", `where to send the requests, repeated or comma-separated: ${targetNames.join(", ")}`, listOf("target", targetNames))
    .option("--seed <n>", "seed of the generated requests (default: CONTRACT_SEED or 1)", (raw) => wholeNumber("--seed", raw))
    .option("--runs <n>", "generated requests per operation (default: CONTRACT_RUNS or 25)", (raw) => wholeNumber("--runs", raw))
    .option("--reports <dir>", "where junit.xml and coverage.json go", "reports")
    .option("--exclude-check <names>", "leave a check out, repeated or comma-separated", listOf("check", checkNames))
    .addHelpText("after", helpAfter)
    .showHelpAfterError("(add --help for the options, examples and exit codes)");
}

/** Commander's values plus the environment, checked as a whole. */
function toCliOptions(raw: RawOptions, env: Environment): CliOptions {
  if (raw.target === undefined) throw new UsageError("name at least one --target");
  const fromEnvironment = (name: string, fallback: string) => {
    try {
      return wholeNumber(name, env[name] ?? fallback);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  return {
    targets: raw.target,
    seed: raw.seed ?? fromEnvironment("CONTRACT_SEED", "1"),
    propertyRuns: raw.runs ?? fromEnvironment("CONTRACT_RUNS", "25"),
    reportsDirectory: raw.reports,
    excludedChecks: new Set(raw.excludeCheck ?? []),
  };
}

/** Parses `argv` (the arguments after `contract`) without running anything; throws on a usage error. */
export function parseArguments(argv: readonly string[], env: Environment): CliOptions {
  const command = declareOptions(new Command("contract"))
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  command.parse([...argv], { from: "user" });
  return toCliOptions(command.opts<RawOptions>(), env);
}

/** Runs the suite with parsed options: prints the report, writes the report files, returns the exit code. */
async function runContract(options: CliOptions, env: Environment, print: (text: string) => void): Promise<number> {
  try {
    const targets = await Promise.all(options.targets.map((name) => createTarget(name, env)));
    const result = await runSuite({ targets, seed: options.seed, propertyRuns: options.propertyRuns, excludedChecks: options.excludedChecks, log: print });
    const written = await writeReports(result, options.reportsDirectory);
    print(`reports: ${written.junit}, ${written.coverage}`);
    print(consoleReport(result));
    return exitCode(result);
  } catch (error) {
    print(`contract suite could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    print("contract: 0 passed, 1 failed, 0 skipped");
    return 1;
  }
}

interface CommandIo {
  env: Environment;
  print: (text: string) => void;
  finished: (code: number) => void;
}

function buildCommand(io: CommandIo): Command {
  const command = declareOptions(new Command("contract"));
  return command.action(async () => {
    let options: CliOptions;
    try {
      options = toCliOptions(command.opts<RawOptions>(), io.env);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return command.error(`error: ${error.message}`, { exitCode: usageExitCode, code: "contract.usage" });
    }
    io.finished(await runContract(options, io.env, io.print));
  });
}

/**
 * The `contract` command, ready to mount (`program.addCommand(contractCommand())`) or to run on its own.
 * It sets `process.exitCode` (0 pass, 1 failures) and exits 2 on a usage error.
 */
export function contractCommand(): Command {
  const command = buildCommand({
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    finished: (code) => {
      process.exitCode = code;
    },
  });
  // Commander exits 1 on its own usage errors; 1 means "a check failed" here, so usage errors exit 2.
  return command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : usageExitCode));
}

/** The whole CLI, callable in-process (tests): returns the exit code; help and usage errors go to `print`. */
export async function runCli(
  argv: readonly string[],
  env: Environment = process.env,
  print: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
): Promise<number> {
  let code = 0;
  const command = buildCommand({ env, print, finished: (finishedCode) => (code = finishedCode) })
    .exitOverride()
    .configureOutput({ writeOut: (text) => print(text.trimEnd()), writeErr: (text) => print(text.trimEnd()) });
  try {
    await command.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.exitCode === 0 ? 0 : usageExitCode;
  }
  return code;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await contractCommand().parseAsync(process.argv);
}
