import { providerIds, type ProviderId } from "../../providers/registry.js";
import { createEngine, type EngineOptions, type MockEngine } from "../engine/engine.js";
import type { ProviderDefinition } from "../engine/definition.js";
import { kindeProvider, type KindeMockSettings } from "./kinde.js";
import { komboProvider, type KomboMockSettings } from "./kombo.js";

export { kindeM2MTokenLifetimeSeconds, kindeProvider, type KindeMockSettings, type KindeState } from "./kinde.js";
export { komboProvider, type KomboState } from "./kombo.js";

export interface MockSettings {
  kombo?: KomboMockSettings;
  kinde?: KindeMockSettings;
}

export type MockEngines = Record<ProviderId, MockEngine> & {
  /** Resets every engine's state. */
  reset(): void;
};

/** Each provider's behaviour table, by registry id. */
const behaviours: { [Id in ProviderId]: (settings: MockSettings) => ProviderDefinition<unknown> } = {
  kombo: (settings) => komboProvider(settings.kombo) as ProviderDefinition<unknown>,
  kinde: (settings) => kindeProvider(settings.kinde) as ProviderDefinition<unknown>,
};

/** One engine for a provider by id. */
export function createProviderEngine(id: ProviderId, settings: MockSettings = {}, options: EngineOptions = {}): MockEngine {
  return createEngine(behaviours[id](settings), options);
}

/** Every provider's engine, sharing options (e.g. one clock). */
export function createMockEngines(settings: MockSettings = {}, options: EngineOptions = {}): MockEngines {
  const engines = Object.fromEntries(providerIds.map((id) => [id, createProviderEngine(id, settings, options)])) as Record<ProviderId, MockEngine>;
  return Object.assign(engines, {
    reset() {
      for (const id of providerIds) engines[id].reset();
    },
  });
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
 * `KINDE_MOCK_CLIENT_SECRET` (the M2M client `POST /oauth2/token` accepts), `KINDE_MOCK_M2M_SCOPES` (the
 * scopes its tokens may carry, comma- or space-separated). Unset: any non-empty bearer, any key_code_ref,
 * any non-empty client and every scope work.
 */
export function mockSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): MockSettings {
  return {
    kombo: { apiKeys: list(env.KOMBO_MOCK_API_KEY) },
    kinde: {
      tokens: list(env.KINDE_MOCK_TOKEN),
      keyCodeRefs: list(env.KINDE_MOCK_KEY_CODE_REFS),
      clientId: single(env.KINDE_MOCK_CLIENT_ID),
      clientSecret: single(env.KINDE_MOCK_CLIENT_SECRET),
      m2mScopes: list(env.KINDE_MOCK_M2M_SCOPES).flatMap((entry) => entry.split(/\s+/)),
    },
  };
}
