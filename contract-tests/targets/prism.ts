import { startPrismMocks, type RunningPrismMocks } from "../../mocks/prism/launcher.js";
import { mockEndpoint } from "./mock-fixtures.js";
import type { RunningTarget, Target } from "./target.js";

/** Prism serving both specs on free ports (each under its base path), for a run of `--target url` against it. */
export function startPrismServers(): Promise<RunningPrismMocks> {
  return startPrismMocks({ komboPort: 0, kindePort: 0 });
}

/** Prism (the reference mock) serving both specs, started on free ports and stopped afterwards. */
export function prismTarget(): Target {
  return {
    name: "prism",
    capabilities: { preferHeader: true, stateful: false, checksCredentials: false, refusesMissingCredential: false, rejectsMalformedJson: false, issuesTokens: false },
    limitations: {
      stateful: "Prism keeps no state: no connect flows, and an unknown token or session is answered like any other",
      checksCredentials: "Prism accepts any credential, a bearer or a token request's client secret",
      refusesMissingCredential: "Prism answers a missing bearer with its own 401 problem+json, whatever the spec declares, and a token request without a client secret with 200",
      rejectsMalformedJson: "Prism answers malformed JSON with its own error body, not the provider's",
      issuesTokens: "Prism is no OAuth server: its token endpoint answers the spec's example whatever the grant_type, and any bearer is taken",
    },
    async start(): Promise<RunningTarget> {
      const prism = await startPrismServers();
      return {
        providers: { kombo: mockEndpoint("kombo", prism.kombo.baseUrl), kinde: mockEndpoint("kinde", prism.kinde.baseUrl) },
        fetch: globalThis.fetch.bind(globalThis),
        stop: () => prism.close(),
      };
    },
  };
}
