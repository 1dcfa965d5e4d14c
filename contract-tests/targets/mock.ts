import { startMockServers } from "../../mocks/adapters/node/server.js";
import { httpFlows } from "./flows.js";
import { mockEndpoint, pinnedMockSettings } from "./mock-fixtures.js";
import type { RunningTarget, Target } from "./target.js";

/** Our `node:http` mock servers, started in process on free ports and stopped afterwards. */
export function mockTarget(): Target {
  return {
    name: "mock",
    capabilities: { preferHeader: true, stateful: true, checksCredentials: true, refusesMissingCredential: true, rejectsMalformedJson: true, issuesTokens: true },
    async start(): Promise<RunningTarget> {
      const servers = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true, settings: pinnedMockSettings });
      const fetchFn = globalThis.fetch.bind(globalThis);
      return {
        providers: { kombo: mockEndpoint("kombo", servers.kombo.baseUrl), kinde: mockEndpoint("kinde", servers.kinde.baseUrl) },
        fetch: fetchFn,
        flows: httpFlows(fetchFn),
        stop: () => servers.close(),
      };
    },
  };
}
