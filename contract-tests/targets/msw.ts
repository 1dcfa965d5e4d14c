import { setupMockServer } from "../../mocks/adapters/node/msw.js";
import { providerBasePath } from "../../providers/documents.js";
import { providers } from "../../providers/registry.js";
import { httpFlows } from "./flows.js";
import { mockEndpoint, pinnedMockSettings } from "./mock-fixtures.js";
import type { RunningTarget, Target } from "./target.js";

/**
 * Our msw handlers under `setupServer` (`setupMockServer`, as users' tests use them), in this process. The base URLs are those `npm run mock` listens on, so
 * a failure's `curl` line replays against `npm run mock` (the same engine); no socket is opened here.
 */
const baseUrls = {
  kombo: `http://127.0.0.1:${providers.kombo.defaultPort}${providerBasePath("kombo")}`,
  kinde: `http://127.0.0.1:${providers.kinde.defaultPort}${providerBasePath("kinde")}`,
};

export function mswTarget(): Target {
  return {
    name: "msw",
    capabilities: { preferHeader: true, stateful: true, checksCredentials: true, refusesMissingCredential: true, rejectsMalformedJson: true, issuesTokens: true },
    async start(): Promise<RunningTarget> {
      const mocks = setupMockServer({
        kombo: { baseUrls: [baseUrls.kombo] },
        kinde: { baseUrls: [baseUrls.kinde] },
        settings: pinnedMockSettings,
      });
      mocks.server.listen({ onUnhandledRequest: "error" });
      // msw patches the global fetch while listening: look it up per call.
      const fetchThroughMsw: typeof fetch = (input, init) => globalThis.fetch(input, init);
      return {
        providers: { kombo: mockEndpoint("kombo", baseUrls.kombo), kinde: mockEndpoint("kinde", baseUrls.kinde) },
        fetch: fetchThroughMsw,
        flows: httpFlows(fetchThroughMsw),
        async stop() {
          mocks.server.close();
        },
      };
    },
  };
}
