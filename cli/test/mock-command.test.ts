import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const launcher = fileURLToPath(new URL("../launch-mock.mjs", import.meta.url));
const packageVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
// The variables a developer's shell may carry; each test sets what it needs.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KOMBO|KINDE)_MOCK_|^MOCK_/.test(name)));

interface Launched {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run mock -- <args>` without npm in between. */
function launch(args: string[], env: Record<string, string | undefined> = {}): Launched {
  const child = spawn(process.execPath, [launcher, ...args], { env: { ...cleanEnv, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves with the two base URLs once the mock says it is ready; rejects if it exits first. */
async function ready(launched: Launched): Promise<{ kombo: string; kinde: string }> {
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (launched.output().includes("Ctrl-C stops")) {
        clearInterval(check);
        resolve();
      }
    }, 20);
    void launched.exited.then(() => {
      clearInterval(check);
      reject(new Error(`the mock exited early:\n${launched.output()}`));
    });
  });
  const kombo = /Kombo mock {2}(http:\/\/127\.0\.0\.1:\d+\/v1)\n/.exec(launched.output())?.[1];
  const kinde = /Kinde mock {2}(http:\/\/127\.0\.0\.1:\d+)\n/.exec(launched.output())?.[1];
  if (!kombo || !kinde) throw new Error(`no base URLs in:\n${launched.output()}`);
  return { kombo, kinde };
}

async function stopped(launched: Launched): Promise<number | null> {
  launched.child.kill("SIGTERM");
  return launched.exited;
}

const createLinkBody = JSON.stringify({ end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" });

describe("npm run mock (the bundled mock command)", () => {
  it("prints both base URLs and the client line, answers, logs redacted lines, and stops cleanly on SIGTERM", async () => {
    const launched = launch([], { KOMBO_MOCK_PORT: "0", KINDE_MOCK_PORT: "0", MOCK_HOST: "127.0.0.1", KOMBO_MOCK_API_KEY: "sk_pinned", KINDE_MOCK_CLIENT_SECRET: "cs_pinned" });
    const { kombo, kinde } = await ready(launched);
    expect(launched.output()).toContain(`createKomboClient({ apiKey: process.env.KOMBO_MOCK_API_KEY, baseUrl: "${kombo}" }); createKindeClient({ token: "any", baseUrl: "${kinde}" })`);
    expect(launched.output()).not.toContain("sk_pinned");
    expect(launched.output()).toContain("pinned by KOMBO_MOCK_API_KEY, KINDE_MOCK_CLIENT_SECRET.");
    expect(launched.output()).not.toContain("cs_pinned");

    const refused = await fetch(`${kombo}/connect/integration-by-token/t`, { headers: { authorization: "Bearer other" } });
    expect(refused.status).toBe(401);
    const answered = await fetch(`${kinde}/api/v1/connected_apps/token?session_id=secret-session`, { headers: { authorization: "Bearer x", prefer: "code=200" } });
    expect(answered.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(launched.output()).toMatch(/\[kombo\] GET \/v1\/connect\/integration-by-token\/\{token\} 401 [\d.]+ms\n/);
    expect(launched.output()).toMatch(/\[kinde\] GET \/api\/v1\/connected_apps\/token\?session_id=\*\*\* 200 [\d.]+ms\n/);
    expect(launched.output()).not.toContain("secret-session");

    expect(await stopped(launched)).toBe(0);
    expect(launched.output()).toContain("SIGTERM: stopping the mocks");
  }, 30_000);

  it.each([
    { quietBy: "--quiet", args: ["--quiet"], env: {} },
    { quietBy: "MOCK_QUIET=1", args: [], env: { MOCK_QUIET: "1" } },
  ])("takes --kombo-port/--kinde-port over their environment variables, and $quietBy silences the request log", async ({ args, env }) => {
    // The variables are not even ports: the flags win, so they are never read.
    const launched = launch(["--kombo-port", "0", "--kinde-port=0", ...args], { KOMBO_MOCK_PORT: "not-a-port", KINDE_MOCK_PORT: "99999", ...env });
    const { kombo } = await ready(launched);
    const created = await fetch(`${kombo}/connect/create-link`, {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json" },
      body: createLinkBody,
    });
    expect(created.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(launched.output()).not.toContain("[kombo]");
    expect(await stopped(launched)).toBe(0);
  }, 30_000);

  it("--help lists every option with its variable and examples; --version prints the package version; both exit 0", async () => {
    const help = launch(["--help"]);
    expect(await help.exited).toBe(0);
    for (const expected of ["--kombo-port <port>", "KOMBO_MOCK_PORT", "--kinde-port <port>", "KINDE_MOCK_PORT", "--host <host>", "MOCK_HOST", "--quiet", "MOCK_QUIET", "KINDE_MOCK_CLIENT_ID", "KINDE_MOCK_CLIENT_SECRET", "Examples:", "Exit codes:"]) {
      expect(help.output()).toContain(expected);
    }
    const version = launch(["--version"]);
    expect(await version.exited).toBe(0);
    expect(version.output()).toBe(`${packageVersion}\n`);
  }, 30_000);

  it.each([
    { args: ["--port", "7310"], env: {}, message: "error: unknown option '--port'" },
    { args: ["--kombo-port", "70000"], env: {}, message: "error: option '--kombo-port <port>' argument '70000' is invalid. Not a port (0-65535; 0 picks a free one)." },
    { args: [], env: { KINDE_MOCK_PORT: "abc" }, message: "error: option '--kinde-port <port>' value 'abc' from env 'KINDE_MOCK_PORT' is invalid." },
    { args: ["start"], env: {}, message: "error: too many arguments" },
  ])("refuses $args $env with exit code 2 and says what is wrong", async ({ args, env, message }) => {
    const launched = launch(args, env);
    expect(await launched.exited).toBe(2);
    expect(launched.output()).toContain(message);
    expect(launched.output()).toContain("(add --help to see the options)");
    expect(launched.output()).not.toContain("Kombo mock");
  }, 30_000);

  it("exits 1 and names the port and the flag when a port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const launched = launch(["--kombo-port", String(taken), "--kinde-port", "0"]);
      expect(await launched.exited).toBe(1);
      expect(launched.output()).toContain(`could not start the mocks: kombo mock: port ${taken} on 127.0.0.1 is in use.`);
      expect(launched.output()).toContain("--kombo-port");
      expect(launched.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
