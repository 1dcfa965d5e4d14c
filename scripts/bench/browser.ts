import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../../mocks/adapters/browser/test/chromium.js";
import { serveDirectory } from "../../mocks/adapters/browser/test/static-server.js";
import { projectRoot } from "./paths.js";
import type { BrowserFigures, NotMeasured } from "./results.js";
import { median } from "./stats.js";

const kib = (bytes: number) => bytes / 1024;

/**
 * `connect-contracts/mocks/browser` as an app's bundler ships it: esbuild, minified, code splitting on (so the
 * lazily imported faker is a chunk of its own), msw left out (the app has it anyway).
 */
async function bundleSizes(): Promise<Omit<BrowserFigures, "startToFirstAnswerMs" | "startRunsMs">> {
  const result = await build({
    entryPoints: [join(projectRoot, "mocks", "adapters", "browser", "index.ts")],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    minify: true,
    legalComments: "none",
    external: ["msw", "msw/*"],
    outdir: join(projectRoot, "reports", ".bench-build", "browser"),
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint !== undefined);
  if (entry === undefined) throw new Error("esbuild wrote no entry");
  const [entryPath, entryOutput] = entry;
  let entryBytes = 0;
  let entryGzip = 0;
  let lazyGzip = 0;
  for (const file of result.outputFiles) {
    const gzip = gzipSync(file.contents).length;
    if (file.path.endsWith(entryPath.split("/").at(-1) ?? "")) {
      entryBytes = file.contents.length;
      entryGzip = gzip;
    } else lazyGzip += gzip;
  }
  const byPackage: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(entryOutput.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? "ours";
    byPackage[name] = (byPackage[name] ?? 0) + kib(bytesInOutput);
  }
  return { entryKiB: kib(entryBytes), entryGzipKiB: kib(entryGzip), lazyGzipKiB: kib(lazyGzip), entryByPackageKiB: byPackage };
}

/** Each run a new Chromium profile, so the worker registers as on a first visit. */
async function workerStarts(runs: number): Promise<number[]> {
  const site = await mkdtemp(join(tmpdir(), "connect-contracts-bench-site-"));
  const server = await (async () => {
    execFileSync("npx", ["--no-install", "msw", "init", site, "--no-save"], { cwd: projectRoot, stdio: "ignore" });
    await build({ entryPoints: [join(import.meta.dirname, "browser-page.ts")], bundle: true, format: "esm", platform: "browser", target: "chrome120", minify: true, outfile: join(site, "app.js"), logLevel: "error" });
    await writeFile(join(site, "index.html"), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><script type="module" src="/app.js"></script></body></html>\n');
    return serveDirectory(site);
  })();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const profile = await mkdtemp(join(tmpdir(), "connect-contracts-bench-chromium-"));
      const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${server.origin}/`);
        const result = await page.waitForFunction(() => window.benchResult, undefined, { timeout: 20_000 }).then((handle) => handle.jsonValue());
        if (result === undefined || result.status !== 200 || !result.correct) throw new Error(`the worker answered create-link wrongly: ${JSON.stringify(result)}`);
        times.push(result.ms);
      } finally {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
    await rm(site, { recursive: true, force: true });
  }
  return times;
}

/** The browser entry's size, and (with Chromium at hand) the worker's start to its first answer. */
export async function measureBrowser(runs: number): Promise<{ figures: BrowserFigures | undefined; notMeasured: NotMeasured[] }> {
  const notMeasured: NotMeasured[] = [];
  let sizes: Awaited<ReturnType<typeof bundleSizes>>;
  try {
    sizes = await bundleSizes();
  } catch (error) {
    return { figures: undefined, notMeasured: [{ what: "browser bundle", reason: (error as Error).message }] };
  }
  let runsMs: number[] = [];
  if (runs === 0) notMeasured.push({ what: "browser: worker start to first answer", reason: "--browser-starts 0" });
  else if (!existsSync(chromiumPath)) notMeasured.push({ what: "browser: worker start to first answer", reason: `${chromiumPath} is missing (apt-get install chromium)` });
  else {
    try {
      runsMs = await workerStarts(runs);
    } catch (error) {
      notMeasured.push({ what: "browser: worker start to first answer", reason: (error as Error).message.split("\n")[0] ?? "failed" });
    }
  }
  return { figures: { ...sizes, startToFirstAnswerMs: runsMs.length > 0 ? median(runsMs) : undefined, startRunsMs: runsMs }, notMeasured };
}
