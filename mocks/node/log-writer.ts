// sonic-boom is CommonJS: its class is `module.exports`, also reachable as `.SonicBoom` on it, which is
// what TypeScript's view of the default import (the module namespace) can name.
import sonicBoom from "sonic-boom";

/** Where the node:http mock's per-request lines go. */
export interface LineWriter {
  /** Appends one line (without its newline); never blocks on the terminal or file behind it. */
  write(line: string): void;
  /** Resolves once every line written so far is out; the writer takes no more lines after it. */
  close(): Promise<void>;
}

/**
 * Log lines to a file descriptor (stdout by default) through sonic-boom, pino's writer: each line is
 * appended to a buffer, and the buffer goes out in asynchronous writes, so under load many lines share
 * one write instead of each request paying a synchronous write of its own. `close()` (the mock's stop,
 * on SIGINT/SIGTERM too) waits for the last write; a process that exits without it still writes what
 * is buffered, synchronously, on its way out.
 */
export function bufferedLineWriter(fd = 1): LineWriter {
  const destination = new sonicBoom.SonicBoom({ fd, sync: false });
  let open = true;
  // stdout gone (a closed pipe, `| head`): stop logging rather than crash the mock.
  destination.on("error", () => {
    open = false;
  });
  const flushOnExit = (): void => {
    if (!open) return;
    open = false;
    try {
      destination.flushSync();
    } catch {
      // Exiting anyway; the descriptor may already be gone.
    }
  };
  process.once("exit", flushOnExit);
  return {
    write(line) {
      if (open) destination.write(`${line}\n`);
    },
    close() {
      process.off("exit", flushOnExit);
      if (!open) return Promise.resolve();
      open = false;
      // end() writes what is buffered, then emits close; it never closes fds 1 and 2 themselves.
      return new Promise((resolve) => {
        destination.once("close", () => resolve());
        destination.once("error", () => resolve());
        destination.end();
      });
    },
  };
}
