import type { ContractRequest } from "../runner/exchange.js";

const secretHeaders = new Set(["authorization", "cookie", "x-api-key"]);

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Redacts the credential but keeps its scheme, so the line shows how auth was sent. */
function redact(name: string, value: string): string {
  if (!secretHeaders.has(name)) return value;
  const scheme = /^(\w+)\s+/.exec(value)?.[1];
  return scheme ? `${scheme} <redacted>` : "<redacted>";
}

/** A `curl` line that replays the request, credentials redacted. */
export function toCurl(request: ContractRequest): string {
  const parts = ["curl", "-sS", "-i", "-X", request.method, shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push("-H", shellQuote(`${name}: ${redact(name, value)}`));
  }
  if (request.body !== undefined) parts.push("--data-raw", shellQuote(request.body));
  return parts.join(" ");
}
