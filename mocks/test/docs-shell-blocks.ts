/**
 * Reads the `sh` blocks of a docs page as commands and the output the page says they print, and compares that
 * output with what a run printed. The rules (also what a docs writer follows):
 *
 * - A block preceded by `<!-- check: skip: <reason> -->` is not run; the reason is reported.
 * - A command is a line that is neither blank nor a `#` comment, with its `\` continuation lines.
 * - The `# ` lines right after a command (no blank line between) are what it prints, stdout and stderr as a
 *   terminal shows them; a `#` line after a blank line describes the next command and is not checked. A command
 *   with no such lines has only its exit code checked.
 * - Output lines are compared line by line; `…` stands for any text (a fresh id, token or time). A line that is
 *   JSON is compared as JSON: the same keys (in any order), the same array lengths, strings with `…` as above.
 * - A command must exit 0, except one whose documented output starts with `curl: (N)`: it must exit N.
 * - Not run, each for its stated reason (see `skipReason`): a command that starts a mock server (the test
 *   starts its own), one that reaches an `https://` host (tests have no network), one that installs packages
 *   (scripts/test/package.test.ts installs the package as an app does).
 */

export interface DocCommand {
  /** 1-based line of the page where the command starts. */
  line: number;
  text: string;
  expectedOutput: string[];
}

export interface DocShellBlock {
  page: string;
  line: number;
  /** From `<!-- check: skip: <reason> -->` before the block. */
  skip: string | undefined;
  commands: DocCommand[];
}

const skipMarker = /^<!-- check: skip: (.+?) -->$/;
const wildcard = "…";

export function docShellBlocks(page: string, markdown: string): DocShellBlock[] {
  const lines = markdown.split("\n");
  const blocks: DocShellBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (lines[index] !== "```sh") continue;
    const marker = skipMarker.exec(lines[index - 1] ?? "");
    const block: DocShellBlock = { page, line: index + 1, skip: marker?.[1], commands: [] };
    let current: DocCommand | undefined;
    for (index++; index < lines.length && lines[index] !== "```"; index++) {
      const line = lines[index] ?? "";
      if (line.trim() === "") {
        current = undefined;
      } else if (line.startsWith("#")) {
        current?.expectedOutput.push(line.replace(/^# ?/, ""));
      } else {
        current = { line: index + 1, text: line, expectedOutput: [] };
        while (current.text.endsWith("\\") && index + 1 < lines.length) current.text += `\n${lines[++index] ?? ""}`;
        block.commands.push(current);
      }
    }
    blocks.push(block);
  }
  return blocks;
}

/** Why a command is not run, or undefined when it is. */
export function skipReason(command: DocCommand): string | undefined {
  const documentedExit = /^exit code ([1-9]\d*)$/.test(command.expectedOutput.at(-1) ?? "");
  if (/^(?:\w+=\S*\s+)*(?:npm run mock\b|npx connect-contracts (?:mock|prism)\b)/.test(command.text) && !documentedExit) {
    return "starts a mock server that runs until Ctrl-C";
  }
  if (command.text.includes("https://")) return "reaches a host on the internet";
  if (/^npm (?:i|install|ci)\b/.test(command.text)) return "installs packages";
  return undefined;
}

export function expectedExitCode(command: DocCommand): number {
  const curlError = /^curl: \((\d+)\)/.exec(command.expectedOutput[0] ?? "");
  return curlError ? Number(curlError[1]) : 0;
}

function wildcardMatches(expected: string, actual: string): boolean {
  if (!expected.includes(wildcard)) return expected === actual;
  const pattern = expected.split(wildcard).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*");
  return new RegExp(`^${pattern}$`).test(actual);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function jsonMismatch(expected: unknown, actual: unknown, path: string): string | undefined {
  if (typeof expected === "string") {
    return typeof actual === "string" && wildcardMatches(expected, actual) ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${path}: expected an array of ${expected.length}, got ${JSON.stringify(actual)}`;
    }
    for (const [index, item] of expected.entries()) {
      const mismatch = jsonMismatch(item, actual[index], `${path}[${index}]`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    const expectedRecord = expected as Record<string, unknown>;
    const actualRecord = actual as Record<string, unknown>;
    const missing = Object.keys(expectedRecord).filter((key) => !(key in actualRecord));
    const extra = Object.keys(actualRecord).filter((key) => !(key in expectedRecord));
    if (missing.length > 0 || extra.length > 0) return `${path}: keys differ (missing: ${missing.join(", ") || "none"}; not documented: ${extra.join(", ") || "none"})`;
    for (const key of Object.keys(expectedRecord)) {
      const mismatch = jsonMismatch(expectedRecord[key], actualRecord[key], `${path}.${key}`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** What differs between the documented output and what the command printed, or undefined when it fits. */
export function outputMismatch(expectedOutput: readonly string[], printed: string): string | undefined {
  if (expectedOutput.length === 0) return undefined;
  const actualLines = printed.replace(/\n$/, "").split("\n").map((line) => line.replace(/\r$/, ""));
  if (actualLines.length !== expectedOutput.length) {
    return `the docs show ${expectedOutput.length} line(s), it printed ${actualLines.length}`;
  }
  for (const [index, expected] of expectedOutput.entries()) {
    const actual = actualLines[index] ?? "";
    const expectedJson = /^[[{]/.test(expected) ? parseJson(expected) : undefined;
    const mismatch =
      expectedJson === undefined
        ? wildcardMatches(expected, actual)
          ? undefined
          : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
        : jsonMismatch(expectedJson, parseJson(actual) ?? actual, "$");
    if (mismatch) return `line ${index + 1}: ${mismatch}`;
  }
  return undefined;
}
