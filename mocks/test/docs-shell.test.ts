import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";
import { docShellBlocks, expectedExitCode, outputMismatch, skipReason, type DocCommand, type DocShellBlock } from "./docs-shell-blocks.js";

/**
 * The `sh` blocks of docs/mock.md, docs/proxy.md, docs/cli.md and docs/webhooks.md, run as written with bash (with `pipefail`, so a
 * failing curl before a `| grep` counts) against mocks this test starts on 127.0.0.1:4010 and :4011, the ports the
 * docs name. Commands run one after another in one shell per block, so variables carry over as in a terminal. What
 * is compared, and which commands are not run and why: docs-shell-blocks.ts.
 *
 * `npx connect-contracts` runs from an empty directory whose node_modules/.bin/connect-contracts starts this
 * clone's cli/bin.ts with tsx: the source the packaged bin is compiled from (scripts/test/package.test.ts runs the
 * packaged one).
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const documentedPorts = { komboPort: 4010, kindePort: 4011 } as const;
const run = promisify(execFile);

interface CommandResult {
  exitCode: number;
  printed: string;
}

let workDir: string;

async function startOnDocumentedPorts(page: string, options: Parameters<typeof startMockServers>[0] = {}): Promise<RunningMockServers> {
  try {
    return await startMockServers({ ...options, ...documentedPorts, host: "127.0.0.1", quiet: true, log: () => undefined });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${page}: cannot listen on 127.0.0.1:4010 and :4011 (${reason}). Its commands name these ports, so this test needs them free: stop \`npm run mock\` or whatever holds them, then run it again.`,
    );
  }
}

/** Runs the block's commands in one bash; each command's exit code and everything it printed (2>&1, in order). */
async function runBlock(block: DocShellBlock, commands: DocCommand[]): Promise<CommandResult[]> {
  const outputDir = await mkdtemp(join(workDir, "block-"));
  const script = ["set -o pipefail"];
  // `{ …\n}` runs in this shell, so `SESSION=$(…)` stays set for the next command.
  for (const [index, command] of commands.entries()) {
    script.push(`{ ${command.text}\n} >"${outputDir}/${index}.out" 2>&1; echo $? >"${outputDir}/${index}.code"`);
  }
  try {
    await run("bash", ["-c", script.join("\n")], { cwd: workDir, timeout: 60_000 });
  } catch (error) {
    throw new Error(`${block.page}:${block.line}: the block did not finish within 60 s: ${error instanceof Error ? error.message : String(error)}`);
  }
  return Promise.all(
    commands.map(async (_command, index) => ({
      exitCode: Number((await readFile(join(outputDir, `${index}.code`), "utf8")).trim()),
      printed: await readFile(join(outputDir, `${index}.out`), "utf8"),
    })),
  );
}

function blockTitle(block: DocShellBlock): string {
  const run = block.commands.filter((command) => skipReason(command) === undefined);
  return `line ${block.line}: ${run.length} command(s)`;
}

async function checkBlock(block: DocShellBlock): Promise<void> {
  const commands = block.commands.filter((command) => skipReason(command) === undefined);
  const results = await runBlock(block, commands);
  const faults = commands.flatMap((command, index) => {
    const result = results[index] as CommandResult;
    const where = `${block.page}:${command.line}: ${command.text}\n  printed:\n${result.printed.replace(/\r$/gm, "").trimEnd().replace(/^/gm, "    ")}`;
    const expectedCode = expectedExitCode(command);
    if (result.exitCode !== expectedCode) return [`${where}\n  exit code ${result.exitCode}, expected ${expectedCode}`];
    const mismatch = outputMismatch(command.expectedOutput, result.printed);
    return mismatch === undefined ? [] : [`${where}\n  not what the docs show: ${mismatch}`];
  });
  expect(faults.join("\n\n"), "every command runs as written and prints what the docs show").toBe("");
}

const pages = ["mock.md", "proxy.md", "cli.md", "webhooks.md"] as const;
const blocksByPage = new Map<string, DocShellBlock[]>();
for (const page of pages) blocksByPage.set(page, docShellBlocks(`docs/${page}`, await readFile(join(repoRoot, "docs", page), "utf8")));

/** The commands of a page that are not run, by the rule or marker that says why: shown in the suite's name. */
function notRunSummary(page: string): string {
  const linesByReason = new Map<string, number[]>();
  for (const block of blocksByPage.get(page) ?? []) {
    const notRun = block.skip !== undefined ? [{ line: block.line, reason: block.skip }] : block.commands.map((command) => ({ line: command.line, reason: skipReason(command) }));
    for (const { line, reason } of notRun) if (reason !== undefined) linesByReason.set(reason, [...(linesByReason.get(reason) ?? []), line]);
  }
  const parts = [...linesByReason].map(([reason, lines]) => `line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}: ${reason}`);
  return parts.length === 0 ? "" : ` (not run: ${parts.join("; ")})`;
}

function runnableBlocks(page: string): DocShellBlock[] {
  return (blocksByPage.get(page) ?? []).filter((block) => block.skip === undefined && block.commands.some((command) => skipReason(command) === undefined));
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "connect-contracts-docs-shell-"));
  const bin = join(workDir, "node_modules", ".bin");
  await mkdir(bin, { recursive: true });
  const tsx = join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");
  await writeFile(join(bin, "connect-contracts"), `#!/bin/sh\nexec "${process.execPath}" "${tsx}" "${join(repoRoot, "cli", "bin.ts")}" "$@"\n`);
  await chmod(join(bin, "connect-contracts"), 0o755);
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("the docs' sh blocks are read", () => {
  it("finds the commands this test is about, and a reason for each block or command it does not run", () => {
    const commands = [...blocksByPage.values()].flat().flatMap((block) => (block.skip === undefined ? block.commands : []));
    const runnable = commands.filter((command) => skipReason(command) === undefined).map((command) => command.text);
    // The Kinde consent flow, the Kombo flow, reset, the journal, the proxy's answers, a refused command line.
    for (const expected of ["SESSION=$(curl", "LINK=$(curl", "/__mock/reset", "-X DELETE http://127.0.0.1:4010/__mock/requests", "x-contract-violations", "mock --port 7310"]) {
      expect(runnable.some((text) => text.includes(expected)), `a command with ${expected} is run`).toBe(true);
    }
    for (const block of [...blocksByPage.values()].flat()) expect(block.skip ?? "run", `${block.page}:${block.line}`).not.toBe("");
    expect(commands.filter((command) => command.text.startsWith("curl") && command.expectedOutput.length > 0).length).toBeGreaterThan(15);
  });
});

describe(`docs/mock.md, against the mock${notRunSummary("mock.md")}`, () => {
  let mocks: RunningMockServers;
  beforeAll(async () => {
    mocks = await startOnDocumentedPorts("docs/mock.md");
  });
  afterAll(async () => {
    await mocks?.close();
  });

  it.each(runnableBlocks("mock.md").map((block) => [blockTitle(block), block] as const))("%s", async (_title, block) => checkBlock(block), 90_000);
});

describe(`docs/proxy.md, against the proxy in front of a mock standing in for the live API${notRunSummary("proxy.md")}`, () => {
  let upstream: RunningMockServers;
  let proxy: RunningMockServers;
  beforeAll(async () => {
    upstream = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, log: () => undefined });
    proxy = await startOnDocumentedPorts("docs/proxy.md", { proxy: { kombo: upstream.kombo.baseUrl, kinde: upstream.kinde.baseUrl } });
  });
  afterAll(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  it.each(runnableBlocks("proxy.md").map((block) => [blockTitle(block), block] as const))("%s", async (_title, block) => checkBlock(block), 90_000);
});

describe(`docs/cli.md${notRunSummary("cli.md")}`, () => {
  it.each(runnableBlocks("cli.md").map((block) => [blockTitle(block), block] as const))("%s", async (_title, block) => checkBlock(block), 90_000);
});

describe(`docs/webhooks.md, against the mock (no webhook URL: the events are listed only)${notRunSummary("webhooks.md")}`, () => {
  let mocks: RunningMockServers;
  beforeAll(async () => {
    mocks = await startOnDocumentedPorts("docs/webhooks.md");
  });
  afterAll(async () => {
    await mocks?.close();
  });

  it.each(runnableBlocks("webhooks.md").map((block) => [blockTitle(block), block] as const))("%s", async (_title, block) => checkBlock(block), 90_000);
});
