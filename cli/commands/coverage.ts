import { Command, InvalidArgumentError } from "commander";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Outcome } from "../exit-codes.js";
import { processIo, type CommandIo } from "../io.js";
import { refuse, withAction } from "../run.js";
import { coverageRows, coveredShare, mergeProviderCoverage, readProviderCoverage, type ProviderCoverage } from "../../openapi/coverage.js";

/** `connect-contracts coverage`: which of the providers' declared answers the app's own tests met. */

const examples = `
Examples:
  $ npx connect-contracts coverage --from http://127.0.0.1:4010 --from http://127.0.0.1:4011
  $ npx connect-contracts coverage --from reports/consumer-coverage.json --min 60
  $ npx connect-contracts coverage --from http://127.0.0.1:4010 --require "PostConnectCreateLink 429"

--from takes a running mock (its /__mock/coverage is read) or a file: reports/consumer-coverage.json as the
vitest set-up writes it, or a saved /__mock/coverage answer. Several --from add up.

Exit codes: 0 every requirement met, 1 below --min or a required answer never met (each named),
2 bad command line or a --from that cannot be read.`;

interface CoverageOptions {
  from: string[];
  min?: number;
  require: string[];
  reports: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function percent(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) throw new InvalidArgumentError("Not a percentage (0-100).");
  return value;
}

async function readSource(source: string): Promise<ProviderCoverage[]> {
  if (/^https?:\/\//i.test(source)) {
    const url = /\/__mock\/coverage\/?$/.test(source) ? source : `${source.replace(/\/+$/, "")}/__mock/coverage`;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(`${url}: no mock answers there (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}); start it with npx connect-contracts mock`);
    }
    if (!response.ok) throw new Error(`${url}: answered ${response.status}, not a mock's coverage`);
    return readProviderCoverage(await response.json(), url);
  }
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    throw new Error(`${source}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return readProviderCoverage(JSON.parse(text), source);
  } catch (error) {
    throw new Error(error instanceof SyntaxError ? `${source}: not JSON (${error.message})` : error instanceof Error ? error.message : String(error));
  }
}

/** `"PostConnectCreateLink 429"` (or `"kombo PostConnectCreateLink 429"`): met, or the sentence saying it was not. */
function requirementProblem(requirement: string, providers: readonly ProviderCoverage[]): string | undefined {
  const parts = requirement.trim().split(/\s+/);
  const status = parts.at(-1) ?? "";
  const operationId = parts.at(-2) ?? "";
  const provider = parts.length > 2 ? parts[0] : undefined;
  const owners = providers.filter((entry) => (provider === undefined || entry.provider === provider) && entry.operations[operationId] !== undefined);
  if (owners.length === 0) return `--require "${requirement}": no operation ${operationId} in the coverage read (from ${providers.map((entry) => entry.provider).join(", ") || "nothing"})`;
  const counts = owners.map((owner) => owner.operations[operationId]?.statuses[status]);
  if (counts.every((count) => count === undefined)) return `--require "${requirement}": ${operationId} declares no ${status}`;
  if (counts.every((count) => (count ?? 0) === 0)) return `required answer never met: ${owners[0]?.provider} ${operationId} ${status}`;
  return undefined;
}

export function coverageCommand(io: CommandIo = processIo): Command {
  const command = new Command("coverage")
    .description("Which of the providers' declared answers (statuses and named examples) your app's tests met on the mock")
    .requiredOption("--from <url|file>", "a running mock (http://127.0.0.1:4010) or a coverage file; repeat it to add up", collect, [])
    .option("--min <percent>", "fail below this share of declared statuses met", percent)
    .option("--require <answer>", 'fail unless this answer was met, e.g. "PostConnectCreateLink 429"; repeatable', collect, [])
    .option("--reports <dir>", "where consumer-coverage.html is written", "reports")
    .addHelpText("after", examples)
    .showHelpAfterError("(coverage --help shows the options and examples)");
  return withAction(command, io, async (options: CoverageOptions): Promise<Outcome> => {
    let read: ProviderCoverage[][];
    try {
      read = await Promise.all(options.from.map(readSource));
    } catch (error) {
      io.err(`coverage: ${error instanceof Error ? error.message : String(error)}\n`);
      return "usage";
    }
    const providers = mergeProviderCoverage(read);
    const statuses = coverageRows(providers, "statuses");
    const share = coveredShare(statuses);
    const problems: string[] = [];
    for (const requirement of options.require) {
      const problem = requirementProblem(requirement, providers);
      if (problem?.startsWith("--require")) refuse(command, `coverage: ${problem}`);
      if (problem !== undefined) problems.push(problem);
    }
    if (options.min !== undefined && share.percent < options.min) {
      problems.push(`${share.percent.toFixed(1)}% of the declared statuses met, below --min ${options.min}%: each answer never met is listed above`);
    }
    const summary = `consumer coverage: ${share.covered} of ${share.declared} declared statuses met (${share.percent.toFixed(1)}%)`;
    // The report writers are imported when a report is written, not when the command line is read.
    const [{ consumerCoverageHtml }, { coverageTextTable }] = await Promise.all([
      import("../../contract-tests/reports/consumer-coverage.js"),
      import("../../contract-tests/reports/coverage-table.js"),
    ]);
    await mkdir(options.reports, { recursive: true });
    const html = join(options.reports, "consumer-coverage.html");
    await writeFile(html, consumerCoverageHtml(providers, summary, problems));
    io.out([...coverageTextTable("consumer coverage", statuses), "", ...problems, `report: ${html}`, summary, ""].join("\n"));
    return problems.length === 0 ? "ok" : "failed";
  });
}

