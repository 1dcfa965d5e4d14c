import { afterEach, describe, expect, it, vi } from "vitest";
import { maxBodyBytes } from "../../../engine/messages.js";
import { toFetchResponse, toMockRequest } from "../fetch-messages.js";

function streamOf(totalBytes: number, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
}

const url = "https://api.kombo.dev/v1/connect/create-link";

describe("toMockRequest", () => {
  it("carries method, URL, lower-case headers and the body text", async () => {
    const request = new Request(url, { method: "POST", headers: { "Content-Type": "application/json", Prefer: "code=400" }, body: '{"a":"é"}' });
    expect(await toMockRequest(request)).toEqual({
      method: "POST",
      url,
      headers: { "content-type": "application/json", prefer: "code=400" },
      body: '{"a":"é"}',
    });
  });

  it("has no body for a GET", async () => {
    expect((await toMockRequest(new Request(url))).body).toBeUndefined();
  });

  it("stops reading a streamed body (no content-length) past the limit", async () => {
    const request = new Request(url, { method: "POST", body: streamOf(maxBodyBytes + 1), duplex: "half" } as RequestInit);
    const mockRequest = await toMockRequest(request);
    expect(mockRequest.bodyTooLarge).toBe(true);
    expect(mockRequest.body).toBeUndefined();
  });

  it("reads a streamed body of exactly the limit", async () => {
    const request = new Request(url, { method: "POST", body: streamOf(maxBodyBytes), duplex: "half" } as RequestInit);
    const mockRequest = await toMockRequest(request);
    expect(mockRequest.bodyTooLarge).toBeUndefined();
    expect(mockRequest.body?.length).toBe(maxBodyBytes);
  });
});

describe("toFetchResponse", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers status, headers and body", async () => {
    const response = await toFetchResponse({ status: 404, headers: { "content-type": "application/json", allow: "POST" }, body: '{"x":1}' }, "GET");
    expect([response.status, response.headers.get("allow"), await response.text()]).toEqual([404, "POST", '{"x":1}']);
  });

  it("sends no body for 204 and HEAD", async () => {
    expect(await (await toFetchResponse({ status: 204, headers: {}, body: "ignored" }, "OPTIONS")).text()).toBe("");
    expect(await (await toFetchResponse({ status: 200, headers: {}, body: "ignored" }, "HEAD")).text()).toBe("");
  });

  it("turns fault=reset into a network error", async () => {
    const response = await toFetchResponse({ status: 200, headers: {}, body: "{}", fault: "reset" }, "GET");
    expect(response.type).toBe("error");
  });

  it("waits delayMs before answering", async () => {
    vi.useFakeTimers();
    let settled = false;
    const pending = toFetchResponse({ status: 200, headers: {}, body: "{}", delayMs: 250 }, "GET").then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });
});
