/**
 * Why `setupMockWorker` makes Kombo Connect links `data:` URLs, shown in the browser itself, and the
 * limits of the frame bridge that carries the Connect click of such a page to the worker.
 */
import { frameFetchMessageType, type FrameFetchAnswer, type FrameFetchRequest } from "../../../pages/frame-fetch.js";
import { check, within } from "./page-checks.js";

/** The same iframe `showKomboConnect` builds (its sandbox), loaded and then handed back. */
async function loadFrame(src: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-scripts allow-downloads allow-same-origin allow-top-navigation allow-forms allow-popups allow-pointer-lock allow-popups-to-escape-sandbox");
  const loaded = new Promise<void>((resolve) => frame.addEventListener("load", () => resolve(), { once: true }));
  frame.src = src;
  document.body.append(frame);
  await within(10_000, `loading ${src.slice(0, 40)}`, loaded);
  return frame;
}

/** A page that reports whether its own `fetch` reaches the worker (the Kombo mock answers 404 for an unknown token). */
const probePage = `<!doctype html><p id="probe">probe page</p><script>
fetch("https://api.kombo.dev/v1/connect/integration-by-token/probe", { headers: { authorization: "Bearer probe" } }).then(
  (response) => parent.postMessage({ probe: "status " + response.status }, "*"),
  (error) => parent.postMessage({ probe: "network error: " + error.message }, "*"),
);
</script>`;

function nextProbeReport(): Promise<string> {
  return new Promise((resolve) => {
    const listen = (event: MessageEvent): void => {
      const report = (event.data as { probe?: unknown } | null)?.probe;
      if (typeof report !== "string") return;
      window.removeEventListener("message", listen);
      resolve(report);
    };
    window.addEventListener("message", listen);
  });
}

/** Sends a bridge request from a `data:` frame, as the Connect page does, and hands back the answer. */
async function bridgeFetch(request: Omit<FrameFetchRequest, "type">): Promise<FrameFetchAnswer> {
  const message = { type: frameFetchMessageType, ...request };
  const page = `<!doctype html><script>
const channel = new MessageChannel();
channel.port1.onmessage = (event) => parent.postMessage({ probe: JSON.stringify(event.data) }, "*");
parent.postMessage(${JSON.stringify(message).replace(/</g, "\\u003c")}, "*", [channel.port2]);
</script>`;
  const report = nextProbeReport();
  const frame = await loadFrame(`data:text/html;charset=utf-8,${encodeURIComponent(page)}`);
  try {
    return JSON.parse(await within(10_000, "frame bridge answer", report)) as FrameFetchAnswer;
  } finally {
    frame.remove();
  }
}

export const frameLinkScenarios: Record<string, () => Promise<string>> = {
  async "why worker links are data: URLs, not blob: URLs"() {
    const blobUrl = URL.createObjectURL(new Blob([probePage], { type: "text/html" }));
    try {
      // showKomboConnect adds ?sdkv=<version> to the link: a blob: URL with a query names no blob.
      const withQuery = new URL(blobUrl);
      withQuery.searchParams.set("sdkv", "1.3.0");
      const queried = await loadFrame(withQuery.href);
      const queriedShows = queried.contentDocument?.getElementById("probe") ?? null;
      queried.remove();
      check(queriedShows === null, "a blob: URL with ?sdkv= loaded its page: blob links would survive showKomboConnect");
      // Without the query the page loads, but its fetch bypasses the worker (no network here: an error).
      const report = nextProbeReport();
      const plain = await loadFrame(blobUrl);
      const blobFetch = await within(10_000, "the blob: frame's fetch", report);
      plain.remove();
      check(blobFetch.startsWith("network error"), `a blob: frame's fetch reached the mock (${blobFetch})`);
      // A data: URL keeps its page with the query added; its fetch does not reach the worker either,
      // which is why its Connect click goes through the app window (the frame bridge).
      const dataUrl = new URL(`data:text/html;charset=utf-8,${encodeURIComponent(`${probePage}<!--`)}`);
      dataUrl.searchParams.set("sdkv", "1.3.0");
      const dataReport = nextProbeReport();
      const dataFrame = await loadFrame(dataUrl.href);
      const dataFetch = await within(10_000, "the data: frame's fetch", dataReport);
      dataFrame.remove();
      check(dataFetch.startsWith("network error"), `a data: frame's fetch reached the mock (${dataFetch}): the bridge would not be needed`);
      return `blob: with ?sdkv= does not load; blob: and data: frames' fetch: ${blobFetch}; data: with ?sdkv= loads`;
    } finally {
      URL.revokeObjectURL(blobUrl);
    }
  },

  async "frame bridge carries only the mock's pages"() {
    const refused = await bridgeFetch({ url: "https://api.kombo.dev/v1/connect/create-link", method: "POST", headers: { authorization: "Bearer k" }, body: "{}" });
    check(refused.status === 403 && refused.body.includes("/__mock/"), `a request to the API through the bridge answered ${refused.status} ${refused.body}`);
    const unknownLink = await bridgeFetch({ url: "https://api.kombo.dev/__mock/connect?token=nope", method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: "{}" });
    check(unknownLink.status === 404 && unknownLink.body.includes("PLATFORM.INTEGRATION_NOT_FOUND"), `an unknown link through the bridge answered ${unknownLink.status} ${unknownLink.body}`);
    return "API route refused (403), unknown link answered by the mock (404 INTEGRATION_NOT_FOUND)";
  },
};
