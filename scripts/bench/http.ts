import type { ScenarioRequest } from "./scenarios.js";

export interface PlainResponse {
  status: number;
  bodyText: string;
}

/** One request to a local server (`baseUrl` without trailing slash, e.g. `http://127.0.0.1:4010/v1`), never hanging longer than `timeoutMs`. */
export async function send(baseUrl: string, request: ScenarioRequest, timeoutMs = 2_000): Promise<PlainResponse> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, bodyText: await response.text() };
}

/**
 * fetch loads its HTTP client lazily on first use (tens of milliseconds); pay that before timing a cold
 * start, against a throwaway local server, so it is not billed to the first engine.
 */
export async function warmUpClient(): Promise<void> {
  const { createServer } = await import("node:http");
  const server = createServer((_request, response) => response.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  for (let attempt = 0; attempt < 3; attempt += 1) await (await fetch(`http://127.0.0.1:${port}/`)).text();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
