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

/** Lines go out once this many characters wait (about 60 lines), ... */
const batchCharacters = 4096;
/** ... or at the latest this long after the first of them, so a person watching sees them at once. */
const flushAfterMs = 20;

/**
 * Log lines to a file descriptor (stdout by default), off the request path: lines are collected and
 * handed in batches to sonic-boom (pino's writer), which writes them asynchronously. Under load some 60
 * requests share one write instead of each paying a write of its own (a terminal or a slow pipe would
 * block the server on every line). `close()` (the mock's stop, on SIGINT/SIGTERM too) waits for the last
 * write; a process that exits without it still writes what is waiting, synchronously, on its way out.
 */
export function bufferedLineWriter(fd = 1): LineWriter {
  const destination = new sonicBoom.SonicBoom({ fd, sync: false });
  let open = true;
  let waiting: string[] = [];
  let waitingCharacters = 0;
  let timer: NodeJS.Timeout | undefined;

  const handOver = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (waiting.length === 0) return;
    const batch = waiting.join("");
    waiting = [];
    waitingCharacters = 0;
    destination.write(batch);
  };
  // stdout gone (a closed pipe, `| head`): stop logging rather than crash the mock.
  destination.on("error", () => {
    open = false;
    waiting = [];
  });
  const flushOnExit = (): void => {
    if (!open) return;
    open = false;
    try {
      handOver();
      destination.flushSync();
    } catch {
      // Exiting anyway; the descriptor may already be gone.
    }
  };
  process.once("exit", flushOnExit);

  return {
    write(line) {
      if (!open) return;
      const text = `${line}\n`;
      waiting.push(text);
      waitingCharacters += text.length;
      if (waitingCharacters >= batchCharacters) handOver();
      else if (timer === undefined) {
        timer = setTimeout(handOver, flushAfterMs);
        timer.unref();
      }
    },
    close() {
      process.off("exit", flushOnExit);
      if (!open) return Promise.resolve();
      handOver();
      open = false;
      // end() writes what sonic-boom holds, then emits close; it never closes fds 1 and 2 themselves.
      return new Promise((resolve) => {
        destination.once("close", () => resolve());
        destination.once("error", () => resolve());
        destination.end();
      });
    },
  };
}
