/**
 * The project a user would write after `npm install connect-contracts`: plain Node ESM, TypeScript with
 * `moduleResolution: NodeNext`. The package check writes these files into an empty temp directory.
 */
export const consumerPackageJson = { name: "connect-contracts-consumer", private: true, type: "module" };

export const consumerTsconfig = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    // Check the package's own .d.ts files too, not only this consumer.
    skipLibCheck: false,
    types: [],
    rootDir: "src",
    outDir: "dist",
  },
  include: ["src"],
};

/** The same consumer, type-checked only, as a bundler-based app (Vite, esbuild, webpack) would resolve it. */
export const consumerBundlerTsconfig = {
  extends: "./tsconfig.json",
  compilerOptions: { module: "ESNext", moduleResolution: "Bundler", noEmit: true },
};

/** Creates a Kombo link and reads a Kinde token from the base URLs given as arguments; prints what it got as JSON. */
export const consumerSource = `import { createKomboClient, ClientOptionError, komboServers, type CreateLinkRequest } from "connect-contracts/kombo";
import { createKindeClient, type ConnectedAppsAccessToken } from "connect-contracts/kinde";

declare const process: { argv: string[]; exitCode?: number };
const [komboBaseUrl, kindeBaseUrl] = process.argv.slice(2);

const kombo = createKomboClient({ apiKey: "consumer-kombo-key", baseUrl: komboBaseUrl });
const kinde = createKindeClient({ token: "consumer-kinde-token", baseUrl: kindeBaseUrl ?? "" });

const body: CreateLinkRequest = { end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" };
const created = await kombo.POST("/connect/create-link", { body });
const link: string | undefined = created.data?.data.link;
const komboErrorCode: string | null | undefined = created.error?.error.code;

const token = await kinde.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "sess_consumer" } } });
const accessToken: ConnectedAppsAccessToken | undefined = token.data;

// The types are real: a misspelled query parameter does not compile.
// @ts-expect-error session_idd is not a parameter of this operation
const wrong = () => kinde.GET("/api/v1/connected_apps/token", { params: { query: { session_idd: "s" } } });

let optionError = "";
try {
  createKomboClient({ apiKey: "" });
} catch (error) {
  if (error instanceof ClientOptionError) optionError = error.message;
}

console.log(JSON.stringify({ link, komboErrorCode, accessToken, optionError, euServer: komboServers.eu, wrongIsFunction: typeof wrong === "function" }));
`;

/** An app with msw beside the package: its own `npm test` is what the CI recipe of docs/mock.md runs. */
export const appPackageJson = { name: "connect-contracts-app", private: true, type: "module", scripts: { test: "node app-test.mjs" } };

/**
 * The app's client made at module level, before `setupMockServer().listen()` patches fetch (the ESM imports
 * run first, then the client, then listen): msw must still answer it. Prints what it got as JSON.
 */
export const moduleLevelClientSource = `import { createKomboClient } from "connect-contracts/kombo";
import { setupMockServer } from "connect-contracts/mocks/node";

const kombo = createKomboClient({ apiKey: "app-key" });

const mocks = setupMockServer();
mocks.server.listen({ onUnhandledRequest: "error" });
const { response, data } = await kombo.POST("/connect/create-link", {
  body: { end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" },
});
const [entry] = mocks.requests();
console.log(JSON.stringify({
  status: response.status,
  link: data?.data.link ?? null,
  journal: mocks.requests().map((request) => request.provider + " " + request.operationId + " " + request.status),
  body: entry?.body ?? null,
  authorization: entry?.headers.authorization ?? null,
  answered200: mocks.coverage()[0]?.operations.PostConnectCreateLink?.statuses["200"] ?? null,
}));
mocks.server.close();
`;

/** The app's tests against the HTTP mock (ports from KOMBO_MOCK_PORT and KINDE_MOCK_PORT, as the mock reads them). */
export const appTestSource = `import { createKomboClient } from "connect-contracts/kombo";

const origin = "http://127.0.0.1:" + (process.env.KOMBO_MOCK_PORT || "4010");
const kombo = createKomboClient({ apiKey: "app-key", baseUrl: origin + "/v1" });
const { response } = await kombo.POST("/connect/create-link", {
  body: { end_user_email: "ci@acme.example", end_user_organization_name: "Acme GmbH" },
});
const journal = await (await fetch(origin + "/__mock/requests?operationId=PostConnectCreateLink")).json();
const sent = journal.requests.at(-1)?.body?.end_user_email;
if (response.status !== 200 || sent !== "ci@acme.example") {
  console.error("app test failed: status " + response.status + ", journal body email " + sent);
  process.exit(1);
}
console.log("app test passed");
`;
