import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeReports, runContract, type CliRun } from "./run-in-process.js";
import { startStandIn, type Fault, type StandIn } from "./stand-in.js";

const quick = ["--target", "live", "--runs", "4", "--seed", "7"];
let standIn: StandIn | undefined;
let run: CliRun | undefined;

afterEach(async () => {
  await standIn?.close();
  if (run) await removeReports(run);
  standIn = undefined;
  run = undefined;
});

describe("--target live against a faithful stand-in of both providers", () => {
  it("passes every check, writes both reports and ends with the summary line", async () => {
    standIn = await startStandIn();
    run = await runContract(quick, standIn.env);
    expect(run.failingChecks).toEqual(new Set());
    expect(run.code).toBe(0);
    const summary = /^contract: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(run.lastLine);
    expect(summary?.[2]).toBe("0");
    expect(Number(summary?.[1])).toBeGreaterThan(40);
    // The Kombo echo needs a person to click through the Connect page: skipped with the reason, not passed.
    expect(run.output).toContain("completing a Connect flow needs a person in a browser");
    const junit = await readFile(join(run.reportsDirectory, "junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites name="contract" tests="\d+" failures="0"/);
    const coverage = JSON.parse(await readFile(join(run.reportsDirectory, "coverage.json"), "utf8")) as {
      matrix: Record<string, Record<string, Record<string, number>>>;
    };
    expect(coverage.matrix.live?.["kinde RevokeConnectedAppToken"]?.["200"]).toBe(1);
    expect(coverage.matrix.live?.["kombo GetConnectIntegrationByTokenToken"]?.["200"]).toBeGreaterThan(0);
  });

  it("fails a live run in which nothing ran, and says why each provider was skipped", async () => {
    run = await runContract(quick, {});
    expect(run.code).toBe(1);
    expect(run.lastLine).toMatch(/^contract: 0 passed, 0 failed, \d+ skipped$/);
    expect(run.output).toContain("no credentials: set KOMBO_API_KEY");
    expect(run.output).toContain("no credentials: set KINDE_BASE_URL, KINDE_TOKEN, KINDE_KEY_CODE_REF");
    expect(run.output).toContain("nothing ran on live");
  });

  it("runs the provider it has credentials for and reports the other as skipped", async () => {
    standIn = await startStandIn();
    const { KOMBO_BASE_URL, KOMBO_API_KEY } = standIn.env;
    run = await runContract(quick, { KOMBO_BASE_URL: KOMBO_BASE_URL ?? "", KOMBO_API_KEY: KOMBO_API_KEY ?? "" });
    expect(run.code).toBe(0);
    expect(run.output).toContain("[live] kinde: no credentials");
    expect(run.output).toContain("[live] kombo: no completed flow: set KOMBO_INTEGRATION_TOKEN");
  });
});

/** Each fault, the check that must name it, and every check that may fail alongside (the fault's echoes). */
const faults: [Fault, string, string[]][] = [
  ["missing-required-field", "response_schema_conformance", []],
  ["wrong-type", "response_schema_conformance", []],
  ["broken-enum", "response_schema_conformance", []],
  ["wrong-content-type", "content_type_conformance", []],
  ["server-error-on-bad-input", "not_a_server_error", ["negative_data_rejection"]],
  ["bad-input-accepted", "negative_data_rejection", []],
  ["auth-ignored", "ignored_auth", []],
  ["wrong-error-body", "negative_data_rejection", ["response_schema_conformance", "use_after_revoke", "use_before_consent"]],
  ["undeclared-status", "status_code_conformance", ["negative_data_rejection", "use_after_revoke", "use_before_consent"]],
  ["revoke-ignored", "use_after_revoke", []],
];

describe("--target live against a stand-in with one fault", () => {
  it("lists the earlier steps of a stateful scenario before the failing request", async () => {
    standIn = await startStandIn("revoke-ignored");
    run = await runContract(quick, standIn.env);
    expect(run.output).toMatch(
      /after these earlier steps of the scenario:\n {5}curl [^\n]+connected_apps\/token\?session_id=consented-session-1[^\n]*\n {5}curl -sS -i -X POST [^\n]+connected_apps\/revoke/,
    );
  });

  it("passes when the only failing check is excluded", async () => {
    standIn = await startStandIn("auth-ignored");
    run = await runContract([...quick, "--exclude-check", "ignored_auth"], standIn.env);
    expect(run.code).toBe(0);
  });

  it.each(faults)("%s fails on %s and prints a reproduction", async (fault, check, alongside) => {
    standIn = await startStandIn(fault);
    run = await runContract(quick, standIn.env);
    expect(run.code).toBe(1);
    expect(run.failingChecks).toContain(check);
    for (const name of run.failingChecks) expect([check, ...alongside]).toContain(name);
    expect(run.output).toMatch(/reproduce: curl -sS -i -X (GET|POST) 'http:\/\/127\.0\.0\.1:\d+\//);
    expect(run.output).toContain("Bearer <redacted>");
    expect(run.output).not.toContain("kombo-test-key");
    expect(run.output).not.toContain("kinde-test-token");
    expect(run.output).not.toContain("ya29.stand-in");
    expect(run.lastLine).toMatch(/^contract: \d+ passed, [1-9]\d* failed, \d+ skipped$/);
  });
});
