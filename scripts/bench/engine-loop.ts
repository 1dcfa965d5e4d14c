/**
 * For `npm run bench:profile -- --engine`: create-link through the engine alone, in a loop, for a
 * given number of seconds, so a CPU profile shows the engine's own cost with no HTTP around it.
 */
import { createMockEngines } from "../../mocks/behaviour/index.js";
import { scenarioById } from "./scenarios.js";

const seconds = Number(process.argv[2] ?? 5);
const engines = createMockEngines();
const request = scenarioById("create-link").request({ integrationToken: "" });
const mockRequest = { method: request.method, url: `http://127.0.0.1:4010/v1${request.path}`, headers: request.headers, body: request.body };
const until = performance.now() + seconds * 1000;
let count = 0;
while (performance.now() < until) {
  for (let index = 0; index < 1_000; index += 1) engines.kombo.handle(mockRequest);
  count += 1_000;
}
process.stderr.write(`${count} create-link answers in ${seconds} s: ${((seconds * 1e6) / count).toFixed(1)} µs each\n`);
