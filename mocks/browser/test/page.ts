/**
 * The page the browser test serves: an "app" that uses the typed clients against the msw worker.
 * Each scenario throws with a reason when the app sees something else than the mock promises.
 */
import { createKindeClient } from "../../../generated/kinde/index.js";
import { createKomboClient } from "../../../generated/kombo/index.js";
import { openMockPage, setupMockWorker } from "../index.js";

const komboConnectMessage = "kombo-connect:success";

function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(problem);
}

function within<T>(milliseconds: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing after ${milliseconds} ms`)), milliseconds)),
  ]);
}

const mocks = setupMockWorker();
const kombo = createKomboClient({ apiKey: "browser-test-key" });
const kinde = createKindeClient({ token: "browser-test-token", baseUrl: "https://acme.kinde.com" });
const createLinkBody = { end_user_email: "grace@example.com", end_user_organization_name: "Hopper & Co", integration_tool: "personio" as const };

const scenarios: Record<string, () => Promise<string>> = {
  async "create-link success"() {
    const { response, data } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    check(response.status === 200, `create-link answered ${response.status}`);
    const link = data?.data.link ?? "";
    check(link.startsWith("https://api.kombo.dev/__mock/connect?token="), `unexpected link ${link}`);
    return `200, link ${link.slice(0, 50)}...`;
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
    check(data?.data.link.includes("/__mock/connect") === true, "the engine did not answer again after resetHandlers()");
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

  async "Kombo Connect page hands its token to the opener"() {
    const { data } = await kombo.POST("/connect/create-link", { body: createLinkBody });
    const link = data?.data.link ?? "";
    const tokenFromPopup = new Promise<string>((resolve) => {
      const listen = (event: MessageEvent): void => {
        const message = event.data as { type?: unknown; token?: unknown };
        if (message?.type !== komboConnectMessage || typeof message.token !== "string") return;
        window.removeEventListener("message", listen);
        resolve(message.token);
      };
      window.addEventListener("message", listen);
    });
    // The test driver clicks "Connect" in the popup, as a user would.
    const popup = await openMockPage(link, "kombo-connect", "width=480,height=640");
    const token = await within(15_000, "postMessage from the Connect page", tokenFromPopup);
    popup.close();
    const integration = await kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token } } });
    check(integration.response.status === 200, `integration-by-token answered ${integration.response.status}`);
    check(integration.data?.data.end_user_organization_name === "Hopper & Co", `organisation ${String(integration.data?.data.end_user_organization_name)}`);
    check(integration.data?.data.tool === "personio", `tool ${String(integration.data?.data.tool)}`);
    return `token via postMessage, integration ${integration.data?.data.id ?? ""}`;
  },
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
