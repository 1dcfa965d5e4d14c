import type { BenchReport, LoadRow } from "../results.js";

const load = (
  engine: LoadRow["engine"],
  scenario: LoadRow["scenario"],
  connections: number,
  requestsPerSecond: number,
  p99Ms: number,
): LoadRow => ({ engine, scenario, connections, requestsPerSecond, p50Ms: p99Ms / 4, p99Ms, responses: 1000, non2xx: 0, errors: 0, serverCpuMicroseconds: 1e6 / requestsPerSecond });

/**
 * A report with round, fixed numbers at 20 connections: create-link ours 12,000 req/s (14,000 with the log off),
 * Prism 800 (1,000 with -v silent), floor 16,000 (CPU per answer the inverse, so ours is 1.33× the floor's);
 * auth_url the same for ours, Prism -v silent and the floor; Mockoon and Scalar not installed; integration-by-token
 * not measured. Every target passes.
 */
export function fixedReport(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    generatedAt: "2026-11-22T03:00:00.000Z",
    machine: { cpus: 2, cpuModel: "Test CPU <fast> & cheap", memoryGiB: 4, node: "20.20.2", platform: "linux x64" },
    settings: { durationSeconds: 4, warmupSeconds: 1, connections: [1, 20], rounds: 2, coldStartRuns: 3, inProcessIterations: 1000, memoryRequests: 1_000_000, quick: false },
    engines: [
      { id: "ours", label: "our mock", description: "npm run mock" },
      { id: "ours-quiet", label: "our mock, log off", description: "npm run mock --quiet" },
      { id: "installed-npx", label: "installed: npx connect-contracts mock", description: "npx connect-contracts mock", startOnly: true },
      { id: "prism", label: "Prism", description: "prism mock" },
      { id: "prism-silent", label: "Prism -v silent", description: "prism mock -v silent" },
      { id: "mockoon", label: "Mockoon", description: "mockoon-cli start" },
      { id: "floor", label: "bare node:http floor", description: "floor" },
    ],
    load: [
      load("ours", "create-link", 20, 12_000, 1.5),
      load("ours-quiet", "create-link", 20, 14_000, 1.2),
      load("prism", "create-link", 20, 800, 90),
      load("prism-silent", "create-link", 20, 1_000, 80),
      load("floor", "create-link", 20, 16_000, 1),
      load("ours", "auth-url", 20, 12_000, 1.5),
      load("prism-silent", "auth-url", 20, 1_000, 80),
      load("floor", "auth-url", 20, 16_000, 1),
      load("ours", "create-link", 1, 4_000, 0.5),
      load("prism", "create-link", 1, 500, 6),
      load("floor", "create-link", 1, 8_000, 0.2),
    ],
    coldStart: [
      { engine: "ours", medianMs: 200, runsMs: [190, 200, 220] },
      { engine: "installed-npx", medianMs: 240, runsMs: [240] },
      { engine: "prism", medianMs: 2_000, runsMs: [2_000] },
      { engine: "floor", medianMs: 100, runsMs: [100] },
    ],
    memory: [
      { engine: "ours", idleMiB: 80, afterLoadMiB: 100, processes: 1 },
      { engine: "prism", idleMiB: 300, afterLoadMiB: 400, processes: 2 },
      { engine: "floor", idleMiB: 45, afterLoadMiB: 50, processes: 1 },
    ],
    inProcess: [
      { path: "engine alone", scenario: "create-link", microsecondsPerRequest: 25, iterations: 1000 },
      { path: "msw setupServer + fetch", scenario: "create-link", microsecondsPerRequest: 300, iterations: 100 },
      { path: "bare msw handler + fetch", scenario: "create-link", microsecondsPerRequest: 250, iterations: 100 },
      { path: "msw setupServer + fetch", scenario: "integration-by-token", microsecondsPerRequest: 280, iterations: 100 },
      { path: "bare msw handler + fetch", scenario: "integration-by-token", microsecondsPerRequest: 250, iterations: 100 },
      { path: "msw setupServer + fetch", scenario: "auth-url", microsecondsPerRequest: 260, iterations: 100 },
      { path: "bare msw handler + fetch", scenario: "auth-url", microsecondsPerRequest: 250, iterations: 100 },
    ],
    memoryFlow: [
      { requests: 100_000, residentMiB: 100, heapUsedMiB: 20 },
      { requests: 1_000_000, residentMiB: 110, heapUsedMiB: 21 },
    ],
    browser: { entryKiB: 320, entryGzipKiB: 90, lazyGzipKiB: 150, entryByPackageKiB: { ours: 160, ajv: 116 }, startToFirstAnswerMs: 300, startRunsMs: [300] },
    contract: [
      { target: "mock", wallSeconds: 10, exitCode: 0 },
      { target: "prism", wallSeconds: 30, exitCode: 0 },
      { target: "msw", wallSeconds: 8, exitCode: 0 },
    ],
    notMeasured: [{ what: "Mockoon: everything", reason: "not installed (npm i --no-save @mockoon/cli to compare)" }],
    targets: [],
    wallSeconds: 120,
    ...overrides,
  };
}
