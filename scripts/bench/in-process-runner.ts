import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "./paths.js";
import type { InProcessRow, NotMeasured } from "./results.js";

/** Runs in-process.ts in a fresh process, so its JIT and heap hold nothing from the load runs. */
export function measureInProcess(iterations: number): Promise<{ rows: InProcessRow[]; notMeasured: NotMeasured[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "in-process.ts"), String(iterations)], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString("utf8")).slice(-2_000)));
    const notMeasured = (reason: string) =>
      resolve({ rows: [], notMeasured: [{ what: "in-process µs per request (engine alone, msw adapter)", reason }] });
    child.once("error", (error) => notMeasured(error.message));
    child.once("close", (exitCode) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      try {
        const parsed = JSON.parse(line) as { rows: InProcessRow[] };
        for (const row of parsed.rows) {
          process.stderr.write(`  ${row.path}: ${row.scenario}: ${row.microsecondsPerRequest.toFixed(1)} µs per request\n`);
        }
        resolve({ rows: parsed.rows, notMeasured: [] });
      } catch {
        notMeasured(`the measuring process exited ${exitCode}: ${errors.trim().split("\n").slice(0, 3).join(" ") || "no output"}`);
      }
    });
  });
}
