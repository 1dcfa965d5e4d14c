import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, chromiumPath } from "../adapters/browser/test/chromium.js";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";

// The click-through pages in Debian's Chromium (never a downloaded browser), against the node:http mock.

let mocks: RunningMockServers;
let browser: Browser;
const auth = { authorization: "Bearer key" };

beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await mocks?.close();
});

describe("click-through pages in a browser", () => {
  it("Kombo: opened directly in a tab (with the sdkv parameter showKomboConnect adds), the Connect page can be framed, filters its sorted picker and shows the token", async () => {
    const created = await fetch(`${mocks.kombo.baseUrl}/connect/create-link`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ end_user_email: "it@globex.example", end_user_organization_name: "Globex Corporation", integration_category: "ATS", end_user_origin_id: "org_1" }),
    });
    const link = `${((await created.json()) as { data: { link: string } }).data.link}&sdkv=1.3.0`;
    const served = await fetch(link);
    expect(served.status).toBe(200);
    expect(served.headers.get("x-frame-options")).toBeNull();
    expect(served.headers.get("content-security-policy")).toBeNull();

    const page = await browser.newPage();
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Kombo Connect (mock)");
    const details = await page.locator("dl").textContent();
    expect(details).toContain("Globex Corporation");
    expect(details).toContain("ATS");
    // A link that names no tool preselects none.
    await expect(page.getByLabel("Choose the tool to connect").inputValue()).resolves.toBe("");
    await page.getByLabel("Find your tool").fill("zzz-no-such-tool");
    await page.getByRole("status").filter({ hasText: "No tool matches" }).waitFor();
    await expect(page.getByRole("button", { name: "Connect" }).isDisabled()).resolves.toBe(true);
    await page.getByLabel("Find your tool").fill("GREEN");
    await page.getByLabel("Choose the tool to connect").selectOption("greenhouse");
    await page.getByRole("button", { name: "Connect" }).click();
    const status = page.getByRole("status").filter({ hasText: "Connected. Integration token: " });
    await status.waitFor();
    const token = ((await status.textContent()) ?? "").replace("Connected. Integration token: ", "");
    const integration = await fetch(`${mocks.kombo.baseUrl}/connect/integration-by-token/${token}`, { headers: auth });
    expect(integration.status).toBe(200);
    expect(((await integration.json()) as { data: Record<string, unknown> }).data).toMatchObject({ tool: "greenhouse", end_user_origin_id: "org_1", end_user_organization_name: "Globex Corporation" });

    await page.goto(link);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("status").filter({ hasText: "Cancelled" }).waitFor();
    await page.close();
  }, 30_000);

  it("Kinde: the consent page's Allow grants consent and lands on override_callback_url", async () => {
    const callback = `${mocks.kombo.origin}/app/callback`;
    const answer = await fetch(`${mocks.kinde.baseUrl}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar&user_id=kp_7&override_callback_url=${encodeURIComponent(callback)}`, { headers: auth });
    const { url, session_id: sessionId } = (await answer.json()) as { url: string; session_id: string };
    const page = await browser.newPage();
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Connect google_calendar?");
    expect(await page.locator("dl").textContent()).toContain("kp_7");
    await Promise.all([page.waitForURL(`${callback}?session_id=${sessionId}`), page.getByRole("button", { name: "Allow" }).click()]);
    await page.close();
    const token = await fetch(`${mocks.kinde.baseUrl}/api/v1/connected_apps/token?session_id=${sessionId}`, { headers: auth });
    expect(token.status).toBe(200);
  }, 30_000);

  it("Kinde: Deny lands on the callback with error=access_denied and the session gives no token", async () => {
    const callback = `${mocks.kombo.origin}/app/callback`;
    const answer = await fetch(`${mocks.kinde.baseUrl}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar&override_callback_url=${encodeURIComponent(callback)}`, { headers: auth });
    const { url, session_id: sessionId } = (await answer.json()) as { url: string; session_id: string };
    const page = await browser.newPage();
    await page.goto(url);
    await Promise.all([page.waitForURL((landed) => landed.pathname === "/app/callback"), page.getByRole("button", { name: "Deny" }).click()]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get("error")).toBe("access_denied");
    expect(landed.searchParams.get("session_id")).toBe(sessionId);
    await page.close();
    const token = await fetch(`${mocks.kinde.baseUrl}/api/v1/connected_apps/token?session_id=${sessionId}`, { headers: auth });
    expect(token.status).toBe(400);
  }, 30_000);

  it("Kinde: without script the form posts natively and the browser follows the 303", async () => {
    const callback = `${mocks.kombo.origin}/app/callback`;
    const answer = await fetch(`${mocks.kinde.baseUrl}/api/v1/connected_apps/auth_url?key_code_ref=slack&override_callback_url=${encodeURIComponent(callback)}`, { headers: auth });
    const { url, session_id: sessionId } = (await answer.json()) as { url: string; session_id: string };
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    await Promise.all([page.waitForURL(`${callback}?session_id=${sessionId}`), page.getByRole("button", { name: "Allow" }).click()]);
    await context.close();
  }, 30_000);
});
