import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeReports, runContract, type CliRun } from "./run-contract.js";
import { fixtures, leniencies, startStandIn, type Fault, type StandIn } from "../../contract-tests/test/stand-in.js";

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
    // The token endpoint's cases ran: a wrong secret in the form and with Basic, and no secret, each got 401.
    expect(coverage.matrix.live?.["kinde RequestM2MToken"]?.["401"]).toBe(3);
    const report = JSON.parse(await readFile(join(run.reportsDirectory, "contract.json"), "utf8")) as {
      targets: { skipped: { scenario: string }[] }[];
    };
    const skipped = report.targets.flatMap((target) => target.skipped.map((entry) => entry.scenario));
    expect(skipped.filter((scenario) => scenario.startsWith("RequestM2MToken"))).toEqual([]);
  });

  it("skips the token endpoint's valid requests without the client's variables, and says which", async () => {
    standIn = await startStandIn();
    const { KINDE_MANAGEMENT_CLIENT_ID: _id, KINDE_MANAGEMENT_CLIENT_SECRET: _secret, ...withoutClient } = standIn.env;
    run = await runContract([...quick, "--provider", "kinde", "--operation", "RequestM2MToken"], withoutClient);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/\[live\] kinde: no client credentials: set KINDE_MANAGEMENT_CLIENT_ID, KINDE_MANAGEMENT_CLIENT_SECRET \(7 scenarios\)/);
    // The refusals need no valid client: they still run.
    expect(run.output).not.toMatch(/RequestM2MToken: wrong client_secret[^\n]*skipped/);
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

describe("--target live against a faithful stand-in that takes lawful liberties", () => {
  it("passes with warnings only: a text/plain JSON body accepted, extra fields and headers, the media type spelled otherwise", async () => {
    standIn = await startStandIn(undefined, new Set(leniencies));
    run = await runContract(quick, standIn.env);
    expect(run.failingChecks).toEqual(new Set());
    expect(run.code).toBe(0);
    expect(run.lenientChecks).toEqual(new Set(["undeclared_input_handling"]));
    // The text/plain body is listed with the request that replays it.
    expect(run.warnings).toMatch(/scenario: PostConnectCreateLink: body: sent as text\/plain[^\n]*\n(?: {3}[^\n]*\n)* {3}reproduce: curl -sS -i -X POST '[^']+\/v1\/connect\/create-link' [^\n]*-H 'content-type: text\/plain' --data-raw '\{/);
    expect(run.output).toMatch(/^live: \d+ passed, 0 failed, [1-9]\d* lenient, \d+ skipped$/m);
    expect(run.lastLine).toMatch(/^contract: \d+ passed, 0 failed, \d+ skipped$/);
    const junit = await readFile(join(run.reportsDirectory, "junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites name="contract" tests="\d+" failures="0"/);
    expect(junit).toContain('<property name="lenient" value="1"/>');
    expect(junit).toMatch(/<system-out>lenient 1\) operation: PostConnectCreateLink[^<]*content-type: text\/plain/);
    const report = JSON.parse(await readFile(join(run.reportsDirectory, "contract.json"), "utf8")) as {
      targets: { target: string; failures: unknown[]; warnings: { scenario: string; curl: string }[] }[];
    };
    expect(report.targets[0]?.failures).toEqual([]);
    expect(report.targets[0]?.warnings.map((warning) => warning.scenario)).toContain(
      "PostConnectCreateLink: body: sent as text/plain, a media type the spec does not declare (application/json is)",
    );
  });

  it("fails with --strict, on the lenient answers alone", async () => {
    standIn = await startStandIn(undefined, new Set(leniencies));
    run = await runContract([...quick, "--strict"], standIn.env);
    expect(run.code).toBe(1);
    expect(run.failingChecks).toEqual(new Set(["undeclared_input_handling"]));
    expect(run.output).toContain("a failure because of --strict");
    expect(run.lastLine).toMatch(/^contract: \d+ passed, [1-9]\d* failed, \d+ skipped$/);
  });

  it("still fails a server that answers undeclared input with a 5xx", async () => {
    standIn = await startStandIn("server-error-on-bad-input", new Set(leniencies));
    run = await runContract(quick, standIn.env);
    expect(run.code).toBe(1);
    expect(run.failingChecks).toContain("not_a_server_error");
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
  ["wrong-error-body", "negative_data_rejection", ["undeclared_input_handling", "response_schema_conformance", "use_after_revoke", "use_before_consent"]],
  ["undeclared-status", "status_code_conformance", ["negative_data_rejection", "undeclared_input_handling", "use_after_revoke", "use_before_consent"]],
  ["revoke-ignored", "use_after_revoke", []],
  ["token-wrong-secret-accepted", "ignored_auth", []],
  ["issued-token-refused", "issued_credential_acceptance", []],
  ["issued-token-audience-ignored", "ignored_auth", []],
  ["issued-token-scope-ignored", "ignored_auth", []],
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

  const onBothBases = faults.flatMap(([fault, check, alongside]) =>
    (["faithful", "lenient"] as const).map((base) => [fault, check, base, alongside] as const),
  );
  it.each(onBothBases)("%s fails on %s (on the %s stand-in) and prints a reproduction", async (fault, check, base, alongside) => {
    standIn = await startStandIn(fault, new Set(base === "lenient" ? leniencies : []));
    run = await runContract(quick, standIn.env);
    expect(run.code).toBe(1);
    expect(run.failingChecks).toContain(check);
    for (const name of run.failingChecks) expect([check, ...alongside]).toContain(name);
    expect(run.output).toMatch(/reproduce: curl -sS -i -X (GET|POST) 'http:\/\/127\.0\.0\.1:\d+\//);
    expect(run.output).toContain("Bearer <redacted>");
    expect(run.output).not.toContain("kombo-test-key");
    expect(run.output).not.toContain("kinde-test-token");
    expect(run.output).not.toContain("ya29.stand-in");
    expect(run.output).not.toContain(fixtures.clientSecret);
    expect(run.lastLine).toMatch(/^contract: \d+ passed, [1-9]\d* failed, \d+ skipped$/);
  });
});
