/**
 * How a mock page reaches its mock when it lives in a `data:` URL (msw in the browser: a service worker
 * never answers navigations, so `setupMockWorker` hands out Connect links that carry the page itself).
 * Such a frame has an opaque origin and no service worker, so its `fetch` would go to the network. The
 * page instead asks its parent window (the app, where msw runs) to make the request: it posts a
 * `FrameFetchRequest` with a `MessagePort`, and the app answers a `FrameFetchAnswer` on that port
 * (`mocks/adapters/browser/frame-fetch-bridge.ts`). Served pages (`npm run mock`) use plain `fetch`.
 */

export const frameFetchMessageType = "connect-contracts:frame-fetch";

/** The bridge only carries requests to the mock's own pages. */
export const frameFetchPathPrefix = "/__mock/";

export interface FrameFetchRequest {
  type: typeof frameFetchMessageType;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FrameFetchAnswer {
  status: number;
  body: string;
}

/** How long a framed page waits for the app window before it says the bridge is missing. */
const frameFetchTimeoutMs = 10_000;

export function isFrameFetchRequest(value: unknown): value is FrameFetchRequest {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<FrameFetchRequest>;
  return (
    candidate.type === frameFetchMessageType &&
    typeof candidate.url === "string" &&
    typeof candidate.method === "string" &&
    typeof candidate.headers === "object" &&
    candidate.headers !== null &&
    (candidate.body === undefined || typeof candidate.body === "string")
  );
}

/**
 * Browser JavaScript (text for a page's inline script) defining `mockFetch(url, init)`: `fetch` on a
 * served page, the parent-window bridge in a `data:` frame. Answers `{ ok, status, json() }`.
 */
export const mockFetchScript = `
function mockFetch(url, init) {
  if (location.protocol !== "data:") return fetch(url, init);
  return new Promise(function (resolve, reject) {
    if (window.parent === window) {
      reject(new Error("this page needs the app window that made the link (setupMockWorker) as its parent frame"));
      return;
    }
    const channel = new MessageChannel();
    const timer = setTimeout(function () {
      reject(new Error("the app window did not answer within ${frameFetchTimeoutMs / 1000} s: is setupMockWorker() running there?"));
    }, ${frameFetchTimeoutMs});
    channel.port1.onmessage = function (event) {
      clearTimeout(timer);
      const answer = event.data;
      resolve({ ok: answer.status >= 200 && answer.status < 300, status: answer.status, json: function () { return Promise.resolve(JSON.parse(answer.body)); } });
    };
    window.parent.postMessage(
      { type: ${JSON.stringify(frameFetchMessageType)}, url: url, method: init.method || "GET", headers: init.headers || {}, body: init.body },
      "*",
      [channel.port2],
    );
  });
}`;
