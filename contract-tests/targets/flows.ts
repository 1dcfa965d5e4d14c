import type { FlowHelpers } from "./target.js";

/** The click-through steps over HTTP, as the mocks' pages allow (the same engine serves them everywhere). */
export function httpFlows(fetchFn: typeof fetch): FlowHelpers {
  return {
    async completeConnectLink(link) {
      const response = await fetchFn(link, { headers: { accept: "application/json" }, redirect: "manual" });
      const text = await response.text();
      let token: unknown;
      try {
        token = (JSON.parse(text) as { token?: unknown }).token;
      } catch {
        token = undefined;
      }
      if (response.status !== 200 || typeof token !== "string") {
        throw new Error(`GET <link> with Accept: application/json answered ${response.status} ${text.slice(0, 160)} (expected 200 {"token": "..."})`);
      }
      return token;
    },
    async grantConsent(url) {
      // The page asks Allow or Deny; with Accept: application/json the mocks allow at once.
      const response = await fetchFn(url, { headers: { accept: "application/json" }, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status >= 400) throw new Error(`opening the consent page answered ${response.status}`);
    },
  };
}
