import { startPrismMocks } from "../../mocks/prism/launcher.js";
import { mockEndpoint } from "./mock-fixtures.js";
import type { RunningTarget, Target } from "./target.js";

/** Prism (the reference mock) serving both specs, started on free ports and stopped afterwards. */
export function prismTarget(): Target {
  return {
    name: "prism",
    capabilities: { preferHeader: true, stateful: false, checksCredentials: false, rejectsMalformedJson: false },
    limitations: {
      stateful: "Prism keeps no state: no connect flows, and an unknown token or session is answered like any other",
      checksCredentials: "Prism accepts any bearer credential and answers a missing one with its own 401 problem+json, whatever the spec declares",
      rejectsMalformedJson: "Prism answers malformed JSON with its own error body, not the provider's",
    },
    async start(): Promise<RunningTarget> {
      const prism = await startPrismMocks({ komboPort: 0, kindePort: 0 });
      return {
        providers: { kombo: mockEndpoint("kombo", prism.kombo.baseUrl), kinde: mockEndpoint("kinde", prism.kinde.baseUrl) },
        fetch: globalThis.fetch.bind(globalThis),
        stop: () => prism.close(),
      };
    },
  };
}
