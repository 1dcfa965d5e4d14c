// Types only: nothing of vitest is loaded at run time, and the augmentation below needs the module in view.
import type {} from "vitest";
import type { MockMatchers } from "./matchers.js";

/**
 * `connect-contracts/mocks/vitest`: matchers over the request journal and the consumer coverage files, for
 * tests of your app (Node). See docs/msw.md.
 */
export { mockMatchers, type MockMatchers } from "./matchers.js";
export { assertReceived, receivedRequests, type HasJournal, type OperationId, type ReceivedMatch } from "./received.js";
export { readMockJournal } from "./http-journal.js";
export { consumerCoverageGlobalSetup, saveCoverage, writeConsumerCoverage, type CoverageFileOptions, type GlobalSetupOptions } from "./coverage-files.js";

declare module "vitest" {
  // Declaration merging must repeat vitest's own parameter list, its `any` default included.
  interface Matchers<T = any> extends MockMatchers<T> {}
}
