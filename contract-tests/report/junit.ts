import type { ScenarioResult, SuiteResult } from "../runner/results.js";

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

function testcase(scenario: ScenarioResult): string {
  const open = `    <testcase classname="${escapeXml(`${scenario.target}.${scenario.provider}.${scenario.family}`)}" name="${escapeXml(scenario.name)}" time="${(scenario.durationMs / 1000).toFixed(3)}"`;
  if (scenario.outcome === "skipped") return `${open}>\n      <skipped message="${escapeXml(scenario.skippedBecause ?? "")}"/>\n    </testcase>`;
  if (scenario.outcome === "passed") return `${open}/>`;
  const failures = scenario.failures
    .map((failure) => {
      const message = `${failure.check}: ${failure.path} expected ${failure.expected}, got ${failure.got}`;
      const body = [`operation: ${failure.operation}`, message, ...(failure.note ? [failure.note] : []), ...(failure.steps ?? []).map((step) => `earlier step: ${step}`), ...(failure.curl ? [`reproduce: ${failure.curl}`] : [])].join("\n");
      return `      <failure message="${escapeXml(message)}" type="${escapeXml(failure.check)}">${escapeXml(body)}</failure>`;
    })
    .join("\n");
  return `${open}>\n${failures}\n    </testcase>`;
}

/** JUnit XML: one testsuite per target and provider, one testcase per scenario. */
export function junitReport(result: SuiteResult): string {
  const groups = new Map<string, ScenarioResult[]>();
  for (const scenario of result.scenarios) {
    const key = `${scenario.target}.${scenario.provider}`;
    groups.set(key, [...(groups.get(key) ?? []), scenario]);
  }
  const suites = [...groups].map(([name, scenarios]) => {
    const count = (outcome: ScenarioResult["outcome"]) => scenarios.filter((scenario) => scenario.outcome === outcome).length;
    const time = scenarios.reduce((sum, scenario) => sum + scenario.durationMs, 0) / 1000;
    return [
      `  <testsuite name="contract.${escapeXml(name)}" tests="${scenarios.length}" failures="${count("failed")}" errors="0" skipped="${count("skipped")}" time="${time.toFixed(3)}">`,
      ...scenarios.map(testcase),
      "  </testsuite>",
    ].join("\n");
  });
  const total = result.scenarios.length;
  const failed = result.scenarios.filter((scenario) => scenario.outcome === "failed").length;
  const skipped = result.scenarios.filter((scenario) => scenario.outcome === "skipped").length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="contract" tests="${total}" failures="${failed}" errors="0" skipped="${skipped}" time="${(result.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}
