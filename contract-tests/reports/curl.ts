import { redactFormText, redactHeaderValue, redactJsonProperties, redactUrl } from "../../openapi/redact.js";
import { masks } from "../../openapi/secrets.js";
import type { ContractRequest } from "../model/http.js";

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A `curl` line that replays the request, credentials masked (headers, and credential fields of the body). */
export function toCurl(request: ContractRequest): string {
  const parts = ["curl", "-sS", "-i", "-X", request.method, shellQuote(redactUrl(request.url, encodeURIComponent(masks.report)))];
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push("-H", shellQuote(`${name}: ${redactHeaderValue(name, value, masks.report)}`));
  }
  if (request.body !== undefined) {
    // By the text, not the Content-Type: a form sent as text/plain still carries its client_secret.
    const isJson = /^\s*[[{]/.test(request.body);
    parts.push("--data-raw", shellQuote(isJson ? redactJsonProperties(request.body, masks.report) : redactFormText(request.body, masks.report)));
  }
  return parts.join(" ");
}
