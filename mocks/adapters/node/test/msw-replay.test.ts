import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Har } from "../../../record/har.js";
import { setupMockServer, type MockServer } from "../msw.js";
import { startMockServers } from "../server.js";
import { liveLink, rawRequest, startStandInUpstream } from "./stand-in-upstream.js";

const createLinkBody = { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" };
let directory: string;
let harPath: string;
let mocks: MockServer;

// Record a session through the proxy from a stand-in upstream, then replay it with msw (no server, no upstream).
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "msw-replay-"));
  harPath = join(directory, "session.har");
  const upstream = await startStandInUpstream("faithful");
  const proxy = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, proxy: { kombo: `${upstream.origin}/v1`, kinde: upstream.origin }, record: harPath });
  await rawRequest(`${proxy.kombo.baseUrl}/connect/create-link`, {
    method: "POST",
    headers: { authorization: "Bearer live-key", "content-type": "application/json" },
    body: JSON.stringify(createLinkBody),
  });
  await rawRequest(`${proxy.kinde.baseUrl}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar`, { headers: { authorization: "Bearer m2m" } });
  await proxy.close();
  await upstream.close();
  mocks = setupMockServer({ replay: harPath });
  mocks.server.listen({ onUnhandledRequest: "error" });
});

afterAll(async () => {
  mocks?.server.close();
  await rm(directory, { recursive: true, force: true });
});

const createLink = (body: unknown, headers: Record<string, string> = {}) =>
  fetch("https://api.kombo.dev/v1/connect/create-link", {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("replay in msw (setupMockServer({ replay }))", () => {
  it("answers the recorded requests at the providers' real base URLs with the recorded answers", async () => {
    const answer = await createLink(createLinkBody);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-contract-violations")).toBe("0");
    expect(((await answer.json()) as { data: { link: string } }).data.link).toBe(liveLink);
    const authUrl = await fetch("https://acme.kinde.com/api/v1/connected_apps/auth_url?key_code_ref=google_calendar", { headers: { authorization: "Bearer m2m" } });
    expect(((await authUrl.json()) as { session_id: string }).session_id).toBe("live-session-1");
  });

  it("hands unrecorded requests to the mock, and Prefer wins over the recording", async () => {
    const other = (await (await createLink({ ...createLinkBody, end_user_email: "someone@else.example" })).json()) as { data: { link: string } };
    expect(other.data.link).not.toBe(liveLink);
    expect((await createLink(createLinkBody, { prefer: "code=401" })).status).toBe(401);
  });

  it("takes a HAR object as well as a path", async () => {
    const har = JSON.parse(await readFile(harPath, "utf8")) as Har;
    const fromObject = setupMockServer({ replay: har });
    expect(fromObject.kombo.engine.spec.title).toBe("Kombo Connect");
    const request = { method: "POST", url: "https://api.kombo.dev/v1/connect/create-link", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify(createLinkBody) };
    expect(JSON.parse((await fromObject.kombo.engine.handle(request)).body ?? "null").data.link).toBe(liveLink);
    expect(() => setupMockServer({ replay: join(directory, "missing.har") })).toThrow(/Cannot replay .*missing\.har/);
  });
});
