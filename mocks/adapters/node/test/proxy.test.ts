import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Har } from "../../../record/har.js";
import { startMockServers, type RunningMockServers } from "../server.js";
import { liveAccessToken, liveLink, rawRequest, startStandInUpstream, type StandInUpstream } from "./stand-in-upstream.js";

const apiKey = "kombo-live-key-DO-NOT-LOG";
const kindeToken = "kinde-m2m-token-DO-NOT-LOG";
const createLinkBody = JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" });
const createLinkHeaders = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "proxy-test-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

interface Setup {
  upstream: StandInUpstream;
  mocks: RunningMockServers;
  lines: string[];
  harPath: string;
}

const running: Setup[] = [];
afterEach(async () => {
  for (const setup of running.splice(0)) {
    await setup.mocks.close();
    await setup.upstream.close();
  }
});

async function proxyTo(kind: "faithful" | "drifted", name: string, quiet = false): Promise<Setup> {
  const upstream = await startStandInUpstream(kind);
  const lines: string[] = [];
  const harPath = join(directory, `${name}.har`);
  const mocks = await startMockServers({
    komboPort: 0,
    kindePort: 0,
    log: (line) => lines.push(line),
    quiet,
    proxy: { kombo: `${upstream.origin}/v1`, kinde: upstream.origin },
    record: harPath,
  });
  const setup = { upstream, mocks, lines, harPath };
  running.push(setup);
  return setup;
}

async function readRecording(setup: Setup): Promise<{ text: string; har: Har }> {
  await setup.mocks.flushRecording();
  const text = await readFile(setup.harPath, "utf8");
  return { text, har: JSON.parse(text) as Har };
}

/** The header list without the ones that differ per connection or that the proxy adds. */
function comparableHeaders(rawHeaders: string[]): string[][] {
  const pairs: string[][] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) pairs.push([rawHeaders[index] as string, rawHeaders[index + 1] as string]);
  return pairs.filter(([name]) => !/^(date|connection|keep-alive|x-contract-violations)$/i.test(name as string));
}

describe("proxy in front of a faithful upstream", () => {
  it("passes create-link, auth_url and a gzip-encoded 404 through byte for byte with x-contract-violations: 0", async () => {
    const setup = await proxyTo("faithful", "faithful");
    const cases: { path: string; kombo: boolean; method: string; headers: Record<string, string>; body?: string }[] = [
      { path: "/v1/connect/create-link", kombo: true, method: "POST", headers: createLinkHeaders, body: createLinkBody },
      { path: "/api/v1/connected_apps/auth_url?key_code_ref=google_calendar&user_id=kp_1", kombo: false, method: "GET", headers: { authorization: `Bearer ${kindeToken}` } },
      { path: "/v1/connect/integration-by-token/tok_1", kombo: true, method: "GET", headers: { authorization: `Bearer ${apiKey}`, "accept-encoding": "gzip" } },
    ];
    for (const entry of cases) {
      const viaProxy = await rawRequest(`${entry.kombo ? setup.mocks.kombo.origin : setup.mocks.kinde.origin}${entry.path}`, entry);
      const direct = await rawRequest(`${setup.upstream.origin}${entry.path}`, entry);
      expect(viaProxy.status, entry.path).toBe(direct.status);
      expect(viaProxy.body.equals(direct.body), entry.path).toBe(true);
      expect(comparableHeaders(viaProxy.rawHeaders)).toEqual(comparableHeaders(direct.rawHeaders));
      expect(viaProxy.headers["x-contract-violations"], entry.path).toBe("0");
    }
    expect(JSON.parse((await rawRequest(`${setup.mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody })).body.toString()).data.link).toBe(liveLink);
    // The client's own credential reached the upstream.
    expect(setup.upstream.received.filter((request) => request.url === "/v1/connect/create-link").every((request) => request.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
    expect(setup.upstream.received.find((request) => request.url.startsWith("/api/"))?.headers.authorization).toBe(`Bearer ${kindeToken}`);
    expect(setup.lines.some((line) => line.includes("CONTRACT"))).toBe(false);
    expect(setup.lines.join("\n")).not.toContain(apiKey);
  });

  it("logs and journals a proxied preflight and a wrong method on integration-by-token with the route's template, never the token", async () => {
    const setup = await proxyTo("faithful", "path-token");
    const url = `${setup.mocks.kombo.origin}/v1/connect/integration-by-token/tok-path-secret`;
    await rawRequest(url, { method: "OPTIONS", headers: { origin: "http://app.example", "access-control-request-method": "GET" } });
    await rawRequest(url, { method: "DELETE", headers: { authorization: `Bearer ${apiKey}` } });
    expect(setup.upstream.received.map((request) => request.url)).toEqual(["/v1/connect/integration-by-token/tok-path-secret", "/v1/connect/integration-by-token/tok-path-secret"]);
    const journaled = setup.mocks.requests();
    expect(journaled.map((entry) => [entry.method, entry.path])).toEqual([
      ["OPTIONS", "/v1/connect/integration-by-token/{token}"],
      ["DELETE", "/v1/connect/integration-by-token/{token}"],
    ]);
    expect(journaled[1]?.problems).toEqual(["(no operation) request: DELETE /v1/connect/integration-by-token/{token} is not an operation of the Kombo Connect spec"]);
    expect(setup.lines.some((line) => line.startsWith("[kombo] OPTIONS /v1/connect/integration-by-token/{token} "))).toBe(true);
    expect(JSON.stringify(journaled) + setup.lines.join("\n")).not.toContain("tok-path-secret");
  });

  it("keeps the mock's own routes and journals the proxied exchanges", async () => {
    const setup = await proxyTo("faithful", "routes");
    await rawRequest(`${setup.mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody });
    const journal = await rawRequest(`${setup.mocks.kombo.origin}/__mock/requests`);
    expect(journal.status).toBe(200);
    const { requests } = JSON.parse(journal.body.toString()) as { requests: { operationId: string; status: number; problems: string[] }[] };
    expect(requests).toEqual([expect.objectContaining({ operationId: "PostConnectCreateLink", status: 200, problems: [] })]);
    expect((await rawRequest(`${setup.mocks.kinde.origin}/__mock/reset`, { method: "POST" })).status).toBe(200);
    expect(setup.upstream.received.map((request) => request.url)).toEqual(["/v1/connect/create-link"]);
  });

  it("flags a request that breaks the spec, and still forwards it", async () => {
    const setup = await proxyTo("faithful", "bad-request");
    const answer = await rawRequest(`${setup.mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: JSON.stringify({ end_user_email: 42 }) });
    expect(answer.status).toBe(200);
    expect(Number(answer.headers["x-contract-violations"])).toBeGreaterThanOrEqual(2);
    const contract = setup.lines.filter((line) => line.includes("CONTRACT"));
    expect(contract).toContainEqual(expect.stringMatching(/PostConnectCreateLink request: body\.end_user_email must be string/));
    expect(contract).toContainEqual(expect.stringMatching(/PostConnectCreateLink request: body\.end_user_organization_name is required/));
  });
});

describe("proxy in front of a drifted upstream", () => {
  it("passes the drifted answer through and names $.data.link in the header count, the log (even when quiet) and the journal", async () => {
    const setup = await proxyTo("drifted", "drifted", true);
    const answer = await rawRequest(`${setup.mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString()).data.link).toBe("not a uri");
    expect(Number(answer.headers["x-contract-violations"])).toBeGreaterThanOrEqual(1);
    const line = setup.lines.find((candidate) => candidate.includes("$.data.link"));
    expect(line).toMatch(/^\[kombo\] CONTRACT PostConnectCreateLink response: 200 \$\.data\.link must be a valid uri \(got "not a uri"\)$/);
    expect(setup.lines).toEqual([line]);
    expect(setup.mocks.requests()[0]?.problems).toEqual([expect.stringContaining("$.data.link must be a valid uri")]);
    const { har } = await readRecording(setup);
    expect(har.log.entries[0]?._connectContracts?.violations).toEqual([expect.stringContaining("$.data.link")]);
  });
});

describe("unreachable upstream", () => {
  it("answers 502 in each provider's own error format, and the mock routes keep working", async () => {
    const upstream = await startStandInUpstream("faithful");
    const gone = upstream.origin;
    await upstream.close();
    const lines: string[] = [];
    const mocks = await startMockServers({ komboPort: 0, kindePort: 0, log: (line) => lines.push(line), proxy: { kombo: `${gone}/v1`, kinde: gone } });
    try {
      const kombo = await rawRequest(`${mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody });
      expect(kombo.status).toBe(502);
      const komboBody = JSON.parse(kombo.body.toString());
      expect(komboBody).toEqual({ status: "error", error: { code: null, title: "Upstream unreachable (mock proxy).", message: expect.stringContaining(`${gone}/v1 cannot be reached (ECONNREFUSED)`), log_url: null } });
      const kinde = await rawRequest(`${mocks.kinde.origin}/api/v1/connected_apps/token?session_id=s`, { headers: { authorization: `Bearer ${kindeToken}` } });
      expect(kinde.status).toBe(502);
      expect(JSON.parse(kinde.body.toString()).errors[0]).toEqual({ code: "UPSTREAM_UNREACHABLE", message: expect.stringContaining("cannot be reached") });
      expect((await rawRequest(`${mocks.kombo.origin}/__mock/reset`, { method: "POST" })).status).toBe(200);
      const tokenPath = await rawRequest(`${mocks.kombo.origin}/v1/connect/integration-by-token/secret-connect-token`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(tokenPath.status).toBe(502);
      expect(mocks.requests().map((entry) => [entry.status, entry.path])).toEqual([
        [502, "/v1/connect/create-link"],
        [502, "/api/v1/connected_apps/token?session_id=***"],
        [502, "/v1/connect/integration-by-token/{token}"],
      ]);
      expect(JSON.stringify(mocks.requests()) + lines.join("\n")).not.toContain("secret-connect-token");
      expect(lines.some((line) => line.includes("upstream unreachable: ECONNREFUSED"))).toBe(true);
    } finally {
      await mocks.close();
    }
  });
});

describe("recording", () => {
  it("writes a HAR 1.2 file that is valid JSON after every entry and holds no credential", async () => {
    const setup = await proxyTo("faithful", "session");
    await rawRequest(`${setup.mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody });
    expect((await readRecording(setup)).har.log.entries).toHaveLength(1);
    await rawRequest(`${setup.mocks.kinde.origin}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar`, { headers: { authorization: `Bearer ${kindeToken}` } });
    expect((await readRecording(setup)).har.log.entries).toHaveLength(2);
    await rawRequest(`${setup.mocks.kinde.origin}/api/v1/connected_apps/token?session_id=live-session-1`, { headers: { authorization: `Bearer ${kindeToken}` } });
    const { text, har } = await readRecording(setup);
    expect(har.log.version).toBe("1.2");
    expect(har.log.entries.map((entry) => [entry.request.method, new URL(entry.request.url).pathname, entry.response.status, entry._connectContracts?.operationId])).toEqual([
      ["POST", "/v1/connect/create-link", 200, "PostConnectCreateLink"],
      ["GET", "/api/v1/connected_apps/auth_url", 200, "GetConnectedAppAuthUrl"],
      ["GET", "/api/v1/connected_apps/token", 200, "GetConnectedAppToken"],
    ]);
    for (const secret of [apiKey, kindeToken, liveAccessToken, "session=abc"]) expect(text).not.toContain(secret);
    const [createLink, , token] = har.log.entries;
    expect(createLink?.request.headers).toContainEqual({ name: "authorization", value: "Bearer [REDACTED]" });
    expect(createLink?.request.postData?.text).toBe(createLinkBody);
    expect(JSON.parse(createLink?.response.content.text ?? "").data.link).toBe(liveLink);
    expect(JSON.parse(token?.response.content.text ?? "").access_token).toBe("[REDACTED]");
    for (const entry of har.log.entries) {
      expect(entry.startedDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(entry.request.httpVersion).toBe("HTTP/1.1");
      expect(entry.response.content.mimeType).toBe("application/json; charset=utf-8");
    }
  });
});

describe("replay over HTTP", () => {
  it("answers the recorded create-link with the recorded link once the upstream is gone; the rest goes to the mock", async () => {
    const setup = await proxyTo("faithful", "replay");
    await rawRequest(`${setup.mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody });
    await rawRequest(`${setup.mocks.kinde.origin}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar&user_id=kp_1`, { headers: { authorization: `Bearer ${kindeToken}` } });
    await setup.mocks.close();
    await setup.upstream.close();
    running.splice(0);

    const drifts: string[] = [];
    const replaying = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, replay: setup.harPath, engine: { onViolation: (report) => drifts.push(report.problems.join("; ")) } });
    try {
      // Same body as data (keys reordered, spaced), another credential: still the recorded answer.
      const reordered = JSON.stringify({ end_user_organization_name: "Acme GmbH", end_user_email: "jane@acme.example" }, null, 2);
      const replayed = await rawRequest(`${replaying.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: { ...createLinkHeaders, authorization: "Bearer other" }, body: reordered });
      expect(replayed.status).toBe(200);
      expect(JSON.parse(replayed.body.toString()).data.link).toBe(liveLink);
      expect(replayed.headers["x-contract-violations"]).toBe("0");
      // Query in another order.
      const authUrl = await rawRequest(`${replaying.kinde.baseUrl}/api/v1/connected_apps/auth_url?user_id=kp_1&key_code_ref=google_calendar`, { headers: { authorization: "Bearer x" } });
      expect(JSON.parse(authUrl.body.toString()).session_id).toBe("live-session-1");
      // Not recorded: the engine answers with its own link.
      const other = await rawRequest(`${replaying.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: JSON.stringify({ end_user_email: "x@y.example", end_user_organization_name: "Y" }) });
      expect(JSON.parse(other.body.toString()).data.link).toContain(replaying.kombo.origin);
      expect(other.headers["x-contract-violations"]).toBeUndefined();
      // Prefer still wins.
      const preferred = await rawRequest(`${replaying.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: { ...createLinkHeaders, prefer: "code=400" }, body: createLinkBody });
      expect(preferred.status).toBe(400);
      expect(drifts).toEqual([]);
      expect(replaying.requests().map((entry) => entry.operationId)).toEqual(["PostConnectCreateLink", "GetConnectedAppAuthUrl", "PostConnectCreateLink", "PostConnectCreateLink"]);
    } finally {
      await replaying.close();
    }
  });

  it("flags a drifted recording instead of serving it silently", async () => {
    const setup = await proxyTo("drifted", "replay-drifted");
    await rawRequest(`${setup.mocks.kombo.origin}/v1/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody });
    await setup.mocks.flushRecording();
    const drifts: string[] = [];
    const replaying = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, replay: setup.harPath, engine: { onViolation: (report) => drifts.push(report.problems.join("; ")) } });
    try {
      const replayed = await rawRequest(`${replaying.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: createLinkHeaders, body: createLinkBody });
      expect(JSON.parse(replayed.body.toString()).data.link).toBe("not a uri");
      expect(replayed.headers["x-contract-violations"]).toBe("1");
      expect(drifts).toEqual([expect.stringContaining("$.data.link must be a valid uri")]);
      expect(replaying.requests()[0]?.problems).toEqual([expect.stringContaining("$.data.link")]);
    } finally {
      await replaying.close();
    }
  });

  it("refuses a file that is not a HAR, naming what is wrong", async () => {
    await expect(startMockServers({ komboPort: 0, kindePort: 0, replay: join(directory, "missing.har") })).rejects.toThrow(/no such file/);
    await expect(startMockServers({ komboPort: 0, kindePort: 0, replay: { log: { entries: [{ request: { method: "GET" } }] } } as unknown as Har })).rejects.toThrow(
      "log.entries[0].request.url must be a string",
    );
  });
});
