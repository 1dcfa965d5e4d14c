import { formFields } from "../../openapi/request-checks.js";

/** A field of a mock page's own form: its value(s), or that the body opens like JSON but is not. */
export type PageBodyField = { value: string | string[] | undefined } | { malformedJson: true };

/** One field a mock page's form sends, from a JSON body (`{"tool":"personio"}`, strings only) or a form body (`tool=personio`). */
export function pageBodyField(text: string, name: string): PageBodyField {
  if (text.trim().startsWith("{")) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { malformedJson: true };
    }
    const value = parsed[name];
    return { value: typeof value === "string" ? value : undefined };
  }
  return { value: formFields(text)[name] };
}

