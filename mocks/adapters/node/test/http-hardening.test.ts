import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../server.js";

/**
 * The node:http mock under hostile or clumsy HTTP, over raw sockets: oversized bodies, bodies that never
 * come, slow heads, unreadable HTTP. Every case must end in a readable 4xx (the provider's error body
 * where the socket allows it), never a 5xx, a reset before the answer, or a hang; the server stays up.
 * Time-outs are shortened for the test; no assertion is about timing.
 */

/** Default limits: a busy machine pausing the test client mid-body must not turn into a time-out here. */
let mocks: RunningMockServers;
/** Short time-outs, for the tests about them. */
let hasty: RunningMockServers;
const hastyLimits = { headersTimeoutMs: 300, requestTimeoutMs: 600, bodyIdleMs: 150 };
/** A short whole-request time-out with a body idle limit far above the test's drip interval. */
let patient: RunningMockServers;

beforeAll(async () => {
  mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
  hasty = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, limits: hastyLimits });
  patient = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, bodyIdleMs: 10_000 } });
});
afterAll(async () => {
  await Promise.all([mocks.close(), hasty.close(), patient.close()]);
});

const createLinkHead = (extra: string) =>
  `POST /v1/connect/create-link HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer k\r\ncontent-type: application/json\r\n${extra}\r\n`;

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
  /** Request bytes the client had written when the answer's head arrived. */
  sentBeforeAnswer: number;
  /** How the connection ended: `close` (clean), `error` (a reset or broken pipe), `open` (the test gave up waiting). */
  ending: "close" | "error" | "open";
}

/**
 * Opens a connection, writes `head`, then the `body` parts one after another (each once the socket has
 * taken the previous one), and collects everything the server sends until the connection is gone. Like
 * an HTTP client uploading a body, it keeps sending after the server's answer and close (half-open):
 * a server that closes with the body still coming makes that a reset, seen here as `ending: "error"`.
 */
function exchange(port: number, head: string, body: Buffer[] = [], options: { pauseMs?: number; giveUpMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    const received: Buffer[] = [];
    let sent = 0;
    let sentBeforeAnswer = -1;
    let allSent = body.length === 0;
    let serverEnded = false;
    let ending: RawAnswer["ending"] = "open";
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({
        status: match ? Number(match[1]) : 0,
        headers: split < 0 ? text : text.slice(0, split),
        body: split < 0 ? "" : Buffer.from(text.slice(split + 4), "latin1").toString("utf8"),
        sentBeforeAnswer,
        ending,
      });
    };
    const timer = setTimeout(finish, options.giveUpMs ?? 5_000);
    socket.on("data", (chunk) => {
      if (sentBeforeAnswer < 0) sentBeforeAnswer = sent;
      received.push(chunk);
    });
    socket.on("end", () => {
      serverEnded = true;
      if (allSent) socket.end();
    });
    socket.on("error", () => {
      ending = "error";
    });
    socket.on("close", () => {
      if (ending === "open") ending = "close";
      finish();
    });
    socket.write(head, () => {
      sent += Buffer.byteLength(head);
    });
    const next = (index: number) => {
      const part = body[index];
      if (socket.destroyed) return;
      if (part === undefined) {
        allSent = true;
        if (serverEnded) socket.end();
        return;
      }
      socket.write(part, (error) => {
        if (error) return;
        sent += part.length;
        if (options.pauseMs === undefined) next(index + 1);
        else setTimeout(() => next(index + 1), options.pauseMs);
      });
    };
    next(0);
  });
}

const threeMiB = Buffer.alloc(3 * 1024 * 1024, 0x61);

function chunked(data: Buffer, chunkBytes: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    const slice = data.subarray(offset, offset + chunkBytes);
    parts.push(Buffer.from(`${slice.length.toString(16)}\r\n`), slice, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from("0\r\n\r\n"));
  return parts;
}

function komboError(answer: RawAnswer): { status: string; error: { code: string | null; message: string } } {
  expect(answer.headers).toMatch(/content-type: application\/json/i);
  return JSON.parse(answer.body) as { status: string; error: { code: string | null; message: string } };
}

async function stillServes(): Promise<void> {
  const response = await fetch(`${mocks.kombo.baseUrl}/connect/create-link`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify({ end_user_email: "a@b.co", end_user_organization_name: "Acme" }),
  });
  expect(response.status).toBe(200);
}

describe("bodies over the 1 MiB limit", () => {
  it("a 3 MiB body with Content-Length always gets a readable 413, never a reset (40 times)", async () => {
    for (let run = 0; run < 40; run += 1) {
      const answer = await exchange(mocks.kombo.port, createLinkHead(`content-length: ${threeMiB.length}\r\n`), [threeMiB]);
      expect(answer.status, `run ${run}`).toBe(413);
      expect(answer.ending, `run ${run}: the connection must close cleanly after the 413`).toBe("close");
      expect(komboError(answer).error.message).toMatch(/larger than 1 MiB/);
    }
    await stillServes();
  });

  it("a 3 MiB body still being sent after the 413 is drained, not reset (10 times)", async () => {
    const parts = Array.from({ length: 48 }, (_, index) => threeMiB.subarray(index * 65_536, (index + 1) * 65_536));
    for (let run = 0; run < 10; run += 1) {
      const answer = await exchange(mocks.kombo.port, createLinkHead(`content-length: ${threeMiB.length}\r\n`), parts, { pauseMs: 1 });
      expect(answer.status, `run ${run}`).toBe(413);
      expect(answer.sentBeforeAnswer, `run ${run}: the 413 comes before the body is sent`).toBeLessThan(threeMiB.length);
      expect(answer.ending, `run ${run}: the connection must close cleanly once the body is in`).toBe("close");
    }
  });

  it("a 3 MiB chunked body always gets a readable 413, never a reset (40 times)", async () => {
    const parts = chunked(threeMiB, 64 * 1024);
    for (let run = 0; run < 40; run += 1) {
      const answer = await exchange(mocks.kinde.port, "POST /api/v1/connected_apps/revoke?session_id=x HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer k\r\ntransfer-encoding: chunked\r\n\r\n", parts);
      expect(answer.status, `run ${run}`).toBe(413);
      expect(answer.ending, `run ${run}`).toBe("close");
      expect(JSON.parse(answer.body)).toEqual({ errors: [{ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/larger than 1 MiB/) }] });
    }
    await stillServes();
  });

  it("a Content-Length over the limit is answered before the client sends a byte of the body", async () => {
    const answer = await exchange(mocks.kombo.port, createLinkHead(`content-length: ${threeMiB.length}\r\n`));
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBe(Buffer.byteLength(createLinkHead(`content-length: ${threeMiB.length}\r\n`)));
    // The body never came: the connection is closed after the idle wait, not held.
    expect(answer.ending).toBe("close");
  });

  it("a Content-Length of 2^64 - 1 gets a 413 and the connection closes", async () => {
    const answer = await exchange(mocks.kombo.port, createLinkHead("content-length: 18446744073709551615\r\n"), [Buffer.from("{}")]);
    expect(answer.status).toBe(413);
    expect(answer.ending).toBe("close");
    expect(komboError(answer).error.code).toBe("PLATFORM.INPUT_INVALID");
  });

  it("a Content-Length past 2^64 is refused by the parser with a 413 in the provider's format", async () => {
    const answer = await exchange(mocks.kombo.port, createLinkHead("content-length: 99999999999999999999999\r\n"));
    expect(answer.status).toBe(413);
    expect(komboError(answer).error.message).toMatch(/Content-Length/i);
  });

  it("a chunk declaring 2^64 - 1 bytes gets a 4xx while the client still holds the connection", async () => {
    const head = "POST /v1/connect/create-link HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer k\r\ntransfer-encoding: chunked\r\n\r\n";
    const answer = await exchange(mocks.kombo.port, head, [Buffer.from("ffffffffffffffff\r\n{\"end_user")]);
    expect(answer.status).toBe(408);
    expect(komboError(answer).error.message).toMatch(/stopped arriving: 10 bytes came/);
    expect(answer.ending).toBe("close");
  });

  it("a chunk size past 2^64 is refused by the parser with a 413", async () => {
    const head = "POST /v1/connect/create-link HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer k\r\ntransfer-encoding: chunked\r\n\r\n";
    const answer = await exchange(mocks.kombo.port, head, [Buffer.from("fffffffffffffffff\r\nabc")]);
    expect(answer.status).toBe(413);
    await stillServes();
  });
});

describe("slow and broken requests", () => {
  it("a body that stops short of its Content-Length gets a 408 in Kinde's format", async () => {
    const head = "POST /api/v1/connected_apps/revoke?session_id=x HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer k\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
    const answer = await exchange(hasty.kinde.port, head, [Buffer.from('{"a":')]);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toEqual({ errors: [{ code: "INVALID_REQUEST", message: expect.stringMatching(/stopped arriving: 5 bytes/) }] });
  });

  it("a head that never finishes gets a 408 with the provider's error body", async () => {
    const answer = await exchange(hasty.kombo.port, "GET /v1/connect/integration-by-token/x HTTP/1.1\r\nhost: 127.0.0.1\r\n");
    expect(answer.status).toBe(408);
    expect(komboError(answer).error.message).toMatch(/head must come within 300 ms/);
    expect(answer.ending).toBe("close");
  });

  it("a connection that never sends a byte is closed after the head time-out", async () => {
    const answer = await exchange(hasty.kinde.port, "");
    expect(answer.ending).toBe("close");
    expect([0, 408]).toContain(answer.status);
  });

  it("a body trickled in forever is cut off by the request time-out", async () => {
    const head = createLinkHead("transfer-encoding: chunked\r\n");
    const trickle: Promise<RawAnswer> = new Promise((resolve) => {
      const socket = connect(patient.kombo.port, "127.0.0.1");
      let text = "";
      socket.write(head);
      // One byte every 50 ms, far inside the idle limit, for longer than the whole-request limit.
      const drip = setInterval(() => socket.writable && socket.write("1\r\n \r\n"), 50);
      socket.on("data", (chunk) => (text += chunk.toString("latin1")));
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearInterval(drip);
        const split = text.indexOf("\r\n\r\n");
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), headers: text.slice(0, split), body: text.slice(split + 4), sentBeforeAnswer: 0, ending: "close" });
      });
    });
    const answer = await trickle;
    expect(answer.status).toBe(408);
    expect(komboError(answer).error.message).toMatch(/whole request within 600 ms/);
  });

  it("unreadable HTTP gets a 4xx with the provider's error body, and the server lives on", async () => {
    const cases: [string, string, number][] = [
      ["unknown method", "BREW /v1/connect/create-link HTTP/1.1\r\nhost: x\r\n\r\n", 400],
      ["header without a colon", "GET / HTTP/1.1\r\nhost 127.0.0.1\r\n\r\n", 400],
      ["conflicting lengths", createLinkHead("content-length: 5\r\ntransfer-encoding: chunked\r\n") + "0\r\n\r\n", 400],
      ["bad chunk", createLinkHead("transfer-encoding: chunked\r\n") + "zz\r\nabc\r\n", 400],
      ["huge header", `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(70_000)}\r\n\r\n`, 431],
    ];
    for (const [name, bytes, status] of cases) {
      const answer = await exchange(mocks.kombo.port, bytes);
      expect(answer.status, name).toBe(status);
      const body = komboError(answer);
      expect(body.error.code, name).toBe("PLATFORM.INPUT_INVALID");
      expect(body.error.message, name).toMatch(/could not be read as HTTP\/1\.1: .+ \(HPE_/);
    }
    const kinde = await exchange(mocks.kinde.port, "BREW / HTTP/1.1\r\nhost: x\r\n\r\n");
    expect(kinde.status).toBe(400);
    expect(JSON.parse(kinde.body)).toEqual({ errors: [{ code: "INVALID_REQUEST", message: expect.stringMatching(/HPE_INVALID_METHOD/) }] });
    await stillServes();
  });
});
