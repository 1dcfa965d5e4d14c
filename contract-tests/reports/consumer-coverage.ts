import { coverageRows, type ProviderCoverage } from "../../openapi/coverage.js";
import { coverageHtmlTable } from "./coverage-table.js";
import { escapeHtml } from "./escape-html.js";
import { reportStyles } from "./html.js";

/** `reports/consumer-coverage.html`: the declared answers the app's own tests met, in the contract report's look. */
export function consumerCoverageHtml(providers: readonly ProviderCoverage[], summary: string, problems: readonly string[]): string {
  const verdict = problems.length === 0 ? "" : `<ul class="problems">${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join("")}</ul>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consumer coverage: ${escapeHtml(summary)}</title>
<style>${reportStyles}</style>
</head>
<body>
<h1>Consumer coverage</h1>
<p class="summary" id="summary">${escapeHtml(summary)}</p>
<p class="legend">The providers' declared answers your app's requests got from the mock (${providers.map((entry) => escapeHtml(entry.provider)).join(", ")}).</p>
${verdict}
<h2>Statuses</h2>
${coverageHtmlTable(coverageRows(providers, "statuses"))}
<h2>Named examples</h2>
${coverageHtmlTable(coverageRows(providers, "examples"))}
</body>
</html>
`;
}
