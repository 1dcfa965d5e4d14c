import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { acceptsConnections } from "../../mocks/test/ports.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");


async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

// npx runs the bin through `sh -c`: a SIGTERM to the outer process ends it, not the node behind it.
it("the mock started through a shell stops, freeing both ports, when that shell is killed with SIGTERM", async () => {
  const shell = spawn("sh", ["-c", `node --import tsx ${join(root, "cli", "bin.ts")} mock --kombo-port 0 --kinde-port 0; echo "the shell outlived the mock"`], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  shell.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  shell.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const outputClosed = new Promise<void>((resolve) => shell.stdout.once("close", () => resolve()));
  await until(async () => output.includes("Ctrl-C stops"));
  const ports = [...output.matchAll(/mock {2}http:\/\/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
  expect(ports, output).toHaveLength(2);
  for (const port of ports) expect(await acceptsConnections(port)).toBe(true);

  shell.kill("SIGTERM");
  await until(async () => !(await Promise.all(ports.map(acceptsConnections))).some(Boolean));
  await outputClosed;
  expect(output).toContain("parent process gone: stopping the mocks");
  expect(output).not.toContain("the shell outlived the mock");
}, 60_000);
