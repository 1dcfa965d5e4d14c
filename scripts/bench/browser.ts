import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { runChild } from "./in-process-runner.js";
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
  else {
    // The browser test's own harness (its Chromium, its static server), run by path in a process of its own.
    const timed = await runChild<{ runsMs: number[] }>(join(projectRoot, "mocks", "adapters", "browser", "test", "worker-start.ts"), [String(runs)]);
    if (timed.ok) runsMs = timed.value.runsMs;
    else notMeasured.push({ what: "browser: worker start to first answer", reason: timed.reason });
  }
  return { figures: { ...sizes, startToFirstAnswerMs: runsMs.length > 0 ? median(runsMs) : undefined, startRunsMs: runsMs }, notMeasured };
}
