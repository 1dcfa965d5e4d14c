import type { Faker } from "@faker-js/faker";
import RandExpModule from "randexp";

// randexp ships CommonJS whose types declare an ES default export; NodeNext sees the module object.
type RandExpClass = typeof RandExpModule.default;
const RandExp = ((RandExpModule as unknown as { default?: RandExpClass }).default ?? RandExpModule) as RandExpClass;

/** Longest run an unbounded `*` or `+` repeats: enough to read as a value, short enough to read at all. */
const unboundedRepeats = 8;

/**
 * Strings matching a JSON Schema `pattern`, drawn from the given (seeded) faker. faker's own
 * `fromRegExp` knows no groups, alternation or `\d`, and points to randexp for full patterns; randexp
 * skips lookaheads, so callers check the result against the full pattern. Undefined when randexp
 * cannot read the pattern (a syntax it does not know).
 */
export function patternStrings(pattern: string): ((faker: Faker) => string) | undefined {
  let generator: InstanceType<RandExpClass>;
  try {
    generator = new RandExp(new RegExp(pattern, "u"));
  } catch {
    return undefined;
  }
  generator.max = unboundedRepeats;
  return (faker) => {
    generator.randInt = (from: number, to: number) => faker.number.int({ min: from, max: to });
    return generator.gen();
  };
}
