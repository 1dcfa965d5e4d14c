import type { Faker } from "@faker-js/faker";

/**
 * faker (English locale), imported the first time a dynamic answer is asked for. Importing
 * `@faker-js/faker` takes about 190 ms and most of the browser bundle, and only `Prefer: dynamic`
 * (or an operation without an example) needs it, so nothing loads it at start.
 */
export async function loadFaker(): Promise<Faker> {
  const { Faker, base, en } = await import("@faker-js/faker");
  return new Faker({ locale: [en, base] });
}
