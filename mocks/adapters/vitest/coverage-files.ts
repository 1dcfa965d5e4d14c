import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mergeProviderCoverage, readProviderCoverage, type ProviderCoverage } from "../../../openapi/coverage.js";

/**
 * The consumer coverage of a whole test run, in files: each test file's mocks save their part
 * (`saveCoverage`, in `afterAll`), and vitest's global teardown (`consumerCoverageGlobalSetup`) merges the
 * parts, and the coverage of HTTP mocks it is told of, into `reports/consumer-coverage.json`, which
 * `npx connect-contracts coverage --from reports/consumer-coverage.json` reads.
 */

export interface CoverageFileOptions {
  /** Default `reports` (relative to the working directory vitest runs in). */
  reports?: string;
}

const partsFolder = ".consumer-coverage";

function partsDirectory(options: CoverageFileOptions): string {
  return join(options.reports ?? "reports", partsFolder);
}

/** Saves one test file's coverage (`mocks` from `setupMockServer()` or `startMockServers()`) as a part of the run. */
export async function saveCoverage(mocks: { coverage(): ProviderCoverage[] }, options: CoverageFileOptions = {}): Promise<string> {
  const directory = partsDirectory(options);
  await mkdir(directory, { recursive: true });
  const file = join(directory, `part-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
  await writeFile(file, JSON.stringify({ providers: mocks.coverage() }));
  return file;
}

export interface GlobalSetupOptions extends CoverageFileOptions {
  /** HTTP mocks whose `/__mock/coverage` is added at teardown, e.g. `["http://127.0.0.1:4010", "http://127.0.0.1:4011"]`. */
  mocks?: readonly string[];
}

async function httpCoverage(origin: string): Promise<ProviderCoverage[]> {
  const url = `${origin.replace(/\/+$/, "")}/__mock/coverage`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return readProviderCoverage(await response.json(), url);
}

/** Merges the parts saved so far (and the HTTP mocks' coverage) into `reports/consumer-coverage.json`; returns its path. */
export async function writeConsumerCoverage(options: GlobalSetupOptions = {}): Promise<string> {
  const directory = partsDirectory(options);
  const names = await readdir(directory).catch(() => [] as string[]);
  const parts = await Promise.all(
    names.filter((name) => name.endsWith(".json")).map(async (name) => readProviderCoverage(JSON.parse(await readFile(join(directory, name), "utf8")), join(directory, name))),
  );
  const remote = await Promise.all((options.mocks ?? []).map(httpCoverage));
  const file = join(options.reports ?? "reports", "consumer-coverage.json");
  await mkdir(options.reports ?? "reports", { recursive: true });
  await writeFile(file, `${JSON.stringify({ providers: mergeProviderCoverage([...parts, ...remote]) }, null, 2)}\n`);
  await rm(directory, { recursive: true, force: true });
  return file;
}

/**
 * vitest's `globalSetup`: clears the parts of an earlier run when the run starts, and writes
 * `reports/consumer-coverage.json` from this run's parts when it ends.
 *
 *     // test/global-setup.ts, listed in vitest.config.ts as test.globalSetup
 *     import { consumerCoverageGlobalSetup } from "connect-contracts/mocks/vitest";
 *     export default consumerCoverageGlobalSetup();
 */
export function consumerCoverageGlobalSetup(options: GlobalSetupOptions = {}): () => Promise<() => Promise<void>> {
  return async () => {
    await rm(partsDirectory(options), { recursive: true, force: true });
    return async () => {
      await writeConsumerCoverage(options);
    };
  };
}
