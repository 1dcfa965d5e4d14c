import { HttpResponse, delay } from "msw";
import { maxBodyBytes, type MockRequest, type MockResponse } from "../../engine/messages.js";

/** Statuses whose responses carry no body by definition; `Response` refuses one. */
const bodylessStatuses = new Set([101, 103, 204, 205, 304]);

const utf8 = new TextDecoder();

async function readBodyWithinLimit(request: Request): Promise<{ body?: string; bodyTooLarge?: boolean }> {
  if (request.body === null) return {};
  const declaredLength = Number(request.headers.get("content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > maxBodyBytes) {
    await request.body.cancel().catch(() => undefined);
    return { bodyTooLarge: true };
  }
  // A declared length within the limit: read at once (fetch stops at Content-Length), without a stream reader's turn per chunk.
  if (declaredLength > 0) return { body: await request.text() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      return { bodyTooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { body: utf8.decode(bytes) };
}

/** The msw (fetch) `Request` as the engine's plain data. Reads the body, stopping past the size limit. */
export async function toMockRequest(request: Request): Promise<MockRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const { body, bodyTooLarge } = await readBodyWithinLimit(request);
  return {
    method: request.method,
    url: request.url,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(bodyTooLarge ? { bodyTooLarge } : {}),
  };
}

/** Carries out the engine's answer: waits `delayMs`, drops the connection on `fault: "reset"`. */
export async function toFetchResponse(answer: MockResponse, method: string): Promise<Response> {
  if (answer.delayMs !== undefined && answer.delayMs > 0) await delay(answer.delayMs);
  if (answer.fault === "reset") return HttpResponse.error();
  const withoutBody = bodylessStatuses.has(answer.status) || method.toUpperCase() === "HEAD";
  return new HttpResponse(withoutBody ? null : (answer.body ?? null), {
    status: answer.status,
    headers: answer.headers,
  });
}
