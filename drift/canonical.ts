import { createHash } from "node:crypto";

/** How drift compares values: text without its whitespace, JSON without its key order, long text by digest. */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keywords whose published value a mark records as a digest rather than in full (long text, example values). */
export const digestedKeywords = new Set(["description", "summary", "value"]);

/** `sha256:` and the first 16 hex digits of the canonical JSON (text: whitespace collapsed) of a value. */
export function digest(value: unknown): string {
  const canonical = typeof value === "string" ? collapseWhitespace(value) : canonicalJson(value);
  return `sha256:${createHash("sha256").update(canonical).digest("hex").slice(0, 16)}`;
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Text as drift compares it: whitespace and line breaks do not count. */
export function textCanonical(value: unknown): string {
  return typeof value === "string" ? collapseWhitespace(value) : "";
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
