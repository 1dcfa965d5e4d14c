/**
 * `connect-contracts/mocks`: the msw handlers over the mock engine, for any runtime. Node tests can take
 * `setupMockServer` from `connect-contracts/mocks/node`, browser apps `setupMockWorker` from
 * `connect-contracts/mocks/browser`; both are thin wrappers over these handlers.
 */
export * from "./msw/index.js";
export { createManualClock, type ManualClock } from "./core/clock.js";
export { mockSettingsFromEnv, type MockSettings } from "./providers/index.js";
