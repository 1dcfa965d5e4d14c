import { CommanderError, type Command } from "commander";

/** Exit code of a command line commander refused (unknown option, bad value, missing argument). */
export const usageExitCode = 2;

/** Commander's own error codes that mean "the command line was wrong", as opposed to a command's `.error()`. */
function isUsageError(error: CommanderError): boolean {
  return error.code.startsWith("commander.") && error.code !== "commander.error" && error.code !== "commander.executeSubCommandAsync";
}

function throwInsteadOfExiting(command: Command): void {
  command.exitOverride();
  command.showHelpAfterError("(add --help to see the options)");
  for (const subcommand of command.commands) throwInsteadOfExiting(subcommand);
}

/**
 * Runs a commander program on `args` (without node and the script) and sets `process.exitCode`:
 * 0 after `--help`/`--version`, 2 for a refused command line, the command's own code otherwise.
 * A command that keeps running (the mock) returns once it has started; nothing here calls `process.exit`.
 */
export async function runCommand(command: Command, args: readonly string[]): Promise<void> {
  // `connect-contracts --help | head`: the reader left; stop as Unix tools do, not with a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
  throwInsteadOfExiting(command);
  try {
    await command.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message (and the help, where asked for).
      process.exitCode = error.exitCode === 0 ? 0 : isUsageError(error) ? usageExitCode : error.exitCode;
      return;
    }
    process.stderr.write(`${command.name()}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
