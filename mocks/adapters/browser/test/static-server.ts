import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `directory` on 127.0.0.1 (a free port). `/callback` answers a small page, for redirect flows. */
export async function serveDirectory(directory: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    if (path === "/callback") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>callback</title><p>callback reached</p>");
      return;
    }
    const relative = normalize(path === "/" ? "/index.html" : path).replace(/^(\.\.[/\\])+/, "");
    readFile(join(directory, relative)).then(
      (content) => {
        response.writeHead(200, {
          "content-type": contentTypes[extname(relative)] ?? "application/octet-stream",
          "cache-control": "no-store",
        });
        response.end(content);
      },
      () => {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end(`not found: ${path}`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
