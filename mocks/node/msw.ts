import { setupServer, type SetupServer } from "msw/node";
import { createMockHandlers, type MockHandlers, type MockHandlersOptions } from "../msw/index.js";

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

export function setupMockServer(options: MockHandlersOptions = {}): MockServer {
  const mocks = createMockHandlers(options);
  return { ...mocks, server: setupServer(...mocks.handlers) };
}

export * from "../msw/index.js";
