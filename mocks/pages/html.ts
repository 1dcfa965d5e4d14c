/** Small, accessible, self-contained HTML pages for the mock's click-through flows (no external assets). */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** JSON for an inline `<script>`: `</script>` and friends cannot end the script early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export interface PageOptions {
  title: string;
  /** Trusted HTML (escape every value put into it). */
  main: string;
  script?: string;
  lang?: string;
  /** CSS added after the shared styles, for what only one page has. */
  extraStyles?: string;
}

const styles = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1b1d23; }
  main { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  select, button { font: inherit; padding: .5rem .75rem; border-radius: 8px; }
  select { width: 100%; border: 1px solid #888; }
  button { margin-top: 1.25rem; background: #2340d6; color: #fff; border: 0; cursor: pointer; }
  button.secondary { margin-left: .5rem; background: #e4e6eb; color: #1b1d23; }
  button:focus-visible, select:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  .note { color: #555; font-size: .9rem; }
  [role="status"] { margin-top: 1rem; font-weight: 600; }
`;

export function renderPage(options: PageOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${styles}${options.extraStyles ?? ""}</style>
</head>
<body>
<main>
${options.main}
</main>
${options.script ? `<script>${options.script}</script>` : ""}
</body>
</html>
`;
}

/** True when an `Accept` header asks for JSON rather than a page (curl and scripts, not browsers). */
export function prefersJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const lower = accept.toLowerCase();
  return lower.includes("application/json") && !lower.includes("text/html");
}
