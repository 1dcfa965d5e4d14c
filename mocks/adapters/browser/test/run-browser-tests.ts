/**
 * `npm run test:browser`: bundles page.ts with esbuild, puts msw's worker next to it with `msw init`,
 * serves both on 127.0.0.1 (a free port) and drives Debian's Chromium headless through playwright-core.
 * Beside msw, the Kombo connect scenarios also run against `startMockServers` (what `npm run mock` starts).
 * Prints one line per scenario and finally `browser: N passed, N failed`; exits non-zero on any failure,
 * including a missing Chromium (never a silent skip).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startMockServers, type RunningMockServers } from "../../node/server.js";
import { chromiumArgs, chromiumPath } from "./chromium.js";
import { actInKomboConnect, komboConnectAction } from "./kombo-connect-driver.js";
import { serveDirectory, type StaticServer } from "./static-server.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../../..");
const scenarioTimeoutMs = 20_000;
/** 4 msw scenarios, 3 Kombo connect scenarios each against msw and `startMockServers`, 2 on data: links and the frame bridge. */
const expectedScenarios = 12;

let passed = 0;
let failed = 0;

function report(ok: boolean, name: string, detail: string): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${detail}`);
}

async function prepareSite(directory: string): Promise<void> {
  // The documented step for apps: the worker file comes from `msw init`, never from the repository.
  execFileSync("npx", ["--no-install", "msw", "init", directory, "--no-save"], { cwd: repoRoot, stdio: "ignore" });
  if (!existsSync(join(directory, "mockServiceWorker.js"))) throw new Error("npx msw init did not write mockServiceWorker.js");
  await build({
    entryPoints: [join(here, "page.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    outfile: join(directory, "app.js"),
    sourcemap: "inline",
    logLevel: "error",
  });
  await writeFile(
    join(directory, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>connect-contracts browser test</title></head>
<body><h1>connect-contracts browser test</h1><script type="module" src="/app.js"></script></body></html>\n`,
  );
}

/** Runs one scenario in the page; `whilePending` acts meanwhile (e.g. clicks in a popup). */
async function runScenario(page: Page, name: string, whilePending?: () => Promise<void>): Promise<string> {
  const result = page.evaluate((scenario) => window.browserTest.run(scenario), name);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${scenarioTimeoutMs} ms`)), scenarioTimeoutMs));
  await Promise.race([Promise.all([result, whilePending?.()]), timeout]);
  return result;
}

async function allowInConsentPopup(page: Page): Promise<void> {
  const popup = await page.waitForEvent("popup", { timeout: scenarioTimeoutMs });
  const button = popup.getByRole("button", { name: "Allow" });
  await button.waitFor({ timeout: scenarioTimeoutMs });
  await button.click();
}

/** What the test driver does while a scenario waits, as a user would: in Kombo Connect's iframe, or Kinde's consent popup. */
function userAction(page: Page, scenario: string): (() => Promise<void>) | undefined {
  const action = komboConnectAction(scenario);
  if (action) return () => actInKomboConnect(page, action, scenarioTimeoutMs);
  if (scenario.startsWith("Kinde consent flow")) return () => allowInConsentPopup(page);
  return undefined;
}

async function main(): Promise<void> {
  if (!existsSync(chromiumPath)) {
    report(false, "Chromium", `${chromiumPath} is missing. Install Debian's Chromium: apt-get update && apt-get install -y chromium`);
    return;
  }
  const site = await mkdtemp(join(tmpdir(), "connect-contracts-site-"));
  const profile = await mkdtemp(join(tmpdir(), "connect-contracts-chromium-"));
  let server: StaticServer | undefined;
  let mockServers: RunningMockServers | undefined;
  let context: BrowserContext | undefined;
  const pageErrors: string[] = [];
  try {
    await prepareSite(site);
    server = await serveDirectory(site);
    mockServers = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.goto(`${server.origin}/?komboServer=${encodeURIComponent(mockServers.kombo.baseUrl)}`);
    await page.waitForFunction(() => window.browserTest !== undefined, undefined, { timeout: scenarioTimeoutMs });
    await page.evaluate(() => window.browserTest.ready);
    const names = await page.evaluate(() => window.browserTest.names);
    for (const name of names) {
      pageErrors.length = 0;
      try {
        report(true, name, await runScenario(page, name, userAction(page, name)));
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        report(false, name, [reason, ...pageErrors.map((line) => `page: ${line}`)].join("\n    "));
      }
    }
    if (names.length < expectedScenarios) report(false, "scenario list", `expected ${expectedScenarios} scenarios, the page has ${names.length}`);
  } catch (error) {
    report(false, "setup", error instanceof Error ? error.message : String(error));
  } finally {
    await context?.close().catch(() => undefined);
    await server?.close();
    await mockServers?.close();
    await rm(site, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

const started = Date.now();
await main();
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
