import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";

/**
 * The scripts of docs/official-clients.md marked `<!-- check: name -->`, run as written with `node` against
 * the mocks on free ports (the only change: the documented `http://127.0.0.1:4010` and `:4011` become those). The
 * comment lines that end each block are what it must print.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// Inside node_modules, so the scripts' imports resolve from this repository as from an app's.
const scriptDirectory = join(repoRoot, "node_modules", ".cache", "connect-contracts-doc-checks");
const documentedOrigins = { kombo: "http://127.0.0.1:4010", kinde: "http://127.0.0.1:4011" } as const;
const run = promisify(execFile);

interface CheckedScript {
  name: string;
  code: string;
  expectedOutput: string[];
}

function checkedScripts(markdown: string): CheckedScript[] {
  const scripts: CheckedScript[] = [];
  for (const match of markdown.matchAll(/<!-- check: ([\w-]+) -->\n```js\n([\s\S]*?)```/g)) {
    const code = match[2] ?? "";
    const lines = code.trimEnd().split("\n");
    const expectedOutput: string[] = [];
    while (lines.length > 0 && lines[lines.length - 1]!.startsWith("// ")) expectedOutput.unshift(lines.pop()!.slice(3));
    scripts.push({ name: match[1] ?? "", code, expectedOutput });
  }
  return scripts;
}

const markdown = await readFile(join(repoRoot, "docs", "official-clients.md"), "utf8");
const scripts = checkedScripts(markdown);
let mocks: RunningMockServers;

beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
  await mkdir(scriptDirectory, { recursive: true });
});
afterAll(async () => {
  await mocks?.close();
  await rm(scriptDirectory, { recursive: true, force: true });
});

describe("docs/official-clients.md scripts run as written", () => {
  it("finds the Kombo scripts", () => {
    expect(scripts.map((script) => script.name)).toEqual(expect.arrayContaining(["kombo-flow", "kombo-errors"]));
    for (const script of scripts) expect(script.expectedOutput.length, `${script.name} ends with the output it prints`).toBeGreaterThan(0);
  });

  it.each(scripts.map((script) => [script.name, script] as const))("%s", async (_name, script) => {
    expect(script.code.includes(documentedOrigins.kombo) || script.code.includes(documentedOrigins.kinde), "the script talks to npm run mock").toBe(true);
    const file = join(scriptDirectory, `${script.name}.mjs`);
    await writeFile(file, script.code.replaceAll(documentedOrigins.kombo, mocks.kombo.origin).replaceAll(documentedOrigins.kinde, mocks.kinde.origin));
    const { stdout } = await run(process.execPath, [file], { cwd: repoRoot, timeout: 20_000 });
    expect(stdout.trimEnd().split("\n")).toEqual(script.expectedOutput);
  }, 30_000);
});
