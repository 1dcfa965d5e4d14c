/**
 * Child process of `npm run bench` (run with --expose-gc): the stateful Connect flow through both engines, in a
 * process of its own, for `--memory-requests` requests (default 1,000,000): create a link, open it as JSON (the
 * Connect page completes and hands out an integration token), read the integration by that token, plus a Kinde
 * auth_url. Resident memory after a garbage collection at each checkpoint shows whether the state maps stay
 * bounded. Prints one JSON line: { checkpoints: MemoryCheckpoint[] }.
 */
import { whenSettled, type MockRequest, type MockResponse } from "../../mocks/engine/messages.js";
import { createMockEngines } from "../../mocks/behaviour/index.js";
import type { MemoryCheckpoint } from "./results.js";

const total = Number(process.argv[2] ?? 1_000_000);
const checkpoints = new Set([Math.round(total / 10), total]);
const engines = createMockEngines();
const collect = (globalThis as { gc?: () => void }).gc;

const headers = { authorization: "Bearer bench-not-a-secret", "content-type": "application/json", accept: "application/json" };
const createLink: MockRequest = {
  method: "POST",
  url: "http://127.0.0.1:4010/v1/connect/create-link",
  headers,
  body: JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" }),
};
const authUrl: MockRequest = { method: "GET", url: "http://127.0.0.1:4011/api/v1/connected_apps/auth_url?key_code_ref=google_calendar&user_id=kp_bench", headers };

function answered(answer: MockResponse | Promise<MockResponse>): MockResponse {
  const settled = whenSettled(answer, (value) => value);
  if (settled instanceof Promise) throw new Error("an answer of the flow came as a promise: it generated data");
  if (settled.status >= 300) throw new Error(`the flow got ${settled.status}: ${settled.body?.slice(0, 200) ?? ""}`);
  return settled;
}

const measured: MemoryCheckpoint[] = [];
let sent = 0;
let due: number | undefined;
const count = (): void => {
  sent += 1;
  if (checkpoints.has(sent)) due = sent;
};
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * At a checkpoint: event-loop turns as a server has between requests, two collections, a pause so V8 can hand
 * freed pages back, then RSS (what the process holds, not what it last allocated).
 */
async function measure(requests: number): Promise<void> {
  for (let index = 0; index < 2; index += 1) {
    await turn();
    collect?.();
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  const usage = process.memoryUsage();
  measured.push({ requests, residentMiB: usage.rss / 2 ** 20, heapUsedMiB: usage.heapUsed / 2 ** 20 });
}

let flows = 0;
while (sent < total) {
  // A server turns its event loop between requests; a loop that never yields would measure something else.
  if (++flows % 250 === 0) await turn();
  if (due !== undefined) {
    await measure(due);
    due = undefined;
  }
  const link = (JSON.parse(answered(engines.kombo.handle(createLink)).body ?? "{}") as { data: { link: string } }).data.link;
  count();
  if (sent >= total) break;
  const opened = JSON.parse(answered(engines.kombo.handle({ method: "GET", url: link, headers: { accept: "application/json" } })).body ?? "{}") as { token: string };
  count();
  if (sent >= total) break;
  answered(engines.kombo.handle({ method: "GET", url: `http://127.0.0.1:4010/v1/connect/integration-by-token/${encodeURIComponent(opened.token)}`, headers }));
  count();
  if (sent >= total) break;
  answered(engines.kinde.handle(authUrl));
  count();
}
if (due !== undefined) await measure(due);
process.stdout.write(`${JSON.stringify({ checkpoints: measured })}\n`);
