/**
 * `connect-contracts/mocks`: the msw handlers over the mock engine, for any runtime. Node tests can take
 * `setupMockServer` from `connect-contracts/mocks/node`, browser apps `setupMockWorker` from
 * `connect-contracts/mocks/browser`; both are thin wrappers over these handlers.
 */
export * from "./adapters/msw/index.js";
export { createManualClock, type ManualClock } from "./engine/clock.js";
export { mockSettingsFromEnv, type MockSettings } from "./behaviour/index.js";
