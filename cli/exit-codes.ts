import { CommanderError } from "commander";

/** The exit codes every command documents in its help and in docs/cli.md. */
export const exitCodes = {
  ok: 0,
  /** A failed check, drift, a port in use: the command ran and says no. */
  failed: 1,
  /** The command line was wrong (and, for `drift`, a document it names cannot be read); nothing started. */
  usage: 2,
  /** A second Ctrl-C while a long-running command stops. */
  interrupted: 130,
} as const;

/** How a command's run ended, as its action reports it. */
export type Outcome = Exclude<keyof typeof exitCodes, "interrupted">;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** Commander's `code` on the refusals `refuse` (cli/run.ts) raises for a command line commander itself accepted. */
export const refusedCode = "connect-contracts.usage";

/** Commander's own codes that mean "the command line was wrong", as opposed to a command's plain `.error()`. */
function isUsageError(error: CommanderError): boolean {
  if (error.code === refusedCode) return true;
  return error.code.startsWith("commander.") && error.code !== "commander.error" && error.code !== "commander.executeSubCommandAsync";
}

/**
 * The one place a run's end becomes the process exit code: the outcome a command's action returned, or
 * what parsing or the action threw (commander's refusals, `--help` and `--version`; any other error).
 */
export function exitCodeOf(ending: { outcome: Outcome } | { thrown: unknown }): ExitCode {
  if ("outcome" in ending) return exitCodes[ending.outcome];
  const { thrown } = ending;
  if (!(thrown instanceof CommanderError)) return exitCodes.failed;
  if (thrown.exitCode === 0) return exitCodes.ok;
  return isUsageError(thrown) ? exitCodes.usage : exitCodes.failed;
}
