import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKindeClient } from "../../generated/kinde/index.js";
import { createKomboClient } from "../../generated/kombo/index.js";
import { startPrismMocks, type RunningPrismMocks } from "../prism/launcher.js";
import { createMockEngines } from "../behaviour/index.js";
import { acceptsConnections } from "./ports.js";

// Prism takes a few seconds to start: both providers start once for the whole file.
let prism: RunningPrismMocks;
const { kombo: komboEngine, kinde: kindeEngine } = createMockEngines();

beforeAll(async () => {
  prism = await startPrismMocks({ komboPort: 0, kindePort: 0 });
}, 90_000);
afterAll(async () => {
  await prism?.close();
});

function schemaOf(engine: typeof komboEngine, operationId: string, status: string) {
  return engine.spec.byOperationId(operationId).responses.get(status)!.content.get("application/json")!.validate;
}

describe("npm run mock:prism: Prism on our base paths", () => {
  it("serves Kombo under /v1: a spec-valid success and Prefer-selected errors", async () => {
    expect(prism.kombo.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const client = createKomboClient({ apiKey: "any", baseUrl: prism.kombo.baseUrl });
    const body = { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" };
    const ok = await client.POST("/connect/create-link", { body });
    expect(ok.response.status).toBe(200);
    expect(schemaOf(komboEngine, "PostConnectCreateLink", "200")(ok.data)).toEqual([]);
    const limited = await client.POST("/connect/create-link", { body, headers: { prefer: "code=429, example=concurrency_limit_exceeded" } });
    expect(limited.response.status).toBe(429);
    expect(limited.error!.error.code).toBe("PLATFORM.CONCURRENCY_LIMIT_EXCEEDED");
    const notFound = await client.GET("/connect/integration-by-token/{token}", { params: { path: { token: "t" } }, headers: { prefer: "code=404" } });
    expect(notFound.response.status).toBe(404);
    expect(schemaOf(komboEngine, "GetConnectIntegrationByTokenToken", "404")(notFound.error)).toEqual([]);
    const rootPath = await fetch(`${prism.kombo.origin}/connect/create-link`, { method: "POST", headers: { authorization: "Bearer x", "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(rootPath.status).toBe(404);
  });

  it("serves Kinde at the root: a spec-valid success and Prefer-selected errors, as our engine answers them", async () => {
    const client = createKindeClient({ token: "any", baseUrl: prism.kinde.baseUrl });
    const token = await client.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "s" } } });
    expect(token.response.status).toBe(200);
    expect(schemaOf(kindeEngine, "GetConnectedAppToken", "200")(token.data)).toEqual([]);
    const invalid = await client.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "s" } }, headers: { prefer: "code=400" } });
    expect(invalid.response.status).toBe(400);
    const ours = await kindeEngine.handle({
      method: "GET",
      url: "http://127.0.0.1:4011/api/v1/connected_apps/token?session_id=s",
      headers: { authorization: "Bearer any", prefer: "code=400" },
    });
    expect(invalid.error).toEqual(JSON.parse(ours.body!));
  });
});


describe("startPrismMocks in a process that is killed", () => {
  it("takes Prism and its temp specs down with it (SIGKILL leaves no handler to run)", async () => {
    const launcher = new URL("../prism/launcher.ts", import.meta.url).href;
    const parentTmp = mkdtempSync(join(tmpdir(), "prism-parent-"));
    const parent = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", `const { startPrismMocks } = await import(${JSON.stringify(launcher)});
const mocks = await startPrismMocks({ komboPort: 0, kindePort: 0 });
process.stdout.write(JSON.stringify({ ports: [mocks.kombo.port, mocks.kinde.port] }) + "\\n");
setInterval(() => {}, 1000);`],
      // Its own temp dir, so what it leaves behind is told apart from other Prism runs on this machine.
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, TMPDIR: parentTmp } },
    );
    let output = "";
    const started = await new Promise<{ ports: number[] }>((resolve, reject) => {
      parent.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
        if (line) resolve(JSON.parse(line) as { ports: number[] });
      });
      parent.once("exit", (code) => reject(new Error(`the parent exited (${code}) before Prism listened:\n${output}`)));
    });
    try {
      for (const port of started.ports) expect(await acceptsConnections(port)).toBe(true);
      expect(readdirSync(parentTmp).filter((name) => name.startsWith("connect-contracts-prism-"))).toHaveLength(1);
    } finally {
      parent.kill("SIGKILL");
    }
    // Prism notices its stdin ended; poll until both ports refuse (the test's own timeout bounds the wait).
    for (;;) {
      const open = await Promise.all(started.ports.map(acceptsConnections));
      if (!open.includes(true)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      // Each Prism removes the spec dir before it exits; the ports closing is the last thing it does.
      expect(readdirSync(parentTmp).filter((name) => name.startsWith("connect-contracts-prism-"))).toEqual([]);
    } finally {
      rmSync(parentTmp, { recursive: true, force: true });
    }
  }, 90_000);
});
