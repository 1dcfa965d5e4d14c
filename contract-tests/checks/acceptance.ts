import { bodyExcerpt } from "./declared.js";
import type { CheckDefinition } from "../model/check.js";

export const positiveDataAcceptance: CheckDefinition = {
  meaning: "A valid request taken from the spec's own examples gets a 2xx.",
  run: ({ response }) =>
    response.status >= 200 && response.status < 300 ? [] : [{ path: "status", expected: "a 2xx for a valid request", got: bodyExcerpt(response) }],
};

export const forcedStatus: CheckDefinition = {
  meaning: "On mocks, `Prefer: code=<status>` gets exactly that declared status (how every declared status is exercised).",
  run: ({ response, expectation }) =>
    expectation.forcedStatus === undefined || response.status === expectation.forcedStatus
      ? []
      : [{ path: "status", expected: `${expectation.forcedStatus} (asked for with Prefer: code=${expectation.forcedStatus})`, got: bodyExcerpt(response) }],
};
