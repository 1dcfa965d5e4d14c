import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, chromiumPath } from "../../mocks/adapters/browser/test/chromium.js";
import { removeReports, runContract, type CliRun } from "./run-contract.js";
import { leniencies, startStandIn } from "../../contract-tests/test/stand-in.js";

interface JsonReport {
  targets: { target: string; failures: { check: string; curl: string }[]; warnings: unknown[]; skipped: { because: string }[] }[];
}

let browser: Browser;
let run: CliRun;
let report: JsonReport;

beforeAll(async () => {
  // A stand-in that ignores credentials (failures) and takes lawful liberties (warnings); the Kombo flow is skipped on live.
  const standIn = await startStandIn("auth-ignored", new Set(leniencies));
  try {
    run = await runContract(["--target", "live", "--runs", "3", "--seed", "3"], standIn.env);
  } finally {
    await standIn.close();
  }
  report = JSON.parse(await readFile(join(run.reportsDirectory, "contract.json"), "utf8")) as JsonReport;
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (run) await removeReports(run);
});

describe("reports/contract.html in Chromium", () => {
  it("shows per target the summary, the coloured matrix, every failure and warning, and the skipped scenarios, fetching nothing", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) fetched.push(request.url());
    });
    await page.goto(pathToFileURL(join(run.reportsDirectory, "contract.html")).href);
    expect(await page.textContent("#summary")).toBe(run.lastLine);
    const live = page.locator('section[data-target="live"]');
    expect(await live.locator(".target-summary").textContent()).toMatch(/^live: \d+ passed, [1-9]\d* failed, [1-9]\d* lenient, [1-9]\d* skipped$/);
    expect(await live.locator("table.coverage td.covered").count()).toBeGreaterThan(5);
    expect(await live.locator("table.coverage td.not-applicable").allTextContents()).toEqual(["n/a", "n/a", "n/a"]);
    const [backgroundOfCovered] = await live.locator("table.coverage td.covered").evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell).backgroundColor));
    expect(backgroundOfCovered).not.toBe("rgba(0, 0, 0, 0)");
    const expected = report.targets[0];
    expect(await live.locator("article.finding.failure").count()).toBe(expected?.failures.length);
    expect(await live.locator('article.finding.failure[data-check="ignored_auth"]').count()).toBeGreaterThan(0);
    expect(await live.locator("article.finding.lenient").count()).toBe(expected?.warnings.length);
    const failure = live.locator("article.finding.failure").first();
    for (const label of ["check", "at", "expected", "got"]) expect(await failure.locator(`dt:text-is("${label}")`).count()).toBe(1);
    expect(await live.locator("table.skipped").textContent()).toContain("completing a Connect flow needs a person in a browser");
    expect(fetched).toEqual([]);
    await context.close();
  });

  it("copies a failure's curl line with its button", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(run.reportsDirectory, "contract.html")).href);
    const button = page.locator("article.finding.failure button.copy").first();
    const curl = await page.locator("article.finding.failure code.curl").first().textContent();
    expect(curl).toMatch(/^curl -sS -i -X (GET|POST) 'http:\/\/127\.0\.0\.1:\d+\/[^']*' .*-H 'authorization: Bearer <redacted>'/);
    await button.click();
    await expect.poll(() => button.textContent()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);
    await context.close();
  });
});
