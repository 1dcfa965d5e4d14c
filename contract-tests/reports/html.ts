import { tally, targetTally, type Finding, type ScenarioResult, type SuiteResult } from "../model/results.js";
import type { TargetName } from "../targets/target.js";
import { targetLine } from "./console.js";
import { coverageHtmlTable } from "./coverage-table.js";
import { escapeHtml } from "./escape-html.js";

/*
 * One self-contained page (styles and the copy script inline, nothing fetched), so it can be opened from a CI
 * artifact. Hand-written: a template engine would be a dependency for a dozen lines of markup.
 */

/** The report pages' styles (the contract report and the consumer coverage page). */
export const reportStyles = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; }
.summary { font-family: ui-monospace, monospace; font-size: 15px; }
.badge { font-size: 13px; padding: .1rem .5rem; border-radius: 1rem; vertical-align: middle; }
.badge.pass { background: #dafbe1; color: #116329; } .badge.fail { background: #ffebe9; color: #a40e26; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.covered { background: #dafbe1; } td.missing { background: #ffebe9; font-weight: bold; }
td.not-applicable { background: #f6f8fa; color: #656d76; } td.undeclared { background: #fff8c5; }
td.absent { background: #fff; color: #d0d7de; }
.finding { border-left: 4px solid #cf222e; padding: .3rem .8rem; margin: .8rem 0; background: #fafbfc; }
.finding.lenient { border-color: #bf8700; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; }
.finding dt { color: #656d76; } .finding dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-word; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: .3rem 0; }
button.copy { cursor: pointer; }
.legend { color: #656d76; }
`;

// Clipboard API first; a file:// page may not get it, so a selected textarea and execCommand stand in.
const copyScript = `
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("button.copy") : null;
  if (!button) return;
  const text = button.getAttribute("data-curl") || "";
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
});
`;

function findingArticle(finding: Finding, kind: "failure" | "lenient"): string {
  const rows: [string, string][] = [
    ["operation", finding.operation],
    ["scenario", finding.scenario],
    ["check", finding.check],
    ["at", finding.path],
    ["expected", finding.expected],
    ["got", finding.got],
    ...(finding.note ? ([["note", finding.note]] as [string, string][]) : []),
  ];
  const steps = (finding.steps ?? []).map((step) => `<pre><code>${escapeHtml(step)}</code></pre>`).join("");
  const curl = finding.curl
    ? `<pre><code class="curl">${escapeHtml(finding.curl)}</code></pre><button type="button" class="copy" data-curl="${escapeHtml(finding.curl)}">Copy curl</button>`
    : "";
  return [
    `<article class="finding ${kind}" data-check="${escapeHtml(finding.check)}">`,
    `<strong>${escapeHtml(finding.provider)} ${escapeHtml(finding.operation)}</strong>`,
    `<dl>${rows.map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>`).join("")}</dl>`,
    steps ? `<div>After these earlier steps of the scenario:${steps}</div>` : "",
    curl,
    `</article>`,
  ].join("\n");
}

function skippedTable(scenarios: readonly ScenarioResult[]): string {
  const skipped = scenarios.filter((scenario) => scenario.outcome === "skipped");
  if (skipped.length === 0) return "<p>None.</p>";
  const rows = skipped.map(
    (scenario) => `<tr><td>${escapeHtml(scenario.provider)}</td><td>${escapeHtml(scenario.name)}</td><td>${escapeHtml(scenario.skippedBecause ?? "")}</td></tr>`,
  );
  return `<table class="skipped"><tr><th>provider</th><th>scenario</th><th>why</th></tr>${rows.join("")}</table>`;
}

function targetSection(result: SuiteResult, target: TargetName): string {
  const scenarios = result.scenarios.filter((scenario) => scenario.target === target);
  const failures = scenarios.flatMap((scenario) => scenario.failures);
  const warnings = scenarios.flatMap((scenario) => scenario.warnings);
  const failed = targetTally(result, target).failed > 0 || result.emptyTargets.includes(target);
  return [
    `<section class="target" id="target-${escapeHtml(target)}" data-target="${escapeHtml(target)}">`,
    `<h2>${escapeHtml(target)} <span class="badge ${failed ? "fail" : "pass"}">${failed ? "failed" : "passed"}</span></h2>`,
    `<p class="summary target-summary">${escapeHtml(targetLine(result, target))}</p>`,
    result.emptyTargets.includes(target) ? `<p><strong>Nothing ran on ${escapeHtml(target)}: a run that checks nothing fails.</strong></p>` : "",
    `<h3>Coverage</h3>`,
    coverageHtmlTable(result.coverage[target] ?? {}),
    `<h3>Failures (${failures.length})</h3>`,
    failures.length === 0 ? "<p>None.</p>" : failures.map((failure) => findingArticle(failure, "failure")).join("\n"),
    `<h3>Lenient answers (${warnings.length})</h3>`,
    `<p class="legend">Input the spec does not declare but does not forbid, accepted: a warning, not a failure${result.strict ? " (this run used --strict, so they are listed as failures above)" : " (--strict makes them fail)"}.</p>`,
    warnings.map((warning) => findingArticle(warning, "lenient")).join("\n"),
    `<h3>Skipped (${scenarios.filter((scenario) => scenario.outcome === "skipped").length})</h3>`,
    skippedTable(scenarios),
    `</section>`,
  ].join("\n");
}

/** `reports/contract.html`: per target the summary, coloured coverage matrix, failures, warnings and skips. */
export function htmlReport(result: SuiteResult): string {
  const { passed, failed, skipped } = tally(result);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Contract report: ${passed} passed, ${failed} failed</title>
<style>${reportStyles}</style>
</head>
<body>
<h1>Contract report</h1>
<p class="summary" id="summary">contract: ${passed} passed, ${failed} failed, ${skipped} skipped</p>
<p class="legend">Seed ${result.seed}${result.strict ? ", --strict" : ""}; ${(result.durationMs / 1000).toFixed(1)} s. Targets: ${result.targets.map((target) => `<a href="#target-${escapeHtml(target)}">${escapeHtml(target)}</a>`).join(", ")}.</p>
${result.targets.map((target) => targetSection(result, target)).join("\n")}
<script>${copyScript}</script>
</body>
</html>
`;
}
