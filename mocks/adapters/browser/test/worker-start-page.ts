/** The page of the browser bench (worker-start.ts): times `setupMockWorker().worker.start()` to the first create-link answer. */
import { setupMockWorker } from "../index.js";

declare global {
  interface Window {
    benchResult?: { ms: number; status: number; correct: boolean };
  }
}

const started = performance.now();
const mocks = setupMockWorker();
await mocks.worker.start({ onUnhandledRequest: "bypass", quiet: true });
const response = await fetch("https://api.kombo.dev/v1/connect/create-link", {
  method: "POST",
  headers: { authorization: "Bearer bench-not-a-secret", "content-type": "application/json" },
  body: JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH" }),
});
const body = (await response.json()) as { data?: { link?: unknown } };
window.benchResult = { ms: performance.now() - started, status: response.status, correct: typeof body.data?.link === "string" };
