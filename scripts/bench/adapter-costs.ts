/**
 * `npx tsx scripts/bench/adapter-costs.ts [seconds]`: what each piece of per-request work around the
 * engine costs, in server CPU µs per create-link answer at 20 connections. Starts one variant of the
 * bare floor per piece (variant-server.ts), alternates the load between them in rounds, and prints
 * each variant's cost and its difference to the bare floor. Differences of a few µs are within the
 * noise of a shared 2-core machine; run it twice.
 */
import { bundleForNode } from "./bundle.js";
import { runLoad } from "./load.js";
import { projectRoot } from "./paths.js";
import { delay, freePort, startProcess, treeCpuSeconds } from "./processes.js";
import { scenarioById } from "./scenarios.js";

const seconds = Number(process.argv[2] ?? 2);
const pieces = ["log-line", "cors-headers", "parse-url", "read-body", "copy-request-headers"];
const variants = ["", ...pieces, pieces.join(",")];
const script = await bundleForNode(new URL("./variant-server.ts", import.meta.url).pathname);
const request = scenarioById("create-link").request({ integrationToken: "" });

const servers = [];
for (const flags of variants) {
  const port = await freePort();
  servers.push({ flags, port, process: startProcess({ command: process.execPath, args: [script], env: { FLAGS: flags, PORT: String(port) } }, projectRoot) });
}
await delay(1_000);
const totals = new Map<string, { cpuSeconds: number; answers: number }>(variants.map((flags) => [flags, { cpuSeconds: 0, answers: 0 }]));
try {
  for (const server of servers) await runLoad({ baseUrl: `http://127.0.0.1:${server.port}/v1`, request, connections: 20, durationSeconds: 0.5 });
  for (let round = 0; round < 3; round += 1) {
    for (const server of servers) {
      const before = treeCpuSeconds(server.process.pid);
      const sample = await runLoad({ baseUrl: `http://127.0.0.1:${server.port}/v1`, request, connections: 20, durationSeconds: seconds });
      const total = totals.get(server.flags) as { cpuSeconds: number; answers: number };
      total.cpuSeconds += treeCpuSeconds(server.process.pid) - before;
      total.answers += sample.latenciesMs.length;
    }
  }
} finally {
  await Promise.all(servers.map((server) => server.process.stop()));
}
const perAnswer = (flags: string) => {
  const total = totals.get(flags) as { cpuSeconds: number; answers: number };
  return (total.cpuSeconds * 1e6) / Math.max(1, total.answers);
};
const bare = perAnswer("");
for (const flags of variants) {
  const cost = perAnswer(flags);
  const label = flags === "" ? "bare floor" : flags === pieces.join(",") ? "all of them" : `+ ${flags}`;
  const difference = cost - bare;
  const signed = `${difference >= 0 ? "+" : "−"}${Math.abs(difference).toFixed(1)}`;
  process.stdout.write(`${label.padEnd(24)} ${cost.toFixed(1).padStart(6)} µs/answer${flags === "" ? "" : `  (${signed})`}\n`);
}
