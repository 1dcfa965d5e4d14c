/**
 * Run by `npm run bench` (by path, in a process of its own): `setupMockWorker()` + `worker.start()` to the first
 * create-link answer in headless Chromium, `runs` times, each in a new profile so the worker registers as on a
 * first visit. Prints one JSON line: { runsMs: number[] }. Shares the browser test's Chromium and static server.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "./chromium.js";
import { serveDirectory } from "./static-server.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../../..");
const runs = Number(process.argv[2] ?? 3);
if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get update && apt-get install -y chromium`);

const site = await mkdtemp(join(tmpdir(), "connect-contracts-bench-site-"));
execFileSync("npx", ["--no-install", "msw", "init", site, "--no-save"], { cwd: repoRoot, stdio: "ignore" });
await build({ entryPoints: [join(here, "worker-start-page.ts")], bundle: true, format: "esm", platform: "browser", target: "chrome120", minify: true, outfile: join(site, "app.js"), logLevel: "error" });
await writeFile(join(site, "index.html"), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><script type="module" src="/app.js"></script></body></html>\n');
const server = await serveDirectory(site);
const runsMs: number[] = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const profile = await mkdtemp(join(tmpdir(), "connect-contracts-bench-chromium-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.origin}/`);
      const result = await page.waitForFunction(() => window.benchResult, undefined, { timeout: 20_000 }).then((handle) => handle.jsonValue());
      if (result === undefined || result.status !== 200 || !result.correct) throw new Error(`the worker answered create-link wrongly: ${JSON.stringify(result)}`);
      runsMs.push(result.ms);
    } finally {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    }
  }
} finally {
  await server.close();
  await rm(site, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ runsMs })}\n`);
