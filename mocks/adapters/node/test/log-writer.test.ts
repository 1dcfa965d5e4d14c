import { spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bufferedLineWriter } from "../log-writer.js";

const directory = mkdtempSync(join(tmpdir(), "log-writer-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const lines = (count: number) => Array.from({ length: count }, (_, index) => `[kombo] POST /v1/connect/create-link 200 0.${index % 10}ms #${index}`);

describe("the buffered log writer", () => {
  it("close() waits until every line is out, in order", async () => {
    const file = join(directory, "close.log");
    const writer = bufferedLineWriter(openSync(file, "w"));
    const written = lines(20_000);
    for (const line of written) writer.write(line);
    await writer.close();
    expect(readFileSync(file, "utf8")).toBe(`${written.join("\n")}\n`);
    // After close, lines are dropped, not thrown.
    expect(() => writer.write("late")).not.toThrow();
  });

  // Every line, not their order: a batch already on its way (an asynchronous write) may land after the
  // lines written synchronously on exit.
  it("a process that exits without close() still writes every line it took", async () => {
    const file = join(directory, "exit.log");
    const writerModule = fileURLToPath(new URL("../log-writer.ts", import.meta.url));
    const script = `
      import { openSync } from "node:fs";
      import { bufferedLineWriter } from ${JSON.stringify(writerModule)};
      const writer = bufferedLineWriter(openSync(${JSON.stringify(file)}, "w"));
      for (let index = 0; index < 5000; index += 1) writer.write("line " + index);
      process.exit(0);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(errors).toBe("");
    expect(code).toBe(0);
    const content = readFileSync(file, "utf8").split("\n").filter((line) => line !== "");
    expect(content.length).toBe(5000);
    expect(new Set(content)).toEqual(new Set(Array.from({ length: 5000 }, (_, index) => `line ${index}`)));
  }, 20_000);
});
