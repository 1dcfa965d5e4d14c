import type { InProcessRow, NotMeasured } from "./results.js";

/** Placeholder until the engine and the msw adapter land (issues 3 and 4). */
export async function measureInProcess(_iterations: number): Promise<{ rows: InProcessRow[]; notMeasured: NotMeasured[] }> {
  return {
    rows: [],
    notMeasured: [
      { what: "in-process µs per request (engine alone, msw adapter)", reason: "the engine (mocks/core) and msw adapter are not there yet" },
    ],
  };
}
