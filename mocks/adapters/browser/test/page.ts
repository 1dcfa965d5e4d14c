/**
 * The page the browser test serves: an "app" that uses the typed clients against the msw worker.
 * Each scenario throws with a reason when the app sees something else than the mock promises.
 */
import { createKindeClient } from "../../../../generated/kinde/index.js";
import { createKomboClient } from "../../../../generated/kombo/index.js";
import { openMockPage, setupMockWorker } from "../index.js";
import { frameLinkScenarios } from "./frame-link-scenarios.js";
import { komboConnectScenarios } from "./kombo-connect-scenarios.js";
import { check, within } from "./page-checks.js";

const mocks = setupMockWorker();
const komboServer = new URLSearchParams(location.search).get("komboServer");
const kombo = createKomboClient({ apiKey: "browser-test-key" });
const kinde = createKindeClient({ token: "browser-test-token", baseUrl: "https://acme.kinde.com" });
const createLinkBody = { end_user_email: "grace@example.com", end_user_organization_name: "Hopper & Co", integration_tool: "personio" as const };

const scenarios: Record<string, () => Promise<string>> = {
  async "create-link success"() {
    const { response, data } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    check(response.status === 200, `create-link answered ${response.status}`);
    const link = data?.data.link ?? "";
    // Under setupMockWorker a link carries its Connect page (a service worker never answers navigations).
    check(link.startsWith("data:text/html;charset=utf-8,"), `unexpected link ${link.slice(0, 80)}`);
    return `200, link ${link.slice(0, 40)}... (${link.length} characters)`;
  },

  async "forced errors (Prefer)"() {
    const limited = await kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "code=429" } });
    check(limited.response.status === 429, `Prefer code=429 answered ${limited.response.status}`);
    check(limited.error?.error.code === "PLATFORM.RATE_LIMIT_EXCEEDED", `code ${String(limited.error?.error.code)}`);
    const invalid = await kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "code=400, example=input_invalid" } });
    check(invalid.error?.error.code === "PLATFORM.INPUT_INVALID", `example input_invalid gave ${String(invalid.error?.error.code)}`);
    const forbidden = await kinde.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "s" } }, headers: { Prefer: "code=403" } });
    check(forbidden.response.status === 403, `Kinde Prefer code=403 answered ${forbidden.response.status}`);
    let reset = "no error";
    try {
      await kombo.POST("/connect/create-link", { body: createLinkBody, headers: { Prefer: "fault=reset" } });
    } catch (error) {
      reset = error instanceof TypeError ? "TypeError" : String(error);
    }
    check(reset === "TypeError", `Prefer fault=reset gave ${reset}, expected a network TypeError`);
    return "429 RATE_LIMIT_EXCEEDED, 400 INPUT_INVALID, Kinde 403, fault=reset -> TypeError";
  },

  async "typed override through the worker"() {
    mocks.worker.use(
      mocks.kombo.post("/connect/create-link", ({ response }) =>
        response(200).json({ status: "success", data: { link: "https://connect.example.com/override" } }),
      ),
    );
    try {
      const { data } = await kombo.POST("/connect/create-link", { body: createLinkBody });
      check(data?.data.link === "https://connect.example.com/override", `override not answered: ${JSON.stringify(data)}`);
    } finally {
      mocks.worker.resetHandlers();
    }
    const { data } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    check(data?.data.link.startsWith("data:text/html") === true, "the engine did not answer again after resetHandlers()");
    return "override answered, engine back after resetHandlers()";
  },

  async "Kinde consent flow"() {
    const callback = `${location.origin}/callback`;
    const auth = await kinde.GET("/api/v1/connected_apps/auth_url", {
      params: { query: { key_code_ref: "google_drive", user_id: "kp_browser", override_callback_url: callback } },
    });
    check(auth.response.status === 200 && auth.data !== undefined, `auth_url answered ${auth.response.status}`);
    const session = { params: { query: { session_id: auth.data?.session_id ?? "" } } };
    const early = await kinde.GET("/api/v1/connected_apps/token", session);
    check(early.response.status === 400, `token before consent answered ${early.response.status}`);
    // The test driver clicks "Allow" in the popup, as a user would.
    const popup = await openMockPage(auth.data?.url ?? "", "kinde-consent");
    await within(10_000, "redirect to the callback", (async () => {
      while (!popup.location.href.startsWith(callback)) await new Promise((resolve) => setTimeout(resolve, 50));
    })());
    const reachedCallback = popup.location.href;
    popup.close();
    const token = await kinde.GET("/api/v1/connected_apps/token", session);
    check(token.response.status === 200 && typeof token.data?.access_token === "string", `token after consent answered ${token.response.status}`);
    const revoked = await kinde.POST("/api/v1/connected_apps/revoke", session);
    check(revoked.response.status === 200, `revoke answered ${revoked.response.status}`);
    const late = await kinde.GET("/api/v1/connected_apps/token", session);
    check(late.response.status === 400, `token after revoke answered ${late.response.status}`);
    return `400 before consent, popup reached ${new URL(reachedCallback).pathname}, 200 token, 200 revoke, 400 after`;
  },

  ...komboConnectScenarios("msw", "https://api.kombo.dev/v1"),
  ...frameLinkScenarios,
  // The runner passes the Kombo base URL of `startMockServers` (what `npm run mock` starts) as ?komboServer=.
  ...(komboServer ? komboConnectScenarios("npm run mock", komboServer) : {}),
};

declare global {
  interface Window {
    browserTest: { ready: Promise<void>; names: string[]; run(name: string): Promise<string> };
  }
}

window.browserTest = {
  ready: mocks.worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, onUnhandledRequest: "bypass", quiet: true }).then(() => undefined),
  names: Object.keys(scenarios),
  async run(name) {
    const scenario = scenarios[name];
    if (!scenario) throw new Error(`no scenario "${name}"`);
    mocks.reset();
    return scenario();
  },
};
