import type { MockEngine } from "../engine/engine.js";
import type { MockRequest, MockResponse } from "../engine/messages.js";

export const komboBase = "http://127.0.0.1:4010/v1";
export const kindeBase = "http://127.0.0.1:4011";
export const bearer = { authorization: "Bearer test-credential" };
export const jsonHeaders = { ...bearer, "content-type": "application/json" };
export const validCreateLink = { end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" };

/** The engine's answer to `request`, synchronous as on the hot path; a promise (a first generated answer) fails the test: use `settledCall`. */
export function answerNow(engine: MockEngine, request: MockRequest): MockResponse {
  const answer = engine.handle(request);
  if (answer instanceof Promise) throw new Error(`${request.method} ${request.url} answered with a promise (faker still loading): await settledCall(...)`);
  return answer;
}

export function call(engine: MockEngine, method: string, url: string, headers: Record<string, string> = {}, body?: unknown): MockResponse {
  return answerNow(engine, { method, url, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

/** The engine's answer once settled: for generated answers (`Prefer: dynamic`), which wait for faker the first time. */
export async function settledCall(engine: MockEngine, method: string, url: string, headers: Record<string, string> = {}, body?: unknown): Promise<MockResponse> {
  return engine.handle({ method, url, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

export function json(response: { body?: string | undefined }): any {
  return response.body === undefined ? undefined : JSON.parse(response.body);
}
