import { CommanderError, type Command } from "commander";
import { pathToFileURL } from "node:url";
import { exitCodeOf, exitCodes, refusedCode, type Outcome } from "./exit-codes.js";
import { processIo, type CommandIo } from "./io.js";

/** Builds a command, or a program of commands, that reads and writes through `io`. */
export type CommandFactory = (io: CommandIo) => Command;

/** Every command of the tree throws instead of exiting, and writes its help and errors through `io`. */
function throughIo(command: Command, io: CommandIo): void {
  command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const subcommand of command.commands) throughIo(subcommand, io);
}

let stdoutGuarded = false;

/** `connect-contracts --help | head`: the reader left; stop as Unix tools do, not with a stack trace. */
function endQuietlyWhenStdoutCloses(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? exitCodes.ok);
  });
}

/**
 * Builds the command with `io` and runs it on `args` (without node and the script); the exit code goes to
 * `io.setExitCode`. Commander has printed its own refusals, help and version by then; any other error is
 * printed here in one line. A command that keeps running (the mock) returns once it has started; this
 * never calls `process.exit` (only a closed stdout or a stop signal ends the process early).
 */
export async function runCommand(build: CommandFactory, args: readonly string[], io: CommandIo = processIo): Promise<void> {
  if (io === processIo) endQuietlyWhenStdoutCloses();
  const command = build(io);
  throughIo(command, io);
  try {
    await command.parseAsync([...args], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) io.err(`${command.name()}: ${error instanceof Error ? error.message : String(error)}\n`);
    io.setExitCode(exitCodeOf({ thrown: error }));
  }
}

/** Sets `command`'s action: `run` does the work with the parsed options and says how it ended. */
export function withAction<Options extends object>(command: Command, io: CommandIo, run: (options: Options) => Promise<Outcome>): Command {
  return command.action(async () => io.setExitCode(exitCodeOf({ outcome: await run(command.opts<Options>()) })));
}

/** Refuses a command line commander accepted: prints `message` and the command's --help hint; exit code 2. */
export function refuse(command: Command, message: string): never {
  return command.error(message, { exitCode: exitCodes.usage, code: refusedCode });
}

/** Defined (by esbuild) in the command's bundles, cli/bundle.mjs: there no module is the one run on its own. */
declare const CONNECT_CONTRACTS_BUNDLE: boolean | undefined;

/** Whether the module at `moduleUrl` is the script node runs (`tsx cli/commands/contract.ts`), not an import. */
export function isEntryPoint(moduleUrl: string): boolean {
  if (typeof CONNECT_CONTRACTS_BUNDLE !== "undefined") return false;
  return moduleUrl === pathToFileURL(process.argv[1] ?? "").href;
}

/** How often a long-running command looks whether the process that started it is still there. */
const parentPollMs = 200;

/**
 * Closes `running` on Ctrl-C or SIGTERM, then exits 0; a second signal while it closes exits at once (130).
 * It also closes when the process that started it goes: `npx connect-contracts mock` is npx -> sh -> node,
 * and a SIGTERM to npx ends npx and the shell but never reaches node, which would keep the ports. Node has
 * no parent-death signal, so the parent's pid is polled (a timer that keeps nothing alive).
 */
export function closeOnSignals(running: { close(): Promise<void> }, announce?: (signal: string) => void): void {
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) process.exit(exitCodes.interrupted);
    stopping = true;
    announce?.(reason);
    void running.close().then(() => process.exit(exitCodes.ok));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop("parent process gone");
  }, parentPollMs);
  watch.unref();
}
