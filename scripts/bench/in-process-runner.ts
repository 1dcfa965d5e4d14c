import { spawn } from "node:child_process";
import { isAbsolute, join } from "node:path";
import { projectRoot } from "./paths.js";
import type { InProcessRow, MemoryCheckpoint, NotMeasured } from "./results.js";

/** Runs a child script (of the bench, or a path) in a fresh process (its JIT and heap hold nothing from the load runs) and reads its last line as JSON. */
export function runChild<T>(script: string, args: string[], nodeFlags: string[] = []): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", isAbsolute(script) ? script : join(import.meta.dirname, script), ...args], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString("utf8")).slice(-2_000)));
    child.once("error", (error) => resolve({ ok: false, reason: error.message }));
    child.once("close", (exitCode) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      try {
        resolve({ ok: true, value: JSON.parse(line) as T });
      } catch {
        resolve({ ok: false, reason: `the measuring process exited ${exitCode}: ${errors.trim().split("\n").slice(0, 3).join(" ") || "no output"}` });
      }
    });
  });
}

/** in-process.ts: µs per request through the engine alone, our msw handlers, setupMockServer + fetch and a bare msw handler. */
export async function measureInProcess(iterations: number): Promise<{ rows: InProcessRow[]; notMeasured: NotMeasured[] }> {
  const result = await runChild<{ rows: InProcessRow[] }>("in-process.ts", [String(iterations)]);
  if (!result.ok) return { rows: [], notMeasured: [{ what: "in-process µs per request (engine alone, msw adapter)", reason: result.reason }] };
  for (const row of result.value.rows) process.stderr.write(`  ${row.path}: ${row.scenario}: ${row.microsecondsPerRequest.toFixed(1)} µs per request\n`);
  return { rows: result.value.rows, notMeasured: [] };
}

/** memory-flow.ts: resident memory of the stateful flow after a tenth of `requests` and after all of them. */
export async function measureMemoryFlow(requests: number): Promise<{ checkpoints: MemoryCheckpoint[]; notMeasured: NotMeasured[] }> {
  const result = await runChild<{ checkpoints: MemoryCheckpoint[] }>("memory-flow.ts", [String(requests)], ["--expose-gc"]);
  if (!result.ok) return { checkpoints: [], notMeasured: [{ what: "memory of the stateful flow", reason: result.reason }] };
  for (const point of result.value.checkpoints) {
    process.stderr.write(`  after ${point.requests.toLocaleString("en-US")} requests: RSS ${point.residentMiB.toFixed(1)} MiB, heap ${point.heapUsedMiB.toFixed(1)} MiB\n`);
  }
  return { checkpoints: result.value.checkpoints, notMeasured: [] };
}
