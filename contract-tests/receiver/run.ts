import type { OpenApiDocument } from "../../openapi/document.js";
import { displayUrl } from "../../openapi/redact.js";
import { masks } from "../../openapi/secrets.js";
import type { ProviderId } from "../model/provider-contract.js";
import { receiverChecks } from "../model/receiver-checks.js";
import type { Finding, ScenarioResult, SuiteResult } from "../model/results.js";
import { toCurl } from "../reports/curl.js";
import { receiverCases, type ReceiverCase } from "./cases.js";

/**
 * The receiver contract test: sends `receiverCases` to the user's webhook URL and judges each answer by
 * its status class. The result is the contract suite's own (`SuiteResult`, target `url`), so the suite's
 * reports (console findings, JUnit) print it.
 */
export interface ReceiverRunOptions {
  provider: ProviderId;
  document: OpenApiDocument;
  target: string;
  secret: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  freshId?: () => string;
}

const statusClass = (status: number): string => `${Math.floor(status / 100)}xx`;

async function send(target: string, delivery: { headers: Record<string, string>; body: string }, timeoutMs: number): Promise<{ status: number } | { error: string }> {
  try {
    const response = await fetch(target, { method: "POST", headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") return { error: `no answer within ${timeoutMs} ms` };
    const code = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
    return { error: code === "ECONNREFUSED" ? "connection refused" : `request failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function runCase(options: ReceiverRunOptions, entry: ReceiverCase, timeoutMs: number): Promise<ScenarioResult> {
  const started = performance.now();
  const failures: Finding[] = [];
  for (const [index, delivery] of entry.deliveries.entries()) {
    const outcome = await send(options.target, delivery, timeoutMs);
    const got = "error" in outcome ? outcome.error : `${outcome.status}`;
    if ("status" in outcome && statusClass(outcome.status) === entry.expect) continue;
    failures.push({
      target: "url",
      provider: options.provider,
      scenario: entry.name,
      operation: `webhook ${entry.name.split(",")[0] ?? ""}`,
      check: entry.check,
      path: entry.deliveries.length > 1 ? `delivery ${index + 1} of ${entry.deliveries.length}` : "status",
      expected: `${entry.expect}: ${receiverChecks[entry.check]}`,
      got,
      curl: toCurl({ method: "POST", url: displayUrl(options.target, masks.report), headers: delivery.headers, body: delivery.body }),
    });
    break;
  }
  return {
    target: "url",
    provider: options.provider,
    family: "webhook",
    name: entry.name,
    outcome: failures.length > 0 ? "failed" : "passed",
    failures,
    warnings: [],
    requests: entry.deliveries.length,
    durationMs: performance.now() - started,
  };
}

export async function runReceiverTest(options: ReceiverRunOptions): Promise<SuiteResult> {
  const started = performance.now();
  const freshId = options.freshId ?? (() => globalThis.crypto.randomUUID());
  const cases = await receiverCases(options.document, options.secret, freshId);
  const scenarios: ScenarioResult[] = [];
  for (const entry of cases) scenarios.push(await runCase(options, entry, options.timeoutMs ?? 10_000));
  return { targets: ["url"], seed: 0, strict: false, scenarios, coverage: {}, emptyTargets: [], durationMs: performance.now() - started };
}
