import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { integrationCreatedWebhookPayloadFromJSON } from "@kombo-api/sdk/models";
import { afterEach, describe, expect, it } from "vitest";
import { verifyKomboWebhook } from "../../generated/kombo/index.js";

// The acceptance of webhook delivery, as written: `npm run mock -- --kombo-webhook-url … --kombo-webhook-secret S`.

const launcher = fileURLToPath(new URL("../launch-mock.mjs", import.meta.url));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KOMBO|KINDE)_MOCK_|^MOCK_/.test(name)));
const secret = "S";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** A webhook receiver on a free port: answers each POST with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[]; next(): Promise<Received>; close(): Promise<void> }> {
  const received: Received[] = [];
  let waiting: ((entry: Received) => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(entry);
      response.statusCode = statuses.shift() ?? 200;
      response.end();
      for (const resolve of waiting) resolve(entry);
      waiting = [];
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let seen = 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    next: () => (received.length > seen ? Promise.resolve(received[seen++]!) : new Promise((resolve) => waiting.push((entry) => (seen++, resolve(entry))))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill("SIGTERM");
  children = [];
});

async function npmRunMock(args: string[]): Promise<{ origin: string; output: () => string }> {
  const child = spawn(process.execPath, [launcher, ...args], { env: { ...cleanEnv, KOMBO_MOCK_PORT: "0", KINDE_MOCK_PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", () => output.includes("Ctrl-C stops") && resolve());
    child.once("exit", () => reject(new Error(`the mock exited early:\n${output}`)));
  });
  const origin = /Kombo mock {2}(http:\/\/127\.0\.0\.1:\d+)\/v1\n/.exec(output)?.[1];
  if (origin === undefined) throw new Error(`no Kombo URL in:\n${output}`);
  return { origin, output: () => output };
}

const kombosSignature = (body: string) => createHmac("sha256", secret).update(body).digest("base64url");

async function completeFlow(origin: string): Promise<string> {
  const created = await fetch(`${origin}/v1/connect/create-link`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH", integration_tool: "personio" }),
  });
  const link = ((await created.json()) as { data: { link: string } }).data.link;
  const completed = await fetch(link, { headers: { accept: "application/json" } });
  return ((await completed.json()) as { token: string }).token;
}

describe("npm run mock -- --kombo-webhook-url … --kombo-webhook-secret S", () => {
  it("completing a flow POSTs integration-created, signed as Kombo signs, with integration-by-token's id; the secret is never printed", async () => {
    const hook = await receiver();
    try {
      const mock = await npmRunMock(["--kombo-webhook-url", hook.url, "--kombo-webhook-secret", secret]);
      expect(mock.output()).toContain(`Webhooks    Kombo -> ${hook.url}`);
      const token = await completeFlow(mock.origin);
      const delivered = await hook.next();
      expect(delivered.headers["x-kombo-signature"]).toBe(kombosSignature(delivered.body));
      expect(delivered.headers["content-type"]).toBe("application/json");
      const event = JSON.parse(delivered.body) as { id: string; type: string; data: { id: string } };
      expect(event.type).toBe("integration-created");
      const byToken = await fetch(`${mock.origin}/v1/connect/integration-by-token/${token}`, { headers: { authorization: "Bearer k" } });
      expect(event.data.id).toBe(((await byToken.json()) as { data: { id: string } }).data.id);
      expect(integrationCreatedWebhookPayloadFromJSON(delivered.body).ok).toBe(true);

      // verifyKomboWebhook: true for the delivered body and signature, false when one byte changes.
      const signature = delivered.headers["x-kombo-signature"] as string;
      expect(await verifyKomboWebhook(delivered.body, signature, secret)).toBe(true);
      const bytes = Buffer.from(delivered.body);
      bytes[bytes.length - 2] = (bytes[bytes.length - 2] as number) ^ 1;
      expect(await verifyKomboWebhook(bytes, signature, secret)).toBe(false);

      const journal = await (await fetch(`${mock.origin}/__mock/requests`)).text();
      const deliveries = await (await fetch(`${mock.origin}/__mock/webhooks`)).text();
      for (const text of [mock.output(), journal, deliveries]) expect(text).not.toContain(signature);
      expect(mock.output()).not.toMatch(/secret[^\n]*\bS\b/);
    } finally {
      await hook.close();
    }
  });

  it("with --webhook-retry-delays 0.2 and a receiver that answers 500 once: the same event id twice, two attempts listed", async () => {
    const hook = await receiver([500]);
    try {
      const mock = await npmRunMock(["--kombo-webhook-url", hook.url, "--kombo-webhook-secret", secret, "--webhook-retry-delays", "0.2"]);
      await completeFlow(mock.origin);
      const first = await hook.next();
      const second = await hook.next();
      expect(JSON.parse(second.body).id).toBe(JSON.parse(first.body).id);
      expect(second.body).toBe(first.body);
      expect(second.headers["x-kombo-signature"]).toBe(first.headers["x-kombo-signature"]);
      let listed: { webhooks: { eventId: string; type: string; state: string; attempts: { status?: number }[] }[] };
      do listed = (await (await fetch(`${mock.origin}/__mock/webhooks`)).json()) as typeof listed;
      while (listed.webhooks[0]?.state !== "delivered");
      expect(listed.webhooks).toHaveLength(1);
      expect(listed.webhooks[0]).toMatchObject({ eventId: JSON.parse(first.body).id, type: "integration-created", state: "delivered" });
      expect(listed.webhooks[0]!.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    } finally {
      await hook.close();
    }
  });
});
