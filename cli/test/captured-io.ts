import { exitCodes, type ExitCode } from "../exit-codes.js";
import type { CommandIo, Environment } from "../io.js";
import { runCommand, type CommandFactory } from "../run.js";

export interface CapturedRun {
  code: ExitCode;
  out: string;
  err: string;
  /** Both streams as they were written, interleaved. */
  output: string;
}

/** Runs a command in this process on `argv` with `env`, its output and exit code captured. */
export async function runCaptured(build: CommandFactory, argv: readonly string[], env: Environment = {}): Promise<CapturedRun> {
  const run: CapturedRun = { code: exitCodes.ok, out: "", err: "", output: "" };
  const io: CommandIo = {
    env,
    out: (text) => {
      run.out += text;
      run.output += text;
    },
    err: (text) => {
      run.err += text;
      run.output += text;
    },
    setExitCode: (code) => {
      run.code = code;
    },
  };
  await runCommand(build, argv, io);
  return run;
}
