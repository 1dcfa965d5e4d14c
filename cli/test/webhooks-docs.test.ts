import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { connectContractsProgram } from "../program.js";
import type { CommandIo } from "../io.js";
import { runCommand } from "../run.js";

/**
 * The receiver of docs/webhooks.md (the `js` block marked `<!-- check: webhook-receiver -->`), run as written with
 * node (the only changes: `connect-contracts/kombo` resolves to this clone's source, and it listens on a free port
 * instead of 3000), must pass `connect-contracts webhooks` as the page says it does.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const markdown = await readFile(join(repoRoot, "docs", "webhooks.md"), "utf8");
const receiverCode = /<!-- check: webhook-receiver -->\n```js\n([\s\S]*?)```/.exec(markdown)?.[1];
let child: ChildProcess | undefined;
let directory: string | undefined;

afterAll(async () => {
  child?.kill("SIGTERM");
  if (directory) await rm(directory, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe("docs/webhooks.md: the documented receiver", () => {
  it("passes connect-contracts webhooks with its secret, and fails it without (every check of a forgery does)", async () => {
    expect(receiverCode, "the page has the receiver block").toBeDefined();
    const port = await freePort();
    const code = (receiverCode as string)
      .replace(`"connect-contracts/kombo"`, JSON.stringify(join(repoRoot, "generated", "kombo", "index.ts")))
      .replace(".listen(3000)", `.listen(${port}, "127.0.0.1", () => console.log("listening"))`);
    directory = await mkdtemp(join(tmpdir(), "webhooks-docs-"));
    const file = join(directory, "receiver.mjs");
    await writeFile(file, code);
    child = spawn(process.execPath, ["--import", "tsx", file], { env: { ...process.env, KOMBO_WEBHOOK_SECRET: "whsec_docs" }, cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((done, fail) => {
      child?.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && done());
      child?.once("exit", () => fail(new Error("the receiver exited")));
    });
    const target = `http://127.0.0.1:${port}/webhooks/kombo`;
    const runWebhooks = async (secret: string): Promise<{ out: string; code: number }> => {
      let out = "";
      let exitCode = -1;
      const io: CommandIo = { env: {}, out: (text) => (out += text), err: (text) => (out += text), setExitCode: (value) => (exitCode = value) };
      await runCommand(connectContractsProgram, ["webhooks", "--target", target, "--secret", secret, "--reports", directory as string], io);
      return { out, code: exitCode };
    };
    const passing = await runWebhooks("whsec_docs");
    expect(passing.out).toContain(`webhooks: 11 passed, 0 failed against ${target}`);
    expect(passing.code).toBe(0);
    const otherSecret = await runWebhooks("whsec_not_the_receivers");
    expect(otherSecret.code).toBe(1);
    expect(otherSecret.out).toContain("check:    webhook_accepted");
  }, 60_000);
});
