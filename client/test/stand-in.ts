import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { SpecIndex } from "../../openapi/spec-index.js";

/** One request as the stand-in received it. */
interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/connect/create-link`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface StandInReply {
  status: number;
  /** Sent as JSON; no body when undefined. */
  body?: unknown;
}

export interface StandIn {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  /** What the next requests get; change it between calls. */
  reply: (request: RecordedRequest) => StandInReply;
  close(): Promise<void>;
}

/** A tiny provider stand-in on a free port of 127.0.0.1 that records every request and answers `reply`. */
export async function startStandIn(): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const standIn: StandIn = {
    url: "",
    requests,
    reply: () => ({ status: 500, body: { message: "no reply set" } }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request: RecordedRequest = {
        method: incoming.method ?? "",
        url: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const { status, body } = standIn.reply(request);
      if (body === undefined) {
        outgoing.writeHead(status).end();
        return;
      }
      outgoing.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

/** The first (or the named) `application/json` example the spec gives for `status` of an operation. */
export function specExample(index: SpecIndex, operationId: string, status: string, name?: string): unknown {
  const response = index.byOperationId(operationId).responses.get(status);
  const examples = response?.content.get("application/json")?.examples;
  if (!examples || examples.size === 0) throw new Error(`${operationId} ${status}: the spec has no application/json example`);
  if (name === undefined) return examples.values().next().value;
  if (!examples.has(name)) throw new Error(`${operationId} ${status}: no example named "${name}"`);
  return examples.get(name);
}
