import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";

let mocks: RunningMockServers;
const logLines: string[] = [];

beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await mocks.close();
});

const auth = { authorization: "Bearer secret-credential-123" };
const valid = JSON.stringify({ end_user_email: "a@b.co", end_user_organization_name: "Acme" });

/** Sends raw bytes and returns the status of the first response line (0 when the server just closed). */
function raw(port: number, bytes: string | Buffer, waitMs = 1500): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    const done = () => {
      socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : 0, text });
    };
    const timer = setTimeout(done, waitMs);
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      done();
    });
    socket.write(bytes);
  });
}

async function stillServes(): Promise<void> {
  const response = await fetch(`${mocks.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: valid });
  expect(response.status).toBe(200);
}

describe("bad input never yields a 5xx or takes the server down", () => {
  it("bad JSON of every kind", async () => {
    const url = `${mocks.kombo.baseUrl}/connect/create-link`;
    const bodies: [string, string | Buffer, Record<string, string>][] = [
      ["malformed", "{\"end_user_email\":", { "content-type": "application/json" }],
      ["not an object", "[]", { "content-type": "application/json" }],
      ["null", "null", { "content-type": "application/json" }],
      ["deep", `${"[".repeat(500_000)}${"]".repeat(500_000)}`, { "content-type": "application/json" }],
      ["deep object", `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`, { "content-type": "application/json" }],
      ["invalid utf-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), { "content-type": "application/json" }],
      ["utf-16", Buffer.from(valid, "utf16le"), { "content-type": "application/json; charset=utf-16" }],
      ["gzip claimed", "\x1f\x8b\x08garbage", { "content-type": "application/json", "content-encoding": "gzip" }],
      ["form", "a=1&b=2", { "content-type": "application/x-www-form-urlencoded" }],
      ["multipart", "--x\r\n\r\n--x--", { "content-type": "multipart/form-data; boundary=x" }],
      ["no content type", valid, {}],
      ["garbage content type", valid, { "content-type": ";;;===" }],
      ["NUL bytes", `{"end_user_email":"a\u0000@b.co","end_user_organization_name":"\u0000"}`, { "content-type": "application/json" }],
    ];
    for (const [name, body, headers] of bodies) {
      const response = await fetch(url, { method: "POST", headers: { ...auth, ...headers }, body: typeof body === "string" ? body : new Uint8Array(body) });
      expect(response.status, name).toBe(400);
      const answer = (await response.json()) as { status: string; error: { code: string; message: string } };
      expect(answer.error.code, name).toBe("PLATFORM.INPUT_INVALID");
      expect(answer.error.message, name).not.toMatch(/\n\s+at /);
    }
    await stillServes();
  });

  it("a body over 1 MiB is 413, with or without Content-Length", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const declared = await fetch(`${mocks.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: new Uint8Array(big) });
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: "127.0.0.1", port: mocks.kinde.port, method: "POST", path: "/api/v1/connected_apps/revoke?session_id=x", headers: { ...auth, "content-type": "application/json" } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40) {
          sent++;
          if (!request.write(chunk)) return void request.once("drain", pump);
        }
        request.end();
      };
      pump();
    });
    expect(chunked).toBe(413);
    await stillServes();
  });

  it("odd paths, methods and encodings", async () => {
    const kombo = mocks.kombo.port;
    const cases: [string, number[]][] = [
      ["GET /v1/connect/integration-by-token/%ZZ HTTP/1.1", [404]],
      ["GET /v1/connect/integration-by-token/%E0%A4%A HTTP/1.1", [404]],
      ["GET //v1//connect//create-link HTTP/1.1", [404]],
      ["GET /v1/connect/../connect/create-link HTTP/1.1", [405]],
      [`GET /v1/${"a/".repeat(3000)} HTTP/1.1`, [404]],
      ["GET http://elsewhere.example/v1/connect/create-link HTTP/1.1", [405]],
      ["OPTIONS * HTTP/1.1", [404]],
      ["PROPFIND /v1/connect/create-link HTTP/1.1", [405]],
      ["TRACE /v1/connect/create-link HTTP/1.1", [405]],
      ["BREW /v1/connect/create-link HTTP/1.1", [400]],
      ["GET /v1/connect/integration-by-token/\u00e9 HTTP/1.1", [400, 401, 404]],
    ];
    for (const [line, statuses] of cases) {
      const { status } = await raw(kombo, `${line}\r\nhost: 127.0.0.1\r\nauthorization: Bearer k\r\nconnection: close\r\n\r\n`);
      expect(statuses, line).toContain(status);
    }
    await stillServes();
  });

  it("broken HTTP over a raw socket", async () => {
    const port = mocks.kombo.port;
    const broken: [string, string | Buffer][] = [
      ["garbage", "\x00\x01\x02 not http at all\r\n\r\n"],
      ["no version", "GET /v1/connect/create-link\r\n\r\n"],
      ["header without colon", "GET / HTTP/1.1\r\nhost 127.0.0.1\r\n\r\n"],
      ["huge header", `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(70_000)}\r\n\r\n`],
      ["conflicting lengths", "POST /v1/connect/create-link HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n"],
      ["bad chunk", "POST /v1/connect/create-link HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n"],
      ["negative length", "POST /v1/connect/create-link HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n"],
      ["binary", Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256))],
      ["half a request then close", "POST /v1/connect/create-link HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{\"a\""],
      ["TLS hello", Buffer.from("160301020001000100fc03039a", "hex")],
    ];
    for (const [name, bytes] of broken) {
      const { status } = await raw(port, bytes, 400);
      expect(status === 0 || (status >= 400 && status < 500), `${name}: ${status}`).toBe(true);
    }
    const pipelined = await raw(
      port,
      `POST /__mock/reset HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\nGET /v1/x HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expect(pipelined.text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(["HTTP/1.1 200", "HTTP/1.1 404"]);
    await stillServes();
  });

  it("Prefer delay and fault=reset are carried out by the adapter", async () => {
    const started = performance.now();
    const delayed = await fetch(`${mocks.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: { ...auth, "content-type": "application/json", prefer: "delay=120" }, body: valid });
    expect(delayed.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    await expect(
      fetch(`${mocks.kombo.baseUrl}/connect/create-link`, { method: "POST", headers: { ...auth, "content-type": "application/json", prefer: "fault=reset" }, body: valid }),
    ).rejects.toThrow();
    await stillServes();
  });

  it("logs one line per request with method, path, status and ms, credentials redacted", async () => {
    logLines.length = 0;
    await fetch(`${mocks.kinde.baseUrl}/api/v1/connected_apps/token?session_id=abcdef&other=1&key_code_ref=slack&code=c0de`, { headers: auth });
    await fetch(`${mocks.kombo.baseUrl}/connect/integration-by-token/averylongintegrationtoken123`, { headers: auth });
    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toMatch(/^\[kinde\] GET \/api\/v1\/connected_apps\/token\?session_id=\*\*\*&other=1&key_code_ref=slack&code=\*\*\* 400 \d+\.\dms$/);
    expect(logLines[1]).toMatch(/^\[kombo\] GET \/v1\/connect\/integration-by-token\/\{token\} 404 \d+\.\dms$/);
    expect(logLines.join("\n")).not.toMatch(/secret-credential|abcdef|averylong/);
  });
});
