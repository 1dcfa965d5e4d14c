import type { ContractRequest } from "../model/http.js";
import { redactFormSecrets, redactSecrets } from "./redact.js";

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

/** A `curl` line that replays the request, credentials redacted (headers, and secret fields of the body). */
export function toCurl(request: ContractRequest): string {
  const parts = ["curl", "-sS", "-i", "-X", request.method, shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push("-H", shellQuote(`${name}: ${redact(name, value)}`));
  }
  if (request.body !== undefined) {
    // By the text, not the Content-Type: a form sent as text/plain still carries its client_secret.
    const isJson = /^\s*[[{]/.test(request.body);
    parts.push("--data-raw", shellQuote(isJson ? redactSecrets(request.body) : redactFormSecrets(request.body)));
  }
  return parts.join(" ");
}
