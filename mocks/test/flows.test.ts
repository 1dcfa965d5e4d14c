import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createKindeClient } from "../../generated/kinde/index.js";
import { createKomboClient } from "../../generated/kombo/index.js";
import { createOffsetClock } from "../engine/clock.js";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";

const clock = createOffsetClock();
let mocks: RunningMockServers;
const hour = 60 * 60 * 1000;
const day = 24 * hour;

beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, engine: { clock } });
});
afterAll(async () => {
  await mocks.close();
});
beforeEach(() => {
  clock.set(Date.now());
});

const kombo = () => createKomboClient({ apiKey: "test-key", baseUrl: mocks.kombo.baseUrl });
const kinde = () => createKindeClient({ token: "test-token", baseUrl: mocks.kinde.baseUrl });

async function createLink(body: Record<string, unknown>): Promise<string> {
  const { data, response } = await kombo().POST("/connect/create-link", {
    body: { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH", ...body },
  });
  expect(response.status).toBe(200);
  return data!.data.link;
}

async function completeLink(link: string, tool?: string): Promise<string> {
  const response = await fetch(tool ? `${link}&tool=${tool}` : link, { headers: { accept: "application/json" } });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { token: string };
  expect(answer.token).toMatch(/^[A-Za-z0-9]{40}$/);
  return answer.token;
}

async function integration(token: string) {
  return kombo().GET("/connect/integration-by-token/{token}", { params: { path: { token } } });
}

describe("Kombo Connect flow over HTTP with the typed client", () => {
  it("create-link -> Connect page -> token -> integration-by-token with the original request's data", async () => {
    const link = await createLink({ integration_tool: "personio", integration_category: "HRIS", end_user_origin_id: "123" });
    expect(link.startsWith(`${mocks.kombo.origin}/__mock/connect?token=`)).toBe(true);

    const page = await fetch(link, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    for (const text of ["Acme GmbH", "HRIS", "personio", '<button type="submit" id="connect-button">Connect</button>', "postMessage", 'role="status"']) {
      expect(html).toContain(text);
    }
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);

    const token = await completeLink(link);
    expect(await completeLink(link)).toBe(token);
    const { data, response } = await integration(token);
    expect(response.status).toBe(200);
    expect(data!.data).toMatchObject({
      tool: "personio",
      end_user_origin_id: "123",
      end_user_organization_name: "Acme GmbH",
      end_user_email: "jane@acme.example",
      setup_status: "COMPLETED",
    });
    expect(data!.data.id).toMatch(/^personio:[A-Za-z0-9]+$/);
  });

  it("without a tool the page offers a picker, and the picked tool is the integration's", async () => {
    const link = await createLink({ enable_field_mapping: true, integration_category: "ATS" });
    const html = await (await fetch(link)).text();
    expect(html).toContain('<select id="tool" name="tool" size="8" required>');
    expect(html).toContain('<input type="search" id="tool-filter"');
    expect(html).toContain('<option value="greenhouse">greenhouse</option>');
    const completed = await fetch(link, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ tool: "greenhouse" }) });
    const { token } = (await completed.json()) as { token: string };
    const { data } = await integration(token);
    expect(data!.data).toMatchObject({ tool: "greenhouse", end_user_origin_id: null, setup_status: "INCOMPLETE" });
    const unknownTool = await fetch(await createLink({}), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tool: "nope" }) });
    expect(unknownTool.status).toBe(400);
    // The picker offers the link's category only, and so does the completion: an ATS on an HRIS link is refused.
    const otherCategory = await fetch(await createLink({}), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tool: "greenhouse" }) });
    expect(otherCategory.status).toBe(400);
    expect(await otherCategory.text()).toContain('tool \\"greenhouse\\" is not offered for the link\'s integration_category HRIS');
  });

  it("EMBEDDED links and their tokens expire after an hour, MAGIC_LINK after a year", async () => {
    const embedded = await completeLink(await createLink({ link_type: "EMBEDDED" }));
    const magic = await completeLink(await createLink({ link_type: "MAGIC_LINK" }));
    const unusedEmbedded = await createLink({});
    clock.advance(hour + 1000);
    const expired = await integration(embedded);
    expect(expired.response.status).toBe(404);
    expect(expired.error).toMatchObject({ status: "error", error: { code: "PLATFORM.INTEGRATION_NOT_FOUND" } });
    const expiredLink = await fetch(unusedEmbedded, { headers: { accept: "application/json" } });
    expect(expiredLink.status).toBe(404);
    expect((await fetch(unusedEmbedded)).status).toBe(404);
    expect((await integration(magic)).response.status).toBe(200);
    clock.advance(365 * day);
    expect((await integration(magic)).response.status).toBe(404);
  });

  it("unknown tokens are 404 in Kombo's body; Prefer wins over state; reset forgets everything", async () => {
    const unknown = await integration("never-issued");
    expect(unknown.response.status).toBe(404);
    expect(unknown.error!.error.code).toBe("PLATFORM.INTEGRATION_NOT_FOUND");
    const forced = await kombo().GET("/connect/integration-by-token/{token}", { params: { path: { token: "never-issued" } }, headers: { prefer: "code=200" } });
    expect(forced.response.status).toBe(200);

    const token = await completeLink(await createLink({}));
    const forcedError = await kombo().GET("/connect/integration-by-token/{token}", { params: { path: { token } }, headers: { prefer: "code=500" } });
    expect(forcedError.response.status).toBe(500);
    expect(forcedError.error!.error.code).toBe("PLATFORM.UNKNOWN_ERROR");

    const reset = await fetch(`${mocks.kombo.origin}/__mock/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect((await integration(token)).response.status).toBe(404);
  });
});

describe("Kinde Connected Apps flow over HTTP with the typed client", () => {
  it("auth_url -> token 400 -> consent page redirects -> token 200 (fresh each time) -> revoke -> 400s", async () => {
    const { data: auth, response } = await kinde().GET("/api/v1/connected_apps/auth_url", {
      params: { query: { key_code_ref: "google_calendar", user_id: "kp_1", override_callback_url: "http://localhost:3000/callback?x=1" } },
    });
    expect(response.status).toBe(200);
    const sessionId = auth!.session_id;
    expect(auth!.url).toBe(`${mocks.kinde.origin}/__mock/consent?session_id=${sessionId}`);
    const token = () => kinde().GET("/api/v1/connected_apps/token", { params: { query: { session_id: sessionId } } });

    const early = await token();
    expect(early.response.status).toBe(400);
    expect(early.error).toEqual({ errors: [{ code: "INVALID_SESSION", message: "The session id provided points to an invalid session." }] });

    const page = await fetch(auth!.url, { redirect: "manual" });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<button type="submit" name="decision" value="allow">Allow</button>');
    expect(html).toContain('<button type="submit" name="decision" value="deny" class="secondary">Deny</button>');
    expect((await token()).response.status).toBe(400);

    const consent = await fetch(auth!.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "decision=allow", redirect: "manual" });
    expect(consent.status).toBe(303);
    expect(consent.headers.get("location")).toBe(`http://localhost:3000/callback?x=1&session_id=${sessionId}`);

    const first = await token();
    const second = await token();
    expect(first.response.status).toBe(200);
    expect(first.data!.access_token).not.toBe(second.data!.access_token);
    const expiry = Date.parse(first.data!.access_token_expiry);
    expect(first.data!.access_token_expiry).toBe(new Date(expiry).toISOString());
    expect(expiry).toBeGreaterThan(clock.now());

    const revoke = () => kinde().POST("/api/v1/connected_apps/revoke", { params: { query: { session_id: sessionId } } });
    const revoked = await revoke();
    expect(revoked.response.status).toBe(200);
    expect(revoked.data).toEqual({ message: "Success", code: "OK" });
    expect((await token()).response.status).toBe(400);
    const again = await revoke();
    expect(again.response.status).toBe(400);
    expect(again.error!.errors![0]!.code).toBe("INVALID_SESSION");
  });

  it("without a callback Allow shows a page saying so; unknown sessions get a 400 page", async () => {
    const { data: auth } = await kinde().GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "slack" } } });
    const page = await fetch(auth!.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "decision=allow" });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Consent allowed");
    expect(html).toContain("slack");
    expect((await kinde().GET("/api/v1/connected_apps/token", { params: { query: { session_id: auth!.session_id } } })).response.status).toBe(200);
    expect((await fetch(`${mocks.kinde.origin}/__mock/consent?session_id=nope`)).status).toBe(400);
  });

  it("Deny redirects with error=access_denied and leaves the session unusable (token and revoke 400, no change of mind)", async () => {
    const { data: auth } = await kinde().GET("/api/v1/connected_apps/auth_url", {
      params: { query: { key_code_ref: "slack", override_callback_url: "http://localhost:3000/callback" } },
    });
    const sessionId = auth!.session_id;
    const denied = await fetch(auth!.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "decision=deny", redirect: "manual" });
    expect(denied.status).toBe(303);
    const location = new URL(denied.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://localhost:3000/callback");
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("session_id")).toBe(sessionId);

    const token = await kinde().GET("/api/v1/connected_apps/token", { params: { query: { session_id: sessionId } } });
    expect(token.response.status).toBe(400);
    expect(token.error!.errors[0]!.code).toBe("INVALID_SESSION");
    expect((await kinde().POST("/api/v1/connected_apps/revoke", { params: { query: { session_id: sessionId } } })).response.status).toBe(400);

    const allowAfterDeny = await fetch(auth!.url, { headers: { accept: "application/json" } });
    expect(allowAfterDeny.status).toBe(400);
    expect(await allowAfterDeny.json()).toEqual({ errors: [{ code: "INVALID_SESSION", message: "This consent session was already denied." }] });
  });

  it("GET <url> with Accept: application/json allows at once and answers JSON; decision=deny denies; a bad decision is a 400", async () => {
    const start = async () =>
      (await kinde().GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "slack", override_callback_url: "https://app.example/cb" } } })).data!;
    const allowed = await start();
    const answer = await fetch(allowed.url, { headers: { accept: "application/json" } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ session_id: allowed.session_id, consent: "allowed", redirect_url: `https://app.example/cb?session_id=${allowed.session_id}` });
    expect((await kinde().GET("/api/v1/connected_apps/token", { params: { query: { session_id: allowed.session_id } } })).response.status).toBe(200);

    const denied = await start();
    const no = await fetch(`${denied.url}&decision=deny`, { headers: { accept: "application/json" } });
    expect(await no.json()).toMatchObject({ consent: "denied", redirect_url: expect.stringContaining("error=access_denied") });

    const bad = await fetch((await start()).url, { method: "POST", headers: { accept: "application/json", "content-type": "application/json" }, body: '{"decision":"maybe"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: [{ code: "INVALID_REQUEST", message: 'decision must be "allow" or "deny"' }] });
  });

  it("reset() forgets sessions; Prefer still forces any answer", async () => {
    const { data: auth } = await kinde().GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "x" } } });
    expect((await fetch(auth!.url, { headers: { accept: "application/json" } })).status).toBe(200);
    mocks.reset();
    expect((await kinde().GET("/api/v1/connected_apps/token", { params: { query: { session_id: auth!.session_id } } })).response.status).toBe(400);
    const forced = await kinde().GET("/api/v1/connected_apps/token", { params: { query: { session_id: auth!.session_id } }, headers: { prefer: "example=access_token" } });
    expect(forced.response.status).toBe(200);
    expect(forced.data!.access_token).toBe("ya29.a0AfB_byC3kT9mZ2Xq7LwR5nP8sV1uY4hJ6gD0fE");
  });
});
