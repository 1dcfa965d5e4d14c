import { mockSettingsFromEnv, type MockSettings } from "../../mocks/behaviour/index.js";
import type { ProviderId } from "../model/provider-contract.js";
import type { ProviderEndpoint } from "./target.js";

/**
 * The mocks accept any credential unless one is pinned; the suite pins one (one connected app, one M2M
 * client), so a wrong credential, a wrong client secret and an unknown `key_code_ref` mean on a mock what
 * they mean on the live APIs.
 */
const credential = "contract-tests-credential";
const keyCodeRef = "contract_tests_app";
const client = { id: "contract-tests-client", secret: "contract-tests-client-secret" };

export const pinnedMockSettings: MockSettings = mockSettingsFromEnv({
  KOMBO_MOCK_API_KEY: credential,
  KINDE_MOCK_TOKEN: credential,
  KINDE_MOCK_KEY_CODE_REFS: keyCodeRef,
  KINDE_MOCK_CLIENT_ID: client.id,
  KINDE_MOCK_CLIENT_SECRET: client.secret,
});

/** The pinned values each provider's requests carry; a Management API token asks for the mock's own audience, as on live. */
const knownValues: Record<ProviderId, (baseUrl: string) => Pick<ProviderEndpoint, "parameterValues" | "bodyValues">> = {
  kombo: () => ({ parameterValues: {}, bodyValues: {} }),
  kinde: (baseUrl) => ({ parameterValues: { key_code_ref: keyCodeRef }, bodyValues: { client_id: client.id, client_secret: client.secret, audience: `${baseUrl}/api` } }),
};

export function mockEndpoint(provider: ProviderId, baseUrl: string): ProviderEndpoint {
  return { baseUrl, credential, ...knownValues[provider](baseUrl) };
}
