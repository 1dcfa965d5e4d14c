import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { checkRegistry, excludableChecks, suiteChecks } from "../../contract-tests/checks/registry.js";
import { contractCommand, parseArguments } from "../commands/contract.js";
import { runCaptured } from "./captured-io.js";

/** `contract <argv>` in this process, with an empty environment: its exit code and everything it wrote. */
async function run(argv: string[]): Promise<{ code: number; output: string }> {
  const { code, output } = await runCaptured(contractCommand, argv);
  return { code, output: output.trimEnd() };
}

describe("npm run contract arguments", () => {
  it("takes targets repeated and comma-separated, once each", () => {
    expect(parseArguments(["--target", "msw", "--target", "mock,prism", "--target=msw"], {}).targets).toEqual(["msw", "mock", "prism"]);
  });

  it("reads seed and runs from flags or the environment", () => {
    expect(parseArguments(["-t", "live"], { CONTRACT_SEED: "9", CONTRACT_RUNS: "3" })).toMatchObject({ seed: 9, propertyRuns: 3 });
    expect(parseArguments(["-t", "live", "--seed", "4", "--runs", "0"], {})).toMatchObject({ seed: 4, propertyRuns: 0 });
    expect(() => parseArguments(["-t", "live"], { CONTRACT_RUNS: "lots" })).toThrow('CONTRACT_RUNS needs a whole number, got "lots"');
  });

  it("leaves out the checks named with --exclude-check", () => {
    const options = parseArguments(["-t", "live", "--exclude-check", "negative_data_rejection,ignored_auth"], {});
    expect([...options.excludedChecks]).toEqual(["negative_data_rejection", "ignored_auth"]);
    expect(() => parseArguments(["-t", "live", "--exclude-check", "no_such_check"], {})).toThrow('unknown check "no_such_check"');
  });

  it("refuses an unknown target, a missing target, a bad number and an unknown flag", () => {
    expect(() => parseArguments(["--target", "staging"], {})).toThrow('unknown target "staging"');
    expect(() => parseArguments([], {})).toThrow("name at least one --target");
    expect(() => parseArguments(["-t", "mock", "--runs", "many"], {})).toThrow("--runs needs a whole number");
    expect(() => parseArguments(["-t", "mock", "--no-such-flag"], {})).toThrow("unknown option '--no-such-flag'");
  });
});

describe("the options of issue 9", () => {
  it("takes every check of the docs' table in --exclude-check, status_coverage included", () => {
    const options = parseArguments(["-t", "mock", "--exclude-check", "status_coverage,undeclared_input_handling"], {});
    expect([...options.excludedChecks]).toEqual(["status_coverage", "undeclared_input_handling"]);
  });

  it("takes every name of docs/contract.md's check table, and the table names every check", async () => {
    const page = await readFile(new URL("../../docs/contract.md", import.meta.url), "utf8");
    // Check names are lower case; the page's variable tables (`KINDE_...`) are not checks.
    const tabled = [...page.matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1] ?? "");
    const options = parseArguments(["-t", "mock", "--exclude-check", tabled.join(",")], {});
    expect([...options.excludedChecks].sort()).toEqual([...excludableChecks].sort());
  });

  it("describes each check in docs/contract.md's table with its meaning in the registry, and only checks of the registry", async () => {
    const page = await readFile(new URL("../../docs/contract.md", import.meta.url), "utf8");
    const table = /^\| check \| what it asserts \|\n\| --- \| --- \|\n((?:\|.*\n)+)/m.exec(page)?.[1] ?? "";
    const rows = table.trimEnd().split("\n").map((row) => {
      const [name = "", description = ""] = row.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim());
      return { name: name.replace(/^`|`$/g, ""), description };
    });
    // Compared as prose: the page may set a name or a value in code (backticks) where the meaning leaves it plain,
    // a cell escapes "|" as "\|", and a line break or a double space is no difference.
    const prose = (text: string) => text.replace(/\\\|/g, "|").replaceAll("`", "").replace(/\s+/g, " ").trim();
    const meanings = new Map<string, string>([
      ...Object.entries(checkRegistry).map(([name, check]): [string, string] => [name, check.meaning]),
      ...Object.entries(suiteChecks),
    ]);
    expect(rows.map((row) => row.name).sort(), "the table names every check of the registry, once, and nothing else").toEqual([...meanings.keys()].sort());
    for (const { name, description } of rows) {
      expect(prose(description), `docs/contract.md describes \`${name}\` otherwise than its meaning in contract-tests/checks/registry.ts`).toBe(prose(meanings.get(name) ?? ""));
    }
  });

  it("aims --target url at --kombo-url and --kinde-url, with the capability flags", () => {
    const options = parseArguments(["-t", "url", "--kombo-url", "http://127.0.0.1:4300/v1/", "--stateless", "--any-credential", "--strict"], {});
    expect(options.targetSettings).toEqual({ urls: { kombo: "http://127.0.0.1:4300/v1" }, stateless: true, anyCredential: true });
    expect(options.strict).toBe(true);
    expect(() => parseArguments(["-t", "url"], {})).toThrow("--target url needs --kombo-url and/or --kinde-url");
    expect(() => parseArguments(["-t", "mock", "--kinde-url", "http://127.0.0.1:4301"], {})).toThrow("--kombo-url and --kinde-url go with --target url");
    expect(() => parseArguments(["-t", "url", "--kinde-url", "ftp://example.com"], {})).toThrow("--kinde-url needs an http(s) URL");
    expect(() => parseArguments(["-t", "url", "--kinde-url", "staging"], {})).toThrow('--kinde-url needs an absolute http(s) URL, got "staging"');
  });

  it("filters by provider and by operation, named by operationId or METHOD /path", () => {
    const options = parseArguments(["-t", "mock", "--provider", "kinde", "--operation", "GetConnectedAppToken", "--operation", "post /api/v1/connected_apps/revoke"], {});
    expect(options.providers).toEqual(new Set(["kinde"]));
    expect(options.operations).toEqual(new Set(["GetConnectedAppToken", "RevokeConnectedAppToken"]));
    expect(() => parseArguments(["-t", "mock", "--provider", "kinde", "--operation", "PostConnectCreateLink"], {})).toThrow(
      '--operation "PostConnectCreateLink" names no operation of kinde; known: RequestM2MToken (POST /oauth2/token), GetConnectedAppAuthUrl (GET /api/v1/connected_apps/auth_url)',
    );
    expect(() => parseArguments(["-t", "mock", "--provider", "github"], {})).toThrow('unknown provider "github" (one of kombo, kinde)');
  });
});

describe("the contract command", () => {
  it("is a commander command named contract, ready to mount in the bin", () => {
    const command = contractCommand();
    expect(command.name()).toBe("contract");
    expect(command.options.map((option) => option.long)).toContain("--exclude-check");
  });

  it("prints help with examples and exit codes, and exits 0", async () => {
    const { code, output } = await run(["--help"]);
    expect(code).toBe(0);
    expect(output).toContain("Examples:");
    expect(output).toContain("npm run contract -- --target live");
    expect(output).toMatch(/Exit codes:\n {2}0 {2}every check passed[^\n]*\n {2}1 {2}a check failed/);
    expect(output).toContain("2  usage error");
  });

  it("says why the suite could not run in one line, no stack (reports into a path under a file)", async () => {
    const directory = await mkdtemp(join(tmpdir(), "contract-cli-"));
    onTestFinished(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, "a-file");
    await writeFile(file, "");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { code, output } = await run(["-t", "url", "--kombo-url", `http://127.0.0.1:${port}/v1`, "--stateless", "--any-credential", "--runs", "0", "--operation", "PostConnectCreateLink", "--reports", join(file, "reports")]);
    expect(code).toBe(1);
    expect(output).toContain(`contract suite could not run: ENOTDIR: not a directory, mkdir '${join(file, "reports")}'`);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output.split("\n").at(-1)).toBe("contract: 0 passed, 1 failed, 0 skipped");
  });

  it("exits 2 with the reason on a usage error, before sending anything", async () => {
    const unknownFlag = await run(["--target", "mock", "--bogus"]);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.output).toContain("unknown option '--bogus'");
    const noTarget = await run([]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.output).toContain("name at least one --target");
    expect(noTarget.output).toContain("add --help");
    expect((await run(["--target", "nowhere"])).output).toContain('unknown target "nowhere" (one of msw, mock, prism, live, url)');
  });
});

describe("contractCommand() mounted in a bin, in its own process", () => {
  const bin = fileURLToPath(new URL("./fixtures/mounted-bin.ts", import.meta.url));
  const runBin = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", bin, ...args], { encoding: "utf8", timeout: 60_000 });

  it("exits 2 on an unknown flag and 0 on --help, under the bin's name", () => {
    const bogus = runBin(["contract", "--target", "mock", "--bogus"]);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain("error: unknown option '--bogus'");
    const help = runBin(["contract", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: connect-contracts contract [options]");
  }, 60_000);
});
