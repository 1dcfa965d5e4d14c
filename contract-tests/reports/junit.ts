import type { Finding, ScenarioResult, SuiteResult } from "../model/results.js";

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

function findingText(finding: Finding): { message: string; body: string } {
  const message = `${finding.check}: ${finding.path} expected ${finding.expected}, got ${finding.got}`;
  const body = [
    `operation: ${finding.operation}`,
    message,
    ...(finding.note ? [finding.note] : []),
    ...(finding.steps ?? []).map((step) => `earlier step: ${step}`),
    ...(finding.curl ? [`reproduce: ${finding.curl}`] : []),
  ].join("\n");
  return { message, body };
}

/** Lenient answers are no failures: a `lenient` property and the details in `<system-out>`. */
function warningElements(scenario: ScenarioResult): string[] {
  if (scenario.warnings.length === 0) return [];
  const text = scenario.warnings.map((warning, index) => `lenient ${index + 1}) ${findingText(warning).body}`).join("\n\n");
  return [
    `      <properties><property name="lenient" value="${scenario.warnings.length}"/></properties>`,
    `      <system-out>${escapeXml(text)}</system-out>`,
  ];
}

function testcase(scenario: ScenarioResult): string {
  const open = `    <testcase classname="${escapeXml(`${scenario.target}.${scenario.provider}.${scenario.family}`)}" name="${escapeXml(scenario.name)}" time="${(scenario.durationMs / 1000).toFixed(3)}"`;
  if (scenario.outcome === "skipped") return `${open}>\n      <skipped message="${escapeXml(scenario.skippedBecause ?? "")}"/>\n    </testcase>`;
  if (scenario.outcome === "passed") return `${open}/>`;
  const failures = scenario.failures.map((failure) => {
    const { message, body } = findingText(failure);
    return `      <failure message="${escapeXml(message)}" type="${escapeXml(failure.check)}">${escapeXml(body)}</failure>`;
  });
  return [`${open}>`, ...warningElements(scenario), ...failures, "    </testcase>"].join("\n");
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
      `    <properties><property name="lenient" value="${count("lenient")}"/></properties>`,
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
