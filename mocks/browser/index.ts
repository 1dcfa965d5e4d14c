import { setupWorker, type SetupWorker } from "msw/browser";
import { createMockHandlers, type MockHandlers, type MockHandlersOptions } from "../msw/index.js";

/**
 * Both providers' mocks inside a browser app, through msw's `setupWorker` (the engine runs in the page).
 * Put the worker file in your public folder once with `npx msw init ./public --save`, then:
 *
 *     const mocks = setupMockWorker();
 *     await mocks.worker.start({ onUnhandledRequest: "bypass" });
 */
export interface MockWorker extends MockHandlers {
  worker: SetupWorker;
}

export function setupMockWorker(options: MockHandlersOptions = {}): MockWorker {
  const mocks = createMockHandlers(options);
  return { ...mocks, worker: setupWorker(...mocks.handlers) };
}

export { openMockPage } from "./open-page.js";
export * from "../msw/index.js";
