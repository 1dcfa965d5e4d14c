import type { MockRequest, MockResponse } from "./messages.js";

/** CORS for every answer, so a browser app on another origin can call the mock and read what it says. */

const allowHeaders = "authorization, content-type, prefer, accept";
const exposeHeaders = "allow, content-type, x-mock-drift, x-contract-violations";

export function corsHeaders(request: MockRequest): Record<string, string> {
  const origin = request.headers.origin;
  return origin
    ? { "access-control-allow-origin": origin, vary: "origin", "access-control-expose-headers": exposeHeaders }
    : { "access-control-allow-origin": "*", "access-control-expose-headers": exposeHeaders };
}

/** The answer to a CORS preflight (`OPTIONS`) of a path that allows `methods`. */
export function preflight(request: MockRequest, methods: readonly string[]): MockResponse {
  const allowed = [...methods, "OPTIONS"].join(", ");
  return {
    status: 204,
    headers: {
      ...corsHeaders(request),
      allow: allowed,
      "access-control-allow-methods": allowed,
      "access-control-allow-headers": request.headers["access-control-request-headers"] ?? allowHeaders,
      "access-control-max-age": "600",
    },
  };
}
