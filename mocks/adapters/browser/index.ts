import { setupWorker, type SetupWorker } from "msw/browser";
import { createMockHandlers, type MockHandlers, type MockHandlersOptions } from "../msw/index.js";
import { listenForFramedMockPages } from "./frame-fetch-bridge.js";

/**
 * Both providers' mocks inside a browser app, through msw's `setupWorker` (the engine runs in the page).
 * Put the worker file in your public folder once with `npx msw init ./public --save`, then:
 *
 *     const mocks = setupMockWorker();
 *     await mocks.worker.start({ onUnhandledRequest: "bypass" });
 *     const token = await showKomboConnect(link); // from @kombo-api/connect, link from create-link
 *
 * A service worker never answers navigations, so create-link's `link` is a `data:` URL holding the
 * Connect page (Kombo setting `connectLinks: "inline"`), and this window carries that page's
 * requests to the worker (`frame-fetch-bridge.ts`).
 */
export interface MockWorker extends MockHandlers {
  worker: SetupWorker;
  /** Stops carrying the requests of mock pages in `data:` frames (e.g. when the app unmounts). */
  stopFrameBridge(): void;
}

export function setupMockWorker(options: MockHandlersOptions = {}): MockWorker {
  const settings = { ...options.settings, kombo: { connectLinks: "inline" as const, ...options.settings?.kombo } };
  const mocks = createMockHandlers({ ...options, settings });
  const stopFrameBridge = listenForFramedMockPages();
  return { ...mocks, worker: setupWorker(...mocks.handlers), stopFrameBridge };
}

export { openMockPage } from "./open-page.js";
export * from "../msw/index.js";
