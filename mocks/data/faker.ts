import type { Faker } from "@faker-js/faker";

/**
 * A faker of our own with the English locale, imported the first time a dynamic answer is asked for.
 * Importing `@faker-js/faker` takes about 190 ms and was most of the browser bundle, while only
 * `Prefer: dynamic` (or an operation without an example) needs it, so nothing loads it at start. The
 * `locale/en` entry holds the English locale only, so a bundler's lazy chunk does too; its shared
 * instance is copied, never seeded, so an app's own `faker` keeps its seed.
 */
export async function loadFaker(): Promise<Faker> {
  const { faker } = await import("@faker-js/faker/locale/en");
  const FakerClass = faker.constructor as typeof Faker;
  return new FakerClass({ locale: faker.rawDefinitions });
}
