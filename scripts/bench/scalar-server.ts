/**
 * Scalar's mock server for `npm run bench`, run only when @scalar/mock-server and @hono/node-server are
 * installed (the project does not depend on them). Args: <spec.json> <port> <host>.
 */
import { readFileSync } from "node:fs";

interface ScalarApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

const [specFile = "", port = "0", host = "127.0.0.1"] = process.argv.slice(2);
// Module names in variables: neither TypeScript nor the bundler looks for packages that may be absent.
const mockServerPackage = "@scalar/mock-server";
const nodeServerPackage = "@hono/node-server";
const { createMockServer } = (await import(mockServerPackage)) as { createMockServer(options: { specification: unknown }): Promise<ScalarApp> };
const { serve } = (await import(nodeServerPackage)) as { serve(options: { fetch: ScalarApp["fetch"]; port: number; hostname: string }): unknown };
const app = await createMockServer({ specification: JSON.parse(readFileSync(specFile, "utf8")) as unknown });
serve({ fetch: app.fetch, port: Number(port), hostname: host });

process.once("SIGTERM", () => process.exit(0));
