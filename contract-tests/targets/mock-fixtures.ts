import { mockSettingsFromEnv, type MockSettings } from "../../mocks/providers/index.js";
import type { ProviderId } from "../providers.js";
import type { ProviderEndpoint } from "./target.js";

/**
 * The mocks accept any credential unless one is pinned; the suite pins one (and one connected app), so a
 * wrong credential and an unknown `key_code_ref` mean on a mock what they mean on the live APIs.
 */
const credential = "contract-tests-credential";
const keyCodeRef = "contract_tests_app";

export const pinnedMockSettings: MockSettings = mockSettingsFromEnv({
  KOMBO_MOCK_API_KEY: credential,
  KINDE_MOCK_TOKEN: credential,
  KINDE_MOCK_KEY_CODE_REFS: keyCodeRef,
});

export function mockEndpoint(provider: ProviderId, baseUrl: string): ProviderEndpoint {
  return { baseUrl, credential, parameterValues: provider === "kinde" ? { key_code_ref: keyCodeRef } : {} };
}
