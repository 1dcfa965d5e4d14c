/** Values shown in messages and reports: as JSON, bounded in length. */

/** `value` as JSON text (`nothing` for undefined; `String(value)` where JSON has no text for it). */
export function jsonText(value: unknown): string {
  if (value === undefined) return "nothing";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `text` cut to `limit` characters, ending in `...` when it was longer. */
export function shorten(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/** A short, safe rendering of a value for a one-line message. */
export function preview(value: unknown, limit = 80): string {
  return shorten(jsonText(value), limit);
}
