import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** How to start one server process: every engine runs as its own child so memory is measured per engine. */
export interface ProcessCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Where it runs; the project root when absent. */
  cwd?: string;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** The last lines the process wrote to stderr, to explain a failure. */
  stderrTail(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const stderrKeepBytes = 4_000;

/** Every server still running, so an interrupted benchmark can stop them on its way out. */
const running = new Set<ServerProcess>();

/** Stops every server this process started (each by id, its children too). */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((member) => member.stop()));
}

export function startProcess(command: ProcessCommand, cwd: string): ServerProcess {
  const child = spawn(command.command, command.args, {
    cwd: command.cwd ?? cwd,
    env: { ...process.env, ...command.env },
    // stdout is discarded, not piped: a per-request log line into an undrained pipe would stall the server.
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-stderrKeepBytes);
  });
  let hasExited = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      hasExited = true;
      resolve();
    });
    child.once("error", (error) => {
      stderr += `\n${error.message}`;
      hasExited = true;
      resolve();
    });
  });
  if (child.pid === undefined) {
    throw new Error(`could not start ${command.command} ${command.args.join(" ")}`);
  }
  const pid = child.pid;
  const server: ServerProcess = {
    child,
    pid,
    stderrTail: () => stderr.trim(),
    exited: () => hasExited,
    async stop() {
      running.delete(server);
      if (hasExited) return;
      // Launchers spawn children of their own; stop each by id, the launcher first so it can clean up.
      const tree = processTree(pid);
      for (const member of tree) signal(member, "SIGTERM");
      const stopped = await Promise.race([exit.then(() => true), delay(3_000).then(() => false)]);
      for (const member of tree) if (!stopped || isAlive(member)) signal(member, "SIGKILL");
      await Promise.race([exit, delay(1_000)]);
    },
  };
  running.add(server);
  void exit.then(() => running.delete(server));
  return server;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `pid` and all its descendants, from /proc (Linux). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [pid];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name sits in parentheses and may hold spaces: read the fields after the last ")".
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
    } catch {
      // The process ended while we read.
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** Resident memory of one process in KiB (VmRSS), or undefined when it is gone. */
function residentKib(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of a server and every process it started, in MiB. */
export function treeResidentMiB(pid: number): { mib: number; processes: number } {
  const tree = processTree(pid);
  const kib = tree.reduce((sum, member) => sum + (residentKib(member) ?? 0), 0);
  return { mib: kib / 1024, processes: tree.length };
}

/** A port free right now on 127.0.0.1 (the OS picks it; the child binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let clockTicksPerSecond: number | undefined;

function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/**
 * CPU time (user + system) used so far by a process and its children, in seconds, from /proc.
 * Unlike wall time it barely moves when other work shares the machine, so CPU per request is the
 * steadiest figure a noisy 2-core box gives.
 */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Fields 14 and 15 of stat (utime, stime); the slice starts at field 3.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone.
    }
  }
  return ticks / ticksPerSecond();
}
