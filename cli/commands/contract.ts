import { Command, InvalidArgumentError } from "commander";
import type { Outcome } from "../exit-codes.js";
import { processIo, type CommandIo, type Environment } from "../io.js";
import { isEntryPoint, refuse, runCommand, withAction } from "../run.js";
import { excludableChecks, type CheckName, type SuiteCheckName } from "../../contract-tests/checks/registry.js";
import { providerContracts } from "../../contract-tests/model/provider-contract.js";
import { environmentVariable, providerIds, type ProviderId } from "../../providers/registry.js";
import type { TargetSettings } from "../../contract-tests/targets/index.js";
import { targetNames, type TargetName } from "../../contract-tests/targets/target.js";

export interface CliOptions {
  targets: TargetName[];
  seed: number;
  propertyRuns: number;
  reportsDirectory: string;
  excludedChecks: Set<CheckName | SuiteCheckName>;
  strict: boolean;
  /** Base URLs and capability flags. */
  targetSettings: TargetSettings;
  /** `--provider`; undefined: both. */
  providers: Set<ProviderId> | undefined;
  /** `--operation`, as operationIds; undefined: all. */
  operations: Set<string> | undefined;
}

/** The options as commander hands them over, before the environment fills the gaps. */
interface RawOptions {
  target?: TargetName[];
  seed?: number;
  runs?: number;
  reports: string;
  excludeCheck?: (CheckName | SuiteCheckName)[];
  strict?: boolean;
  komboUrl?: string;
  kindeUrl?: string;
  stateless?: boolean;
  anyCredential?: boolean;
  provider?: ProviderId[];
  operation?: string[];
}

/** A usage mistake commander cannot see on its own (e.g. no target at all): exit code 2, like its own. */
export class UsageError extends Error {}

const helpAfter = `
Examples:
  npm run contract -- --target msw,mock,prism          what npm test runs
  npm run contract -- --target mock --seed 42 --runs 200
  npm run contract -- --target live                    the real APIs; credentials from the environment
  npm run contract -- --target live --strict           lenient answers fail too
  npm run contract -- --target url --kombo-url https://staging.example.com/v1 --stateless --any-credential
  npm run contract -- --target mock --provider kinde --operation "GET /api/v1/connected_apps/token"
  npm run contract -- --target live --exclude-check ignored_auth

Targets: msw, mock, prism (started here), live (the real APIs), url (--kombo-url and/or
--kinde-url; credentials from the same variables as live: ${environmentVariable("kombo", "API_KEY")}, ${environmentVariable("kinde", "TOKEN")}, ...).

Checks (for --exclude-check):
  ${excludableChecks.join(", ").replace(/(.{1,72})(, |$)/g, "$1,\n  ").replace(/,\n  $/, "")}

Exit codes:
  0  every check passed (lenient answers are warnings, unless --strict)
  1  a check failed, nothing ran on a target, or the suite could not run
  2  usage error (unknown flag, bad value); nothing was sent

Reports: <reports>/junit.xml, coverage.json, contract.json and contract.html. The last line
printed is "contract: N passed, N failed, N skipped". Details: docs/contract.md.`;

function wholeNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${name} needs a whole number, got "${raw}"`);
  return value;
}

function httpUrl(flag: string) {
  return (raw: string): string => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new InvalidArgumentError(`${flag} needs an absolute http(s) URL, got "${raw}"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidArgumentError(`${flag} needs an http(s) URL, got "${raw}"`);
    return raw.replace(/\/+$/, "");
  };
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


/** Declares every option and the help text on `command`. */
function declareOptions(command: Command): Command {
  return command
    .description("Check that the mocks, Prism, the live APIs or any server answer as specs/kombo.yaml and specs/kinde.yaml say.")
    .option("-t, --target <names>", `where to send the requests, repeated or comma-separated: ${targetNames.join(", ")}`, listOf("target", targetNames))
    .option("--kombo-url <url>", "--target url: Kombo's base URL, with its base path (e.g. http://127.0.0.1:4010/v1)", httpUrl("--kombo-url"))
    .option("--kinde-url <url>", "--target url: Kinde's base URL (e.g. https://acme.kinde.com)", httpUrl("--kinde-url"))
    .option("--stateless", "the target keeps no state: unknown-token and flow scenarios are skipped")
    .option("--any-credential", "the target accepts every credential: ignored_auth is skipped (a wrong bearer or client secret), and no credential needs to be set")
    .option("--provider <names>", `only this provider, repeated or comma-separated: ${providerIds.join(", ")}`, listOf("provider", providerIds))
    .option("--operation <operation>", 'only scenarios that call this operation: an operationId or "METHOD /path" (repeatable)', (raw: string, previous: string[] | undefined) => [...(previous ?? []), raw])
    .option("--strict", "lenient answers (accepted input the spec does not declare) fail the run")
    .option("--seed <n>", "seed of the generated requests (default: CONTRACT_SEED or 1)", (raw) => wholeNumber("--seed", raw))
    .option("--runs <n>", "generated requests per operation (default: CONTRACT_RUNS or 25)", (raw) => wholeNumber("--runs", raw))
    .option("--reports <dir>", "where the reports go", "reports")
    .option("--exclude-check <names>", "leave a check out, repeated or comma-separated", listOf("check", excludableChecks))
    .addHelpText("after", helpAfter)
    .showHelpAfterError("(add --help for the options, examples and exit codes)");
}

/** `--operation` values as operationIds: an operationId, or "METHOD /path" as the spec writes the path. */
function resolveOperations(names: readonly string[], providers: ReadonlySet<ProviderId> | undefined): Set<string> {
  const operations = providerContracts()
    .filter((provider) => providers?.has(provider.id) ?? true)
    .flatMap((provider) => provider.index.operations);
  const resolved = new Set<string>();
  for (const name of names) {
    const [method, path] = name.trim().split(/\s+/, 2);
    const operation = operations.find(
      (entry) => entry.operationId === name.trim() || (path !== undefined && entry.method === method?.toUpperCase() && entry.pathTemplate === path),
    );
    if (!operation) {
      const known = operations.map((entry) => `${entry.operationId} (${entry.method} ${entry.pathTemplate})`).join(", ");
      throw new UsageError(`--operation "${name}" names no operation${providers ? ` of ${[...providers].join(", ")}` : ""}; known: ${known}`);
    }
    resolved.add(operation.operationId);
  }
  return resolved;
}

/** Commander's values plus the environment, checked as a whole. */
function toCliOptions(raw: RawOptions, env: Environment): CliOptions {
  if (raw.target === undefined) throw new UsageError("name at least one --target");
  const urls = { ...(raw.komboUrl ? { kombo: raw.komboUrl } : {}), ...(raw.kindeUrl ? { kinde: raw.kindeUrl } : {}) };
  const wantsUrl = raw.target.includes("url");
  if (wantsUrl && Object.keys(urls).length === 0) throw new UsageError("--target url needs --kombo-url and/or --kinde-url");
  if (!wantsUrl && Object.keys(urls).length > 0) throw new UsageError("--kombo-url and --kinde-url go with --target url");
  const fromEnvironment = (name: string, fallback: string) => {
    try {
      return wholeNumber(name, env[name] ?? fallback);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const providers = raw.provider ? new Set(raw.provider) : undefined;
  return {
    targets: raw.target,
    seed: raw.seed ?? fromEnvironment("CONTRACT_SEED", "1"),
    propertyRuns: raw.runs ?? fromEnvironment("CONTRACT_RUNS", "25"),
    reportsDirectory: raw.reports,
    excludedChecks: new Set(raw.excludeCheck ?? []),
    strict: raw.strict ?? false,
    targetSettings: { urls, stateless: raw.stateless ?? false, anyCredential: raw.anyCredential ?? false },
    providers,
    operations: raw.operation ? resolveOperations(raw.operation, providers) : undefined,
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

/** Runs the suite with parsed options: prints the report, writes the report files, says whether every check passed. */
async function runContract(options: CliOptions, io: CommandIo): Promise<Outcome> {
  const print = (text: string) => io.out(`${text}\n`);
  try {
    // Imported when the suite runs, not when the command line is read: `connect-contracts mock` starts without them.
    const [{ createTarget }, { runSuite }, { writeReports }, { consoleReport }, { exitCode }] = await Promise.all([
      import("../../contract-tests/targets/index.js"),
      import("../../contract-tests/runner/suite.js"),
      import("../../contract-tests/reports/write.js"),
      import("../../contract-tests/reports/console.js"),
      import("../../contract-tests/model/results.js"),
    ]);
    const targets = await Promise.all(options.targets.map((name) => createTarget(name, io.env, options.targetSettings)));
    const result = await runSuite({
      targets,
      seed: options.seed,
      propertyRuns: options.propertyRuns,
      excludedChecks: options.excludedChecks,
      strict: options.strict,
      providers: options.providers,
      operations: options.operations,
      log: print,
    });
    const written = await writeReports(result, options.reportsDirectory);
    print(`reports: ${Object.values(written).join(", ")}`);
    print(consoleReport(result));
    return exitCode(result) === 0 ? "ok" : "failed";
  } catch (error) {
    // The message says what went wrong (a report folder that cannot be written, a target that cannot load); a stack would bury it.
    print(`contract suite could not run: ${error instanceof Error ? error.message : String(error)}`);
    print("contract: 0 passed, 1 failed, 0 skipped");
    return "failed";
  }
}

/** The `contract` command, ready to mount (`program.addCommand(contractCommand(io))`) or to run on its own. */
export function contractCommand(io: CommandIo = processIo): Command {
  const command = declareOptions(new Command("contract"));
  return withAction(command, io, async (raw: RawOptions) => {
    let options: CliOptions;
    try {
      options = toCliOptions(raw, io.env);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      refuse(command, `error: ${error.message}`);
    }
    return runContract(options, io);
  });
}

if (isEntryPoint(import.meta.url)) await runCommand(contractCommand, process.argv.slice(2));
