import { readFile } from "node:fs/promises";
import { readHar, type Har } from "../core/har.js";

/** A recording from disk, read once at start, with a message that says what is wrong when it cannot be used. */
export async function readHarFile(path: string): Promise<Har> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`Cannot replay ${path}: ${code === "ENOENT" ? "no such file (record one with --proxy --record FILE.har)" : error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot replay ${path}: it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return readHar(parsed, path);
}
