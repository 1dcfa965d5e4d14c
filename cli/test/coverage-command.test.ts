import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../../mocks/adapters/node/server.js";
import { coverageCommand } from "../commands/coverage.js";
import { runCaptured } from "./captured-io.js";

let mocks: RunningMockServers;
let reports: string;
const link = { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" };

function createLink(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${mocks.kombo.baseUrl}/connect/create-link`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
  reports = await mkdtemp(join(tmpdir(), "consumer-coverage-"));
  expect((await createLink(link)).status).toBe(200);
  expect((await createLink({ ...link, end_user_email: "not-an-email" })).status).toBe(400);
  expect((await createLink(link, { prefer: "code=401" })).status).toBe(401);
});
afterAll(async () => {
  await mocks.close();
  await rm(reports, { recursive: true, force: true });
});

const run = (...args: string[]) => runCaptured(coverageCommand, [...args, "--reports", reports]);

describe("connect-contracts coverage", () => {
  it("--min 100 exits 1 naming PostConnectCreateLink 429; the table and the HTML page show the counts", async () => {
    const result = await run("--from", mocks.kombo.origin, "--from", mocks.kinde.origin, "--min", "100");
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/kombo PostConnectCreateLink +200:1 +400:1 +401:1 +403:- +404:- +429:- +500:- +default:n\/a/);
    expect(result.out).toContain("kombo PostConnectCreateLink 429");
    expect(result.out).toMatch(/below --min 100%/);
    const html = await readFile(join(reports, "consumer-coverage.html"), "utf8");
    expect(html).toContain("<h1>Consumer coverage</h1>");
    expect(html).toContain('<td class="missing">-</td>');
    expect(html).toContain("kombo PostConnectCreateLink 429");
  });

  it("--min 1 exits 0", async () => {
    const result = await run("--from", mocks.kombo.origin, "--from", mocks.kinde.origin, "--min", "1");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/consumer coverage: 3 of \d+ declared statuses met/);
  });

  it('--require "<operationId> <status>" exits 1 for an answer never met and 0 for one met; a status not declared is a bad command line', async () => {
    const never = await run("--from", mocks.kombo.origin, "--require", "PostConnectCreateLink 429");
    expect(never.code).toBe(1);
    expect(never.out).toContain("required answer never met: kombo PostConnectCreateLink 429");
    expect((await run("--from", mocks.kombo.origin, "--require", "PostConnectCreateLink 401")).code).toBe(0);
    const teapot = await run("--from", mocks.kombo.origin, "--require", "PostConnectCreateLink 418");
    expect(teapot.code).toBe(2);
    expect(teapot.err).toContain("declares no 418");
  });

  it("adds up files and mocks: two runs' coverage merge", async () => {
    const file = join(reports, "run.json");
    await writeFile(file, JSON.stringify({ providers: mocks.coverage() }));
    const result = await run("--from", file, "--from", mocks.kombo.origin);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/kombo PostConnectCreateLink +200:2 +400:2 +401:2/);
  });

  it("a --from that cannot be read exits 2 saying why", async () => {
    const missing = await run("--from", join(reports, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot be read (ENOENT)");
    const down = await run("--from", "http://127.0.0.1:9");
    expect(down.code).toBe(2);
    expect(down.err).toContain("no mock answers there");
  });
});
