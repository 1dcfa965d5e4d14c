import type { ProcessCommand } from "./processes.js";

/**
 * The process an npm script would run, without npm and its shell in between: they add a few hundred
 * milliseconds and megabytes that belong to neither engine. `tsx file` becomes `node --import tsx file`
 * (the tsx CLI would otherwise sit in between as a second process).
 */
export function commandOfScript(script: string): ProcessCommand {
  const tokens = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (tokens[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(tokens[0])) {
    const [name = "", value = ""] = (tokens.shift() as string).split(/=(.*)/s);
    env[name] = value;
  }
  const [program, ...rest] = tokens;
  if (program === "tsx") return { command: process.execPath, args: ["--import", "tsx", ...rest], env };
  if (program === "node") return { command: process.execPath, args: rest, env };
  return { command: "sh", args: ["-c", script], env };
}
