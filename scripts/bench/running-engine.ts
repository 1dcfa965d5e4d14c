import { benchHost, type EngineDefinition, type EnginePorts } from "./engines.js";
import { send } from "./http.js";
import { projectRoot } from "./paths.js";
import { delay, freePort, startProcess, treeCpuSeconds, treeResidentMiB, type ServerProcess } from "./processes.js";
import { scenarioById, type Provider, type Scenario, type ScenarioContext } from "./scenarios.js";

export interface RunningEngine {
  definition: EngineDefinition;
  processes: ServerProcess[];
  baseUrls: Record<Provider, string>;
  /** Process start to the first correct create-link answer. */
  coldStartMs: number;
  stop(): Promise<void>;
}

const startTimeoutMs = 60_000;
const placeholderContext: ScenarioContext = { integrationToken: "bench-token" };

async function waitForCorrectAnswer(
  processes: readonly ServerProcess[],
  baseUrls: Record<Provider, string>,
  scenario: Scenario,
  deadline: number,
): Promise<void> {
  let lastAnswer = "no answer";
  const request = scenario.request(placeholderContext);
  while (performance.now() < deadline) {
    const dead = processes.find((member) => member.exited());
    if (dead) throw new Error(`the process exited before answering: ${dead.stderrTail() || "(no stderr)"}`);
    try {
      const answer = await send(baseUrls[scenario.provider], request, 1_000);
      if (scenario.isCorrect(answer.status, answer.bodyText)) return;
      lastAnswer = `${answer.status} ${answer.bodyText.slice(0, 200)}`;
    } catch {
      // Not listening yet.
    }
    await delay(5);
  }
  throw new Error(`no correct ${scenario.label} answer within ${startTimeoutMs / 1000} s; last: ${lastAnswer}`);
}

/** Starts the engine's processes and polls until create-link answers correctly (timed), then Kinde (untimed). */
export async function startEngine(definition: EngineDefinition): Promise<RunningEngine> {
  const ports: EnginePorts = { kombo: await freePort(), kinde: await freePort() };
  const baseUrls = definition.baseUrls(ports, benchHost);
  const started = performance.now();
  const processes = definition.commands(ports, benchHost).map((command) => startProcess(command, projectRoot));
  const stop = async () => {
    await Promise.all(processes.map((member) => member.stop()));
  };
  try {
    const deadline = started + startTimeoutMs;
    await waitForCorrectAnswer(processes, baseUrls, scenarioById("create-link"), deadline);
    const coldStartMs = performance.now() - started;
    await waitForCorrectAnswer(processes, baseUrls, scenarioById("auth-url"), deadline);
    return { definition, processes, baseUrls, coldStartMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resident memory summed over the engine's processes and their children. */
export function residentMiB(running: RunningEngine): { mib: number; processes: number } {
  return running.processes
    .map((member) => treeResidentMiB(member.pid))
    .reduce((sum, next) => ({ mib: sum.mib + next.mib, processes: sum.processes + next.processes }), { mib: 0, processes: 0 });
}

/** CPU seconds used so far by the engine's processes and their children. */
export function cpuSeconds(running: RunningEngine): number {
  return running.processes.reduce((sum, member) => sum + treeCpuSeconds(member.pid), 0);
}

/**
 * A token integration-by-token answers 200 for. On a stateful mock that means a completed flow:
 * create a link, then open it as JSON (only when the link points at this machine: no network beyond it).
 */
export async function prepareContext(running: RunningEngine): Promise<ScenarioContext> {
  try {
    const created = await send(running.baseUrls.kombo, scenarioById("create-link").request(placeholderContext));
    const link = (JSON.parse(created.bodyText) as { data?: { link?: string } }).data?.link;
    if (link === undefined) return placeholderContext;
    const url = new URL(link);
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") return placeholderContext;
    const completed = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(2_000) });
    const token = ((await completed.json()) as { token?: unknown }).token;
    return typeof token === "string" && token !== "" ? { integrationToken: token } : placeholderContext;
  } catch {
    return placeholderContext;
  }
}
