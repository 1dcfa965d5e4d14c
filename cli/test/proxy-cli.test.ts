import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Har } from "../../mocks/record/har.js";
import { liveLink, rawRequest, startStandInUpstream, type StandInUpstream } from "../../mocks/adapters/node/test/stand-in-upstream.js";

const launcher = fileURLToPath(new URL("../launch-mock.mjs", import.meta.url));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KOMBO|KINDE)_|^MOCK_/.test(name)));

/** `npm run mock -- <args>` without npm in between. */
function launch(args: string[]) {
  const child = spawn(process.execPath, [launcher, "--kombo-port", "0", "--kinde-port", "0", ...args], { env: cleanEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<{ kombo: string; kinde: string }>((resolve, reject) => {
    child.stdout.on("data", () => {
      const kombo = /Kombo mock {2}(\S+)\n/.exec(output)?.[1];
      const kinde = /Kinde mock {2}(\S+)\n/.exec(output)?.[1];
      if (output.includes("Ctrl-C stops") && kombo && kinde) resolve({ kombo, kinde });
    });
    void exited.then(() => reject(new Error(`the mock exited:\n${output}`)));
  });
  // A launch that is meant to fail never awaits `ready`.
  ready.catch(() => undefined);
  return { child, exited, ready, output: () => output };
}

let upstream: StandInUpstream;
let directory: string;
beforeAll(async () => {
  upstream = await startStandInUpstream("faithful");
  directory = await mkdtemp(join(tmpdir(), "proxy-cli-"));
});
afterAll(async () => {
  await upstream.close();
  await rm(directory, { recursive: true, force: true });
});

describe("npm run mock -- --proxy --record / --replay", () => {
  it("proxies and records, leaves a valid HAR on Ctrl-C, and replays it once the upstream is gone", async () => {
    const harPath = join(directory, "session.har");
    const proxying = launch(["--proxy", "--kombo-upstream", `${upstream.origin}/v1`, "--kinde-upstream", upstream.origin, "--record", harPath]);
    const { kombo, kinde } = await proxying.ready;
    expect(proxying.output()).toContain(`Proxy       ${kombo} -> ${upstream.origin}/v1`);
    const body = JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" });
    const created = await rawRequest(`${kombo}/connect/create-link`, { method: "POST", headers: { authorization: "Bearer sk_live_cli", "content-type": "application/json" }, body });
    expect(created.headers["x-contract-violations"]).toBe("0");
    const authUrl = await rawRequest(`${kinde}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar`, { headers: { authorization: "Bearer m2m_cli" } });
    expect(authUrl.headers["x-contract-violations"]).toBe("0");
    proxying.child.kill("SIGINT");
    expect(await proxying.exited).toBe(0);
    const text = await readFile(harPath, "utf8");
    expect((JSON.parse(text) as Har).log.entries).toHaveLength(2);
    expect(text).not.toContain("sk_live_cli");
    expect(text).not.toContain("m2m_cli");

    const replaying = launch(["--replay", harPath]);
    const replayed = await replaying.ready;
    expect(replaying.output()).toContain(`Replaying   ${harPath}`);
    const answer = await rawRequest(`${replayed.kombo}/connect/create-link`, { method: "POST", headers: { authorization: "Bearer other", "content-type": "application/json" }, body });
    expect(JSON.parse(answer.body.toString()).data.link).toBe(liveLink);
    replaying.child.kill("SIGTERM");
    expect(await replaying.exited).toBe(0);
  });

  it("refuses to proxy Kinde without an upstream, and flags that do not fit together, with exit code 2", async () => {
    const refused = launch(["--proxy"]);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toContain("Cannot proxy kinde: it has no fixed host");
    expect(refused.output()).toContain("--kinde-upstream https://<your-subdomain>.kinde.com or set KINDE_BASE_URL, or proxy only kombo with --proxy kombo");
  });
});
