import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../server.js";

// At-least-once delivery over HTTP: a refused connection and a time-out are retried like a non-2xx.

let mocks: RunningMockServers | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await mocks?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  mocks = undefined;
  receiver = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function completeFlow(running: RunningMockServers): Promise<void> {
  const created = await fetch(`${running.kombo.baseUrl}/connect/create-link`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" }),
  });
  const link = ((await created.json()) as { data: { link: string } }).data.link;
  await fetch(link, { headers: { accept: "application/json" } });
}

async function deliveries(running: RunningMockServers): Promise<{ state: string; attempts: { status?: number; error?: string }[] }[]> {
  await running.webhooksSettled();
  return ((await (await fetch(`${running.kombo.origin}/__mock/webhooks`)).json()) as { webhooks: { state: string; attempts: { status?: number; error?: string }[] }[] }).webhooks;
}

describe("webhook delivery from startMockServers", () => {
  it("a refused connection is retried after each delay, then the delivery fails; the secret is in no report", async () => {
    const secret = "whsec_never_shown";
    mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, webhooks: { kombo: { url: `http://127.0.0.1:${await freePort()}/hook`, secret }, retryDelaysSeconds: [0, 0] } });
    await completeFlow(mocks);
    const [delivery] = await deliveries(mocks);
    expect(delivery).toMatchObject({ state: "failed", attempts: [{ error: "connection refused" }, { error: "connection refused" }, { error: "connection refused" }] });
    const reports = JSON.stringify([await deliveries(mocks), mocks.requests()]);
    expect(reports).not.toContain(secret);
  });

  it("a receiver that does not answer in time counts as a failed attempt; the retry that is answered delivers", async () => {
    const hanging: ServerResponse[] = [];
    let calls = 0;
    receiver = createServer((request, response) => {
      calls++;
      if (calls === 1) hanging.push(response);
      else response.end();
    });
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, webhooks: { kombo: { url, secret: "s" }, retryDelaysSeconds: [0], timeoutMs: 200 } });
    await completeFlow(mocks);
    const [delivery] = await deliveries(mocks);
    for (const response of hanging) response.end();
    expect(delivery).toMatchObject({ state: "delivered", attempts: [{ error: "timed out after 200 ms" }, { status: 200 }] });
  });

  it("refuses webhooks for a provider whose spec declares none", async () => {
    await expect(startMockServers({ komboPort: 0, kindePort: 0, quiet: true, webhooks: { kinde: { url: "http://127.0.0.1:1/hook", secret: "s" } } })).rejects.toThrow("the kinde spec declares no webhooks to deliver");
  });
});
