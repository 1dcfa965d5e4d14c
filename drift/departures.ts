import { createHash } from "node:crypto";

/**
 * A known departure: the `x-departure` object on a node of our spec, saying exactly how that node
 * differs from the provider's published document on purpose (format in specs/README.md).
 */
export interface Departure {
  reason: string;
  /** The node (operation, response, parameter, property, media type) is ours; the provider does not publish it. */
  oursOnly: boolean;
  /** Enum values we list that the published enum lacks, and published values we leave out. */
  enumAdded: unknown[];
  enumRemoved: unknown[];
  /** Property names we require that the published schema does not, and the reverse. */
  requiredAdded: string[];
  requiredRemoved: string[];
  /** Keywords we changed, with their published value (`null`: the published node has none; text as a digest). */
  published: Record<string, unknown>;
}

const departureKey = "x-departure";

const listKeys = {
  "enum-added": "enumAdded",
  "enum-removed": "enumRemoved",
  "required-added": "requiredAdded",
  "required-removed": "requiredRemoved",
} as const;
const knownKeys = new Set(["reason", "ours-only", "published", ...Object.keys(listKeys)]);

export class DepartureFormatError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the mark on a node of our spec; throws DepartureFormatError naming the pointer when it is malformed. */
export function readDeparture(node: unknown, pointer: string): Departure | undefined {
  if (!isRecord(node) || !(departureKey in node)) return undefined;
  const mark = node[departureKey];
  const problem = (text: string) => new DepartureFormatError(`x-departure at ${pointer || "/"}: ${text} (format: specs/README.md, "Marking a departure")`);
  if (!isRecord(mark)) throw problem("must be an object with a `reason` and what departs, not a bare text");
  if (typeof mark.reason !== "string" || mark.reason.trim() === "") throw problem("needs a `reason` text");
  for (const key of Object.keys(mark)) if (!knownKeys.has(key)) throw problem(`unknown key "${key}" (known: ${[...knownKeys].join(", ")})`);
  const departure: Departure = { reason: mark.reason, oursOnly: false, enumAdded: [], enumRemoved: [], requiredAdded: [], requiredRemoved: [], published: {} };
  if ("ours-only" in mark) {
    if (mark["ours-only"] !== true) throw problem("`ours-only` can only be true (leave it out otherwise)");
    departure.oursOnly = true;
  }
  for (const [key, field] of Object.entries(listKeys)) {
    if (!(key in mark)) continue;
    const values = mark[key];
    if (!Array.isArray(values) || values.length === 0) throw problem(`\`${key}\` must be a non-empty list`);
    if (field.startsWith("required") && !values.every((value) => typeof value === "string")) throw problem(`\`${key}\` lists property names`);
    (departure[field] as unknown[]) = values;
  }
  if ("published" in mark) {
    if (!isRecord(mark.published) || Object.keys(mark.published).length === 0)
      throw problem("`published` must map each changed keyword to its published value");
    departure.published = mark.published;
  }
  return departure;
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
