import type { Faker } from "@faker-js/faker";

/**
 * A fresh string shaped like an example from the spec, for ids, tokens and links that a faker
 * method cannot know: `personio:CBNMt7dSNCzBdnRTx87dev4E` -> `personio:q8XbT…` (same length and
 * letters), `https://connect.kombo.dev/v1?token=eyJ…` -> the same page with a new JWT,
 * `b8d1f0a5…` -> 32 new hex digits. faker has no "more like this" for free-form ids, hence this.
 */
export interface ShapeOptions {
  /** Parts of the example to keep as they are (values a template fills in afterwards). */
  keep: readonly string[];
  /** Reference time for JWT claims, so a seed gives the same token. */
  refDate: Date;
}

const jwtShape = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;
const digits = "0123456789";
const lower = "abcdefghijklmnopqrstuvwxyz";
const upper = lower.toUpperCase();

/** The characters a run of letters and digits is drawn from, read from the run itself. */
function alphabetOf(run: string): string {
  const hasDigit = /\d/.test(run);
  const hasLower = /[a-z]/.test(run);
  const hasUpper = /[A-Z]/.test(run);
  if (!hasLower && !hasUpper) return digits;
  if (hasDigit && /^[0-9a-f]+$/.test(run)) return `${digits}abcdef`;
  if (hasDigit && /^[0-9A-F]+$/.test(run)) return `${digits}ABCDEF`;
  if (hasLower && hasUpper) return `${upper}${lower}${digits}`;
  return hasLower ? `${lower}${hasDigit ? digits : ""}` : `${upper}${hasDigit ? digits : ""}`;
}

/** A single-case word without digits (`org`, `live`, `v`) reads as a fixed prefix, not as randomness. */
function isWord(run: string): boolean {
  return !/\d/.test(run) && (run === run.toLowerCase() || run === run.toUpperCase());
}

function regenerateRuns(example: string, faker: Faker, options: ShapeOptions): string {
  return example
    .split(/([A-Za-z0-9]+)/)
    .map((part, index) => {
      const isRun = index % 2 === 1;
      if (!isRun || options.keep.includes(part) || isWord(part)) return part;
      const alphabet = alphabetOf(part);
      const first = alphabet === digits && part[0] !== "0" ? faker.string.fromCharacters("123456789") : faker.string.fromCharacters(alphabet);
      return first + faker.string.fromCharacters(alphabet, part.length - 1);
    })
    .join("");
}

function regenerateUrl(url: URL, faker: Faker, options: ShapeOptions): string {
  const query = [...url.searchParams]
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name)}=${encodeURIComponent(options.keep.includes(value) ? value : stringShapedLike(value, faker, options))}`,
    )
    .join("&");
  return `${url.origin}${url.pathname}${query === "" ? "" : `?${query}`}`;
}

export function stringShapedLike(example: string, faker: Faker, options: ShapeOptions): string {
  if (options.keep.includes(example)) return example;
  if (jwtShape.test(example)) return faker.internet.jwt({ refDate: options.refDate });
  if (/^https?:\/\/[^\s]+$/.test(example)) {
    try {
      return regenerateUrl(new URL(example), faker, options);
    } catch {
      // Not a URL after all: fall through to letters and digits.
    }
  }
  return regenerateRuns(example, faker, options);
}
