import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKomboWebhook, verifyKomboWebhook, WebhookVerificationError } from "../../generated/kombo/index.js";

// `connect-contracts webhooks --target <url> --secret S` against three receivers: one that does it right,
// one that accepts any signature, one that refuses event types it does not know.

const bin = fileURLToPath(new URL("../bin.ts", import.meta.url));
const run = promisify(execFile);
const secret = "whsec_never_print_7f3a";

type Receiver = (body: string, signature: string | undefined) => Promise<number>;

/** Checks signatures with the package's own parse, tolerates new types, and is idempotent. */
const careful: Receiver = async (body, signature) => {
  try {
    await parseKomboWebhook(body, signature, secret);
    return 200;
  } catch (error) {
    return error instanceof WebhookVerificationError && error.reason === "signature" ? 401 : 400;
  }
};
const trustsAnything: Receiver = async () => 204;
const refusesNewTypes: Receiver = async (body, signature) => {
  if (!(await verifyKomboWebhook(body, signature, secret))) return 401;
  return (await parseKomboWebhook(body, signature, secret)) === undefined ? 422 : 200;
};

const servers: Server[] = [];
const urls: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, receiver] of Object.entries({ careful, trustsAnything, refusesNewTypes })) {
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        const header = request.headers["x-kombo-signature"];
        void receiver(body, typeof header === "string" ? header : undefined).then((status) => {
          response.statusCode = status;
          response.end();
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/kombo`;
  }
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function webhooks(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return webhooksWith({}, ...args);
}

async function webhooksWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", bin, "webhooks", ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("connect-contracts webhooks --target <url> --secret S", () => {
  it("exits 0 against a receiver that checks signatures; writes JUnit", async () => {
    const reports = await mkdtemp(join(tmpdir(), "webhooks-"));
    const result = await webhooks("--target", urls.careful!, "--secret", secret, "--reports", reports);
    expect(result.stdout).toContain("webhooks: 11 passed, 0 failed");
    expect(result.code).toBe(0);
    const junit = await readFile(join(reports, "webhooks-junit.xml"), "utf8");
    expect(junit).toContain('tests="11" failures="0"');
  }, 60_000);

  it("exits 1 against one that accepts any signature, naming each check, with expected, got and a curl line", async () => {
    const reports = await mkdtemp(join(tmpdir(), "webhooks-"));
    const result = await webhooks("--target", urls.trustsAnything!, "--secret", secret, "--reports", reports);
    expect(result.code).toBe(1);
    for (const check of ["webhook_tampered_refused", "webhook_wrong_secret_refused", "webhook_padded_signature_refused", "webhook_unsigned_refused"]) {
      expect(result.stdout).toContain(`check:    ${check}`);
    }
    expect(result.stdout).not.toContain("check:    webhook_accepted");
    expect(result.stdout).toMatch(/expected: 4xx: .*\n {3}got: {6}204\n {3}reproduce: curl -sS -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/webhooks\/kombo'/);
    expect(result.stdout).toContain("webhooks: 7 passed, 4 failed");
    expect(result.stdout).not.toContain(`--secret`);
    const junit = await readFile(join(reports, "webhooks-junit.xml"), "utf8");
    expect(junit).toContain('type="webhook_unsigned_refused"');
  }, 60_000);

  it("takes the secret from KOMBO_WEBHOOK_SECRET; prints neither it nor credentials in the target's query, in the console or JUnit", async () => {
    const reports = await mkdtemp(join(tmpdir(), "webhooks-"));
    const query = "?api_key=sekrit_query_value&tenant=acme";
    const good = await webhooksWith({ KOMBO_WEBHOOK_SECRET: secret }, "--target", `${urls.careful!}${query}`, "--reports", reports);
    expect(good.stdout).toContain("webhooks: 11 passed, 0 failed");
    expect(good.code).toBe(0);
    const bad = await webhooksWith({ KOMBO_WEBHOOK_SECRET: secret }, "--target", `${urls.trustsAnything!}${query}`, "--reports", reports);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("reproduce: curl");
    expect(bad.stdout).toContain("tenant=acme");
    const junit = await readFile(join(reports, "webhooks-junit.xml"), "utf8");
    for (const text of [good.stdout, good.stderr, bad.stdout, bad.stderr, junit]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain("sekrit_query_value");
    }
  }, 60_000);

  it("exits 1 against one that refuses a new event type (webhook_unknown_type_tolerated)", async () => {
    const result = await webhooks("--target", urls.refusesNewTypes!, "--secret", secret, "--reports", await mkdtemp(join(tmpdir(), "webhooks-")));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("check:    webhook_unknown_type_tolerated");
    expect(result.stdout).toContain("webhooks: 10 passed, 1 failed");
  }, 60_000);

  it("a missing --target or --secret is a usage error (exit 2); a refused connection is a failed check (exit 1)", async () => {
    expect((await webhooks("--secret", secret)).code).toBe(2);
    expect((await webhooks("--target", urls.careful!)).code).toBe(2);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await webhooks("--target", `http://127.0.0.1:${port}/hook`, "--secret", secret, "--reports", await mkdtemp(join(tmpdir(), "webhooks-")));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("got:      connection refused");
  }, 60_000);
});
