import { createEngine, type EngineOptions, type MockEngine } from "../engine/engine.js";
import { kindeProvider, type KindeMockSettings } from "./kinde.js";
import { komboProvider, type KomboMockSettings } from "./kombo.js";

export { kindeM2MTokenLifetimeSeconds, kindeProvider, type KindeMockSettings, type KindeState } from "./kinde.js";
export { komboProvider, type KomboMockSettings, type KomboState } from "./kombo.js";

export type ProviderName = "kombo" | "kinde";
export const providerNames: readonly ProviderName[] = ["kombo", "kinde"];

export interface MockSettings {
  kombo?: KomboMockSettings;
  kinde?: KindeMockSettings;
}

export interface MockEngines {
  kombo: MockEngine;
  kinde: MockEngine;
  /** Resets both engines' state. */
  reset(): void;
}

/** One engine for a provider by name. */
export function createProviderEngine(name: ProviderName, settings: MockSettings = {}, options: EngineOptions = {}): MockEngine {
  return name === "kombo" ? createEngine(komboProvider(settings.kombo), options) : createEngine(kindeProvider(settings.kinde), options);
}

/** Both providers' engines, sharing options (e.g. one clock). */
export function createMockEngines(settings: MockSettings = {}, options: EngineOptions = {}): MockEngines {
  const kombo = createProviderEngine("kombo", settings, options);
  const kinde = createProviderEngine("kinde", settings, options);
  return {
    kombo,
    kinde,
    reset() {
      kombo.reset();
      kinde.reset();
    },
  };
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

function single(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/**
 * Pinned credentials from environment variables (pass `process.env` in Node, any record in a browser):
 * `KOMBO_MOCK_API_KEY`, `KINDE_MOCK_TOKEN` (each may list several, comma-separated),
 * `KINDE_MOCK_KEY_CODE_REFS` (the connected apps that exist), and `KINDE_MOCK_CLIENT_ID` /
 * `KINDE_MOCK_CLIENT_SECRET` (the M2M client `POST /oauth2/token` accepts). Unset: any non-empty bearer,
 * any key_code_ref and any non-empty client work.
 */
export function mockSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): MockSettings {
  return {
    kombo: { apiKeys: list(env.KOMBO_MOCK_API_KEY) },
    kinde: {
      tokens: list(env.KINDE_MOCK_TOKEN),
      keyCodeRefs: list(env.KINDE_MOCK_KEY_CODE_REFS),
      clientId: single(env.KINDE_MOCK_CLIENT_ID),
      clientSecret: single(env.KINDE_MOCK_CLIENT_SECRET),
    },
  };
}
