import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/** cli/bin.ts from the sources (the package test runs the compiled one from an installed tarball). */
const bin = fileURLToPath(new URL("../bin.ts", import.meta.url));
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const run = promisify(execFile);

async function connectContracts(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("connect-contracts (cli/bin.ts)", () => {
  it("--version and -V print the package version, on the program and on mock", async () => {
    for (const args of [["--version"], ["-V"], ["mock", "--version"]]) {
      expect(await connectContracts(...args)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  }, 60_000);

  it("--help lists mock and contract with examples; `help contract` shows the contract options; both exit 0", async () => {
    const help = await connectContracts("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/\n {2}mock \[options\] +Run the Kombo/);
    expect(help.stdout).toMatch(/\n {2}contract \[options\] +Check that/);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("Exit codes:");
    const contract = await connectContracts("help", "contract");
    expect(contract.code).toBe(0);
    expect(contract.stdout).toContain("--target <names>");
  }, 60_000);

  it.each([
    { args: [], says: "Usage: connect-contracts [options] [command]" },
    { args: ["serve"], says: "error: unknown command 'serve'" },
    { args: ["--kombo-port", "4310"], says: "error: unknown option '--kombo-port'" },
    { args: ["mock", "--port", "7310"], says: "error: unknown option '--port'" },
    { args: ["contract"], says: "error: name at least one --target" },
    { args: ["contract", "--target", "staging"], says: `unknown target "staging"` },
  ])("refuses `connect-contracts $args` with exit code 2 on stderr, nothing started", async ({ args, says }) => {
    const refused = await connectContracts(...args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(says);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
