import { open, type FileHandle } from "node:fs/promises";
import { emptyHar, type HarEntry } from "../../record/har.js";

/**
 * A HAR file written as exchanges happen, valid JSON after every entry: the file always ends with the
 * closing `]}}`, and each entry is written over that ending together with a new one, in one positioned
 * write. Writes are asynchronous and queued in order, never on the request's own path.
 */
export interface HarFileRecorder {
  readonly path: string;
  /** Queues the entry; returns at once. */
  add(entry: HarEntry): void;
  /** Resolves when every entry added so far is on disk. */
  flush(): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

const closing = "\n]}}\n";

export async function openHarFile(path: string, onError: (message: string) => void): Promise<HarFileRecorder> {
  const head = JSON.stringify(emptyHar()).replace(/\[\]\}\}$/, "[");
  if (!head.endsWith('"entries":[')) throw new Error("HAR head is not what the writer expects");
  let handle: FileHandle;
  try {
    handle = await open(path, "w");
    await handle.write(`${head}${closing}`, 0, "utf8");
  } catch (error) {
    throw new Error(`Cannot write the recording to ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let endOfEntries = Buffer.byteLength(head);
  let count = 0;
  let queue: Promise<void> = Promise.resolve();
  let failed = false;
  let closed = false;

  const write = async (entry: HarEntry): Promise<void> => {
    const text = `${count === 0 ? "\n" : ",\n"}${JSON.stringify(entry)}`;
    const bytes = Buffer.from(`${text}${closing}`, "utf8");
    await handle.write(bytes, 0, bytes.length, endOfEntries);
    endOfEntries += bytes.length - Buffer.byteLength(closing);
    count++;
  };

  return {
    path,
    add(entry) {
      if (closed) return;
      queue = queue.then(() =>
        write(entry).catch((error: unknown) => {
          if (failed) return;
          failed = true;
          onError(`recording to ${path} failed: ${error instanceof Error ? error.message : String(error)}; later exchanges are not recorded`);
        }),
      );
    },
    flush: () => queue,
    async close() {
      if (closed) return queue;
      closed = true;
      await queue;
      await handle.close();
    },
  };
}
