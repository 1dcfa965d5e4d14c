import { setupServer, type SetupServer } from "msw/node";
import type { Har } from "../../record/har.js";
import { createMockHandlers, type MockHandlers, type MockHandlersOptions } from "../msw/index.js";
import { readHarFileSync } from "./proxy-replay-file.js";

/**
 * Both providers' mocks inside a Node test process, through msw's `setupServer`:
 *
 *     const mocks = setupMockServer();
 *     beforeAll(() => mocks.server.listen({ onUnhandledRequest: "error" }));
 *     afterEach(() => { mocks.server.resetHandlers(); mocks.reset(); });
 *     afterAll(() => mocks.server.close());
 */
export interface MockServer extends MockHandlers {
  server: SetupServer;
}

export interface MockServerOptions extends Omit<MockHandlersOptions, "replay"> {
  /** A HAR recording, as an object or a file path (read once, here, at set-up). */
  replay?: Har | string;
}

export function setupMockServer(options: MockServerOptions = {}): MockServer {
  // Set-up time, before any request: a synchronous read keeps setupMockServer synchronous, as msw's setupServer is.
  const replay = typeof options.replay === "string" ? readHarFileSync(options.replay) : options.replay;
  const mocks = createMockHandlers(Object.assign({}, options, { replay }));
  return { ...mocks, server: setupServer(...mocks.handlers) };
}

export * from "../msw/index.js";
