import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { readHar, type Har } from "../../record/har.js";

/** A recording from disk, read once at start, with a message that says what is wrong when it cannot be used. */
export async function readHarFile(path: string): Promise<Har> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw unreadable(path, error);
  }
  return harFromText(path, text);
}

/** `readHarFile` for a set-up that must stay synchronous (msw's `setupServer`), before any request. */
export function readHarFileSync(path: string): Har {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw unreadable(path, error);
  }
  return harFromText(path, text);
}

function unreadable(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return new Error(`Cannot replay ${path}: ${code === "ENOENT" ? "no such file (record one with --proxy --record FILE.har)" : error instanceof Error ? error.message : String(error)}`);
}

function harFromText(path: string, text: string): Har {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot replay ${path}: it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return readHar(parsed, path);
}
