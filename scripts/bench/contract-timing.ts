import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./paths.js";
import { processTree } from "./processes.js";
import type { ContractRow, NotMeasured } from "./results.js";

const timeoutMs = 150_000;
/** The suite's own junit.xml and coverage.json from these timing runs go aside, not over a real run's. */
const contractReports = join("reports", ".bench-contract");

/** Wall time of `npm run contract -- --target <target>`, as a developer or CI would run it. */
export async function timeContractSuite(targets: readonly string[]): Promise<{ rows: ContractRow[]; notMeasured: NotMeasured[] }> {
  const rows: ContractRow[] = [];
  const notMeasured: NotMeasured[] = [];
  const scripts = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts;
  if (!scripts?.contract) {
    for (const target of targets) {
      notMeasured.push({ what: `contract suite (${target})`, reason: "package.json has no `contract` script yet (issue 5)" });
    }
    return { rows, notMeasured };
  }
  for (const target of targets) {
    const started = performance.now();
    const { exitCode, output } = await run(["run", "--silent", "contract", "--", "--target", target, "--reports", contractReports]);
    const wallSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`  contract suite (${target}): ${wallSeconds.toFixed(1)} s, exit ${exitCode}\n`);
    rows.push({ target, wallSeconds, exitCode });
    if (exitCode !== 0) {
      notMeasured.push({
        what: `contract suite (${target})`,
        reason: `the suite did not pass (exit ${exitCode}), so its time is left out: ${gist(output)}`,
      });
    }
  }
  return { rows, notMeasured };
}

/** The lines of a failed run worth reading: no stack frames, the last few. */
function gist(output: string): string {
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("at "))
    .slice(-3)
    .join(" | ")
    .slice(0, 400);
}

function run(args: string[]): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => {
      output += `\n(stopped after ${timeoutMs / 1000} s)`;
      // npm, its shell and the suite's own servers: each by id.
      for (const pid of child.pid === undefined ? [] : processTree(child.pid)) {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // Already gone.
        }
      }
    }, timeoutMs);
    child.once("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output });
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      resolve({ exitCode: null, output: error.message });
    });
  });
}
