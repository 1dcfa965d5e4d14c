import { frameFetchPathPrefix, isFrameFetchRequest, type FrameFetchAnswer } from "../../pages/frame-fetch.js";

/**
 * The app-window side of `mocks/pages/frame-fetch.ts`: a mock page in a `data:` frame (the Connect page
 * behind `showKomboConnect(link)`) asks this window to make its request, and this window's `fetch` goes
 * through the msw worker to the in-page engine. Only frames of this window are heard, and only requests
 * to the mock's own pages (`/__mock/...`) are carried. Returns the function that stops listening.
 */
export function listenForFramedMockPages(): () => void {
  const onMessage = (event: MessageEvent): void => {
    if (!isFrameFetchRequest(event.data) || !isChildFrame(event.source)) return;
    const port = event.ports[0];
    if (port === undefined) return;
    const reply = (answer: FrameFetchAnswer): void => {
      port.postMessage(answer);
      port.close();
    };
    const request = event.data;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      reply(refusal(400, `"${request.url.slice(0, 80)}" is not an absolute URL`));
      return;
    }
    if (!url.pathname.startsWith(frameFetchPathPrefix)) {
      reply(refusal(403, `the frame bridge only carries requests to the mock's pages (${frameFetchPathPrefix}...), not ${url.pathname}`));
      return;
    }
    fetch(url, { method: request.method, headers: request.headers, body: request.body }).then(
      async (response) => reply({ status: response.status, body: await response.text() }),
      (error: unknown) => reply(refusal(502, `the app window could not reach the mock: ${error instanceof Error ? error.message : String(error)}`)),
    );
  };
  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}

function isChildFrame(source: MessageEventSource | null): boolean {
  for (let index = 0; index < window.frames.length; index++) if (window.frames[index] === source) return true;
  return false;
}

/** A JSON body the Connect page's error display reads (`error.message`). */
function refusal(status: number, message: string): FrameFetchAnswer {
  return { status, body: JSON.stringify({ error: { message: `frame bridge: ${message}` } }) };
}
