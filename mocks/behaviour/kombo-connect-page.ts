import { mockFetchScript } from "../pages/frame-fetch.js";
import { escapeHtml, jsonForScript, renderPage } from "../pages/html.js";

/**
 * Kombo's Connect page as the mock serves it. It speaks the protocol of Kombo's own library,
 * `showKomboConnect(link)` from `@kombo-api/connect`, which loads the link in a full-screen iframe and
 * listens to that frame for `{ type: "success", data: { activation_token } }` (resolves) and
 * `{ type: "close" }` (rejects with `KomboConnectCancelledError`). Opened in a tab, the page shows the token.
 */

export interface KomboConnectPageInput {
  /** The create-link body with the spec's defaults filled in. */
  request: Record<string, unknown>;
  /** Every `integration_tool` the spec allows, in the picker's order (the picker shows when the link names no tool). */
  tools: readonly string[];
  /** Absolute URL the Connect button POSTs `{ tool }` to; it answers `{ token }`. */
  completeUrl: string;
}

const pickerStyles = `
  .picker input[type="search"] { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem .75rem; border: 1px solid #888; border-radius: 8px; }
  .picker select { margin-top: .5rem; }
  .actions { display: flex; gap: .75rem; }
  button.secondary { background: #fff; color: #1b1d23; border: 1px solid #888; }
`;

function toolPicker(tools: readonly string[]): string {
  // Nothing preselected: a link that names no tool leaves the choice to the user, as Kombo's flow does.
  const options = tools.map((tool) => `<option value="${escapeHtml(tool)}">${escapeHtml(tool)}</option>`).join("");
  return `<div class="picker">
<label for="tool-filter">Find your tool</label>
<input type="search" id="tool-filter" autocomplete="off" placeholder="Type to filter, e.g. personio" aria-controls="tool">
<label for="tool">Choose the tool to connect</label>
<select id="tool" name="tool" size="8" required>${options}</select>
</div>`;
}

// The page's behaviour; plain browser JavaScript, as the page has no build step of its own.
const behaviour = `
const form = document.getElementById("connect");
const status = document.getElementById("status");
const connectButton = document.getElementById("connect-button");
const picker = document.getElementById("tool");
const filter = document.getElementById("tool-filter");
// showKomboConnect listens to the iframe it made; a popup's opener gets the same messages.
const appWindow = window.parent !== window ? window.parent : window.opener;
function tell(message) {
  if (appWindow) appWindow.postMessage(message, "*");
}
if (filter && picker) {
  filter.addEventListener("input", function () {
    const wanted = filter.value.trim().toLowerCase();
    let first = null;
    for (const option of picker.options) {
      option.hidden = wanted !== "" && !option.value.toLowerCase().includes(wanted);
      if (!option.hidden && first === null) first = option;
    }
    if (picker.selectedOptions[0] === undefined || picker.selectedOptions[0].hidden) picker.value = first ? first.value : "";
    connectButton.disabled = first === null;
    status.textContent = first === null ? "No tool matches \\u201c" + filter.value + "\\u201d." : "";
  });
}
document.getElementById("fail-button").addEventListener("click", async function () {
  status.textContent = "Failing...";
  try {
    const response = await mockFetch(config.completeUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(picker ? { tool: picker.value, outcome: "failed" } : { outcome: "failed" }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer && answer.error ? answer.error.message : "HTTP " + response.status);
    status.textContent = "The connection failed (connection-flow-failed sent). Try again or cancel.";
  } catch (error) {
    status.textContent = "Could not fail the flow: " + error.message;
  }
});
document.getElementById("cancel-button").addEventListener("click", function () {
  tell({ type: "close" });
  status.textContent = "Cancelled. You can close this page.";
});
form.addEventListener("submit", async function (event) {
  event.preventDefault();
  connectButton.disabled = true;
  status.textContent = "Connecting...";
  try {
    const response = await mockFetch(config.completeUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(picker ? { tool: picker.value } : {}),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer && answer.error ? answer.error.message : "HTTP " + response.status);
    document.body.dataset.token = answer.token;
    status.textContent = "Connected. Integration token: " + answer.token;
    tell({ type: "success", data: { activation_token: answer.token } });
  } catch (error) {
    connectButton.disabled = false;
    status.textContent = "Could not connect: " + error.message;
  }
});`;

export function renderKomboConnectPage(input: KomboConnectPageInput): string {
  const { request } = input;
  const organization = String(request.end_user_organization_name ?? "");
  const fixedTool = typeof request.integration_tool === "string" ? request.integration_tool : undefined;
  const main = `<h1>Kombo Connect (mock)</h1>
<p class="note">A local stand-in for Kombo's embedded Connect flow. Nothing leaves this machine.</p>
<dl>
<dt>Organisation</dt><dd>${escapeHtml(organization)}</dd>
<dt>Category</dt><dd>${escapeHtml(String(request.integration_category ?? ""))}</dd>
${fixedTool ? `<dt>Tool</dt><dd>${escapeHtml(fixedTool)}</dd>` : ""}
<dt>Email</dt><dd>${escapeHtml(String(request.end_user_email ?? ""))}</dd>
</dl>
<form id="connect">
${fixedTool ? "" : toolPicker(input.tools)}
<div class="actions">
<button type="submit" id="connect-button">Connect</button>
<button type="button" id="cancel-button" class="secondary">Cancel</button>
<button type="button" id="fail-button" class="secondary">Simulate a failure</button>
</div>
</form>
<p id="status" role="status" aria-live="polite"></p>`;
  const script = `const config = ${jsonForScript({ completeUrl: input.completeUrl })};\n${mockFetchScript}\n${behaviour}`;
  return renderPage({
    title: `Connect ${organization} - Kombo Connect (mock)`,
    main,
    script,
    lang: typeof request.language === "string" ? request.language : "en",
    extraStyles: pickerStyles,
  });
}
