/** Reads a V8 .cpuprofile (as `node --cpu-prof` writes it) into self time per frame and per file. */

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    hitCount?: number;
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a frame's code lives, for the report: a short file name and a 1-based line. */
export type FrameLocator = (url: string, lineNumber: number, columnNumber: number) => { file: string; line: number };

interface Tally {
  label: string;
  microseconds: number;
}

/** A short, stable name for where a frame's code lives. */
export function fileOf(url: string, root: string): string {
  if (url === "") return "(native / V8)";
  const path = url.replace(/^file:\/\//, "");
  if (path.startsWith("node:")) return path;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return `${inModules[1]} (dependency)`;
  return path.startsWith(root) ? path.slice(root.length).replace(/^\//, "") : path;
}

export interface ProfileTally {
  /** Self time per frame (function and place). */
  frames: Tally[];
  /** Self time per source file or dependency. */
  files: Tally[];
  /** Time per frame including what it calls, for frames in the project's own files. */
  inclusive: Tally[];
  totalMicroseconds: number;
}

export function tallySelfTime(profile: CpuProfile, locate: FrameLocator): ProfileTally {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicroseconds = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, index) => {
    selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + (deltas[index] ?? 0));
  });
  const frames = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, microseconds] of selfMicroseconds) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    total += microseconds;
    const { file, line } = locate(url, lineNumber, columnNumber);
    const frame = `${functionName || "(anonymous)"}  ${file}${url ? `:${line}` : ""}`;
    frames.set(frame, (frames.get(frame) ?? 0) + microseconds);
    const fileKey = functionName === "(garbage collector)" ? "(garbage collector)" : file;
    files.set(fileKey, (files.get(fileKey) ?? 0) + microseconds);
  }
  const sorted = (map: Map<string, number>) =>
    [...map].map(([label, microseconds]) => ({ label, microseconds })).sort((a, b) => b.microseconds - a.microseconds);
  return { frames: sorted(frames), files: sorted(files), inclusive: sorted(inclusiveTime(profile, locate, selfMicroseconds)), totalMicroseconds: total };
}

const projectFile = /^(mocks|client|generated|contract-tests|scripts)\//;

/** Inclusive time of the project's own frames; a frame counted once per stack even when it recurses. */
function inclusiveTime(profile: CpuProfile, locate: FrameLocator, selfMicroseconds: ReadonlyMap<number, number>): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const labels = new Map<number, string | undefined>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const { file, line } = locate(url, lineNumber, columnNumber);
    labels.set(node.id, projectFile.test(file) ? `${functionName || "(anonymous)"}  ${file}:${line}` : undefined);
  }
  const totals = new Map<string, number>();
  const walk = (id: number, onStack: ReadonlySet<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const label = labels.get(id);
    const stack = label !== undefined && !onStack.has(label) ? new Set([...onStack, label]) : onStack;
    let time = selfMicroseconds.get(id) ?? 0;
    for (const child of node.children ?? []) time += walk(child, stack);
    if (label !== undefined && !onStack.has(label)) totals.set(label, (totals.get(label) ?? 0) + time);
    return time;
  };
  const root = profile.nodes[0];
  if (root) walk(root.id, new Set());
  return totals;
}

export function summariseProfile(profile: CpuProfile, locate: FrameLocator, top = 20): string {
  const { frames, files, inclusive, totalMicroseconds } = tallySelfTime(profile, locate);
  const share = (microseconds: number) => `${((microseconds / totalMicroseconds) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`Busy time sampled: ${(totalMicroseconds / 1e6).toFixed(2)} s (idle excluded)`, "", "Self time by file:"];
  for (const file of files.slice(0, top)) lines.push(`  ${share(file.microseconds)}  ${file.label}`);
  lines.push("", `Top ${top} frames by self time:`);
  for (const frame of frames.slice(0, top)) lines.push(`  ${share(frame.microseconds)}  ${frame.label}`);
  lines.push("", `Top ${top} of the project's own frames by total time (with what they call):`);
  for (const frame of inclusive.slice(0, top)) lines.push(`  ${share(frame.microseconds)}  ${frame.label}`);
  return lines.join("\n");
}
