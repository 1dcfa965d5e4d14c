import type { ExitCode } from "./exit-codes.js";

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * What a command reads and writes outside its arguments; tests pass their own. Commander's help and error
 * messages go to the same writers. (Options declared with commander's `.env()` still read `process.env`.)
 */
export interface CommandIo {
  readonly env: Environment;
  /** Writes `text` as is: a line carries its own "\n". */
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Records the exit code; the process then ends by itself once its work is done, its output flushed. */
  readonly setExitCode: (code: ExitCode) => void;
}

export const processIo: CommandIo = {
  env: process.env,
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};
