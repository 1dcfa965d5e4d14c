import { bodyExcerpt, errorFormatFindings, show } from "./declared.js";
import type { Violation } from "../../openapi/violation.js";
import type { CheckDefinition, CheckInput } from "../model/check.js";

function ruleStatusFindings(input: CheckInput, why: string): Violation[] {
  const wanted = input.expectation.ruleStatus;
  if (wanted === undefined || input.response.status === wanted) return input.response.status >= 400 ? errorFormatFindings(input) : [];
  return [{ path: "status", expected: `${wanted} (${why})`, got: bodyExcerpt(input.response) }];
}

export const useAfterRevoke: CheckDefinition = {
  meaning: "Once revoked, a session is gone: reading or revoking it again gets the provider's invalid-session answer (Kinde 400).",
  run: (input) => ruleStatusFindings(input, "the session was revoked"),
};

export const useBeforeConsent: CheckDefinition = {
  meaning: "A session whose user has not consented yet gives no token (Kinde 400).",
  run: (input) => ruleStatusFindings(input, "the user has not consented yet"),
};

function valueAt(root: unknown, path: string): unknown {
  let current = root;
  for (const key of path.replace(/^\$\.?/, "").split(".").filter(Boolean)) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export const ensureResourceAvailability: CheckDefinition = {
  meaning: "What a create call made can be read back: the read answers 2xx and carries the data of the original request.",
  run: ({ response, expectation }) => {
    if (response.status < 200 || response.status >= 300) {
      return [{ path: "status", expected: "a 2xx: the resource was just created", got: bodyExcerpt(response) }];
    }
    const findings: Violation[] = [];
    for (const [path, expected] of Object.entries(expectation.echoedFields ?? {})) {
      const got = valueAt(response.json, path);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        findings.push({ path, expected: `${show(expected)}, as in the original request`, got: show(got) });
      }
    }
    return findings;
  },
};

export const issuedCredentialAcceptance: CheckDefinition = {
  meaning:
    "A token the spec's token endpoint issued is taken as the bearer of the routes its security scheme guards: no auth failure (Kinde 403), and a 2xx where the request names no server state.",
  run: ({ provider, response, expectation }) => {
    const issued = expectation.issuedCredential;
    if (issued === undefined) return [];
    const refused = response.status === 401 || provider.authFailureStatuses.includes(response.status);
    if (refused) return [{ path: "status", expected: `no auth failure: the bearer was just issued by ${issued.issuedBy}`, got: bodyExcerpt(response) }];
    if (issued.mustSucceed && (response.status < 200 || response.status >= 300)) {
      return [{ path: "status", expected: `a 2xx: a valid request with the bearer ${issued.issuedBy} issued`, got: bodyExcerpt(response) }];
    }
    return [];
  },
};
