/**
 * Opens one of the mock's served pages (Kinde's consent page from an auth_url `url`) in a popup, answered
 * by the msw worker. Kombo's Connect links need none of this: under `setupMockWorker` they are `data:`
 * URLs that `showKomboConnect(link)` loads as they are.
 *
 * A service worker never answers navigations (msw's worker lets them through to the network), so
 * `window.open(link)` cannot reach a mock that lives in the page. Instead the page is fetched through
 * the worker and written into a blank popup whose `fetch` goes through this window (hence the worker)
 * and resolves relative URLs against the page's own URL. A redirect (Kinde's consent to your
 * `override_callback_url`) is followed for real in the popup.
 *
 * Call it from a click handler, as the browser only allows popups from user gestures.
 */
export async function openMockPage(url: string, target = "_blank", features?: string): Promise<Window> {
  const popup = window.open("", target, features);
  if (popup === null) throw new Error("openMockPage: the browser blocked the popup; call it from a click handler");
  const response = await fetch(url, { headers: { accept: "text/html" } });
  // Chromium leaves `redirected` false when the redirect came from the worker; the final URL tells.
  if (response.redirected || (response.url !== "" && response.url !== new URL(url).href)) {
    popup.location.href = response.url;
    return popup;
  }
  const html = await response.text();
  const throughOpener: typeof fetch = (input, init) =>
    window.fetch(typeof input === "string" || input instanceof URL ? new URL(String(input), url).href : input, init);
  (popup as Window & { fetch: typeof fetch }).fetch = throughOpener;
  popup.document.open();
  popup.document.write(html);
  popup.document.close();
  return popup;
}
