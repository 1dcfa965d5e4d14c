/**
 * `npm run bench`: our mock (log on and off) against Prism (default log and `-v silent`), Mockoon and
 * Scalar when installed, and the bare node:http floor, side by side in one run. Prints the figures with
 * their ratios, writes reports/bench.json. Targets are checked here and printed as PASS/MISS; no test
 * depends on timing.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { timeContractSuite } from "./contract-timing.js";
import { engineDefinitions } from "./engines.js";
import { projectRoot } from "./paths.js";
import { warmUpClient } from "./http.js";
import { measureBrowser } from "./browser.js";
import { measureInProcess, measureMemoryFlow } from "./in-process-runner.js";
import { measureEngines } from "./measure.js";
import { stopAllProcesses } from "./processes.js";
import { BenchOptionError, parseBenchOptions, usage, type BenchOptions } from "./options.js";
import type { BenchReport } from "./results.js";
import { buildLoadTable, buildOtherTable, evaluateTargets, renderTable } from "./summary.js";

async function main(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const report: BenchReport = {
    generatedAt: "",
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? "unknown",
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.versions.node,
      platform: `${process.platform} ${process.arch}`,
    },
    settings: {
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      rounds: options.rounds,
      coldStartRuns: options.coldStartRuns,
      inProcessIterations: options.inProcessIterations,
      memoryRequests: options.memoryRequests,
      quick: options.quick,
    },
    engines: [],
    load: [],
    coldStart: [],
    memory: [],
    inProcess: [],
    contract: [],
    memoryFlow: [],
    browser: undefined,
    notMeasured: [],
    targets: [],
    wallSeconds: 0,
  };
  await warmUpClient();
  const definitions = await engineDefinitions(options.baseline);
  const unknown = options.engines.filter((id) => !definitions.some((engine) => engine.id === id));
  if (unknown.length > 0) throw new BenchOptionError(`unknown engine ${unknown.join(", ")}: choose from ${definitions.map((engine) => engine.id).join(", ")}`);
  const selected = definitions.filter((engine) => options.engines.length === 0 || options.engines.includes(engine.id) || engine.id === "baseline");
  const runnable = selected.filter((engine) => {
    report.engines.push({ id: engine.id, label: engine.label, description: engine.description, ...(engine.startOnly === true ? { startOnly: true } : {}) });
    if (engine.unavailableReason === undefined) {
      process.stderr.write(`${engine.label}: ${engine.description}\n`);
      return true;
    }
    report.notMeasured.push({ what: `${engine.label}: everything`, reason: engine.unavailableReason });
    process.stderr.write(`${engine.label}: not measured (${engine.unavailableReason})\n`);
    return false;
  });
  const prepared: typeof runnable = [];
  for (const engine of runnable) {
    try {
      await engine.prepare?.();
      prepared.push(engine);
    } catch (error) {
      report.notMeasured.push({ what: `${engine.label}: everything`, reason: `could not be prepared: ${(error as Error).message.slice(0, 300)}` });
      process.stderr.write(`${engine.label}: not measured (${(error as Error).message.slice(0, 300)})\n`);
    }
  }
  const measured = await measureEngines(prepared, options).finally(() => {
    for (const engine of prepared) engine.cleanUp?.();
  });
  report.load.push(...measured.load);
  report.coldStart.push(...measured.coldStart);
  report.memory.push(...measured.memory);
  report.notMeasured.push(...measured.notMeasured);
  process.stderr.write("in-process cost\n");
  const inProcess = await measureInProcess(options.inProcessIterations);
  report.inProcess.push(...inProcess.rows.filter((row) => options.scenarios.length === 0 || options.scenarios.includes(row.scenario)));
  report.notMeasured.push(...inProcess.notMeasured);
  process.stderr.write("browser\n");
  const browser = await measureBrowser(options.browserStarts);
  report.browser = browser.figures;
  report.notMeasured.push(...browser.notMeasured);
  if (options.memoryRequests > 0) {
    process.stderr.write(`memory: ${options.memoryRequests.toLocaleString("en-US")} requests of the stateful flow\n`);
    const memory = await measureMemoryFlow(options.memoryRequests);
    report.memoryFlow.push(...memory.checkpoints);
    report.notMeasured.push(...memory.notMeasured);
  } else report.notMeasured.push({ what: "memory of the stateful flow", reason: "skipped in a --quick run: add --memory" });
  if (options.contractTargets.length > 0) {
    process.stderr.write("contract suite\n");
    const contract = await timeContractSuite(options.contractTargets);
    report.contract.push(...contract.rows);
    report.notMeasured.push(...contract.notMeasured);
  }
  report.targets = evaluateTargets(report);
  report.generatedAt = new Date().toISOString();
  report.wallSeconds = (performance.now() - started) / 1000;
  return report;
}

function print(report: BenchReport, jsonPath: string): void {
  const lines: string[] = [];
  lines.push("");
  lines.push(
    `connect-contracts bench · ${report.generatedAt} · ${report.machine.cpus} cores · Node ${report.machine.node} · ` +
      `${report.settings.durationSeconds} s per measurement after ${report.settings.warmupSeconds} s warm-up`,
  );
  lines.push("");
  lines.push(renderTable(buildLoadTable(report)));
  lines.push("");
  lines.push(renderTable(buildOtherTable(report)));
  lines.push("");
  lines.push("Targets (npm run mock as shipped: log on, validation on; the installed command; the msw adapters):");
  for (const target of report.targets) lines.push(`  ${target.verdict.padEnd(12)} ${target.name}: ${target.measured}`);
  if (report.notMeasured.length > 0) {
    lines.push("");
    lines.push("Not measured:");
    for (const gap of report.notMeasured) lines.push(`  ${gap.what}: ${gap.reason}`);
  }
  lines.push("");
  lines.push(`Report: ${jsonPath}`);
  lines.push(`Took ${report.wallSeconds.toFixed(0)} s.`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

// Ctrl-C or a CI timeout: stop the engines this run started before leaving.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the engines\n`);
    void stopAllProcesses().then(() => process.exit(130));
  });
}

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  if (error instanceof BenchOptionError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
if (options.help) {
  process.stdout.write(`${usage}\n`);
} else {
  const report = await main(options).catch((error: unknown) => {
    if (!(error instanceof BenchOptionError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  });
  const directory = resolve(projectRoot, options.outputDirectory);
  await mkdir(directory, { recursive: true });
  const jsonPath = join(directory, "bench.json");
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  print(report, relative(process.cwd(), jsonPath) || jsonPath);
}
