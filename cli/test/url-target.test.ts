import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPrismServers } from "../../contract-tests/targets/prism.js";
import { startStandIn, type StandIn } from "../../contract-tests/test/stand-in.js";
import { removeReports, runContract, type CliRun } from "./run-in-process.js";

const quick = ["--runs", "4", "--seed", "7"];
let run: CliRun | undefined;

afterEach(async () => {
  if (run) await removeReports(run);
  run = undefined;
});

describe("--target url against the faithful stand-in", () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(() => standIn.close());

  it("runs a provider at its URL with the live variables' credentials, and skips the one without a URL", async () => {
    const { KOMBO_API_KEY, KOMBO_BASE_URL } = standIn.env;
    run = await runContract(["--target", "url", "--kombo-url", KOMBO_BASE_URL ?? "", ...quick], { KOMBO_API_KEY: KOMBO_API_KEY ?? "" });
    expect(run.failingChecks).toEqual(new Set());
    expect(run.code).toBe(0);
    expect(run.output).toContain("[url] kinde: no --kinde-url given");
    expect(run.output).toMatch(/^url: [1-9]\d* passed, 0 failed, \d+ lenient, \d+ skipped$/m);
  });

  it("without a credential skips the provider, unless the target accepts any credential", async () => {
    const kombo = ["--target", "url", "--kombo-url", standIn.env.KOMBO_BASE_URL ?? "", ...quick];
    run = await runContract(kombo, {});
    expect(run.code).toBe(1);
    expect(run.output).toContain("[url] kombo: no credentials: set KOMBO_API_KEY");
    await removeReports(run);
    // The stand-in does check credentials: a placeholder one is refused, and the suite says so.
    run = await runContract([...kombo, "--any-credential"], {});
    expect(run.code).toBe(1);
    expect(run.failingChecks).toContain("positive_data_acceptance");
    expect(run.output).toContain("--any-credential: the target accepts every credential");
  });

  it("narrows the run to one provider and one operation", async () => {
    run = await runContract(["--target", "live", "--provider", "kinde", "--operation", "GET /api/v1/connected_apps/token", ...quick], standIn.env);
    expect(run.code).toBe(0);
    expect(run.output).not.toMatch(/\bkombo\b/);
    const junit = await readFile(join(run.reportsDirectory, "junit.xml"), "utf8");
    const names = [...junit.matchAll(/<testcase [^>]*name="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(name).toMatch(/GetConnectedAppToken/);
  });
});

describe("--target url against Prism serving both specs, said to be stateless and credential-blind", () => {
  let prism: Awaited<ReturnType<typeof startPrismServers>>;
  beforeAll(async () => {
    prism = await startPrismServers();
  }, 90_000);
  afterAll(() => prism?.close());

  it("reports what Prism breaks, and no false alarm about state or credentials", async () => {
    run = await runContract(
      ["--target", "url", "--kombo-url", prism.kombo.baseUrl, "--kinde-url", prism.kinde.baseUrl, "--stateless", "--any-credential", ...quick],
      {},
    );
    // Prism answers malformed JSON and a missing credential its own way (problem+json, 401 where Kinde declares 403),
    // and its token endpoint is no OAuth server: no client secret, or an unsupported grant_type, gets a token.
    expect(run.code).toBe(1);
    const failingScenarios = new Set([...run.failures.matchAll(/^ {3}scenario: (.+)$/gm)].map((match) => match[1] ?? ""));
    expect(failingScenarios.size).toBeGreaterThan(0);
    for (const scenario of failingScenarios) {
      expect(scenario).toMatch(/: (body: malformed JSON|missing credential|client_secret left out \(no client authentication\)|grant_type "contract_tests_unsupported_grant" \(the endpoint grants client_credentials\))$/);
    }
    expect(run.failingChecks).toContain("missing_auth");
    for (const check of ["ignored_auth", "use_before_consent", "use_after_revoke", "ensure_resource_availability"]) expect(run.failingChecks).not.toContain(check);
    expect(run.output).toContain("--stateless: the target keeps no state");
    expect(run.output).toContain("--any-credential: the target accepts every credential");
    expect(run.output).toMatch(/^url: [1-9]\d* passed, [1-9]\d* failed, \d+ lenient, [1-9]\d* skipped$/m);
  }, 60_000);
});
