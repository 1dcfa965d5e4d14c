import { describe, expect, it } from "vitest";
import { runSuite } from "../runner/suite.js";
import type { Target } from "../targets/target.js";

const unreachable: Target = {
  name: "url",
  capabilities: { preferHeader: false, stateful: false, checksCredentials: false, refusesMissingCredential: false, rejectsMalformedJson: false, issuesTokens: false },
  async start() {
    throw new Error("connect ECONNREFUSED 127.0.0.1:9");
  },
};

describe("runSuite", () => {
  it("reports a target that cannot start once per provider the run selected", async () => {
    const result = await runSuite({ targets: [unreachable], seed: 1, propertyRuns: 0, providers: new Set(["kinde"]) });
    expect(result.scenarios.map((scenario) => [scenario.provider, scenario.outcome, scenario.failures[0]?.got])).toEqual([
      ["kinde", "failed", expect.stringContaining("ECONNREFUSED")],
    ]);
  });
});
