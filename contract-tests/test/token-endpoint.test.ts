import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { withBodyValues } from "../scenarios/request-builder.js";
import { tokenClientScenarios, wrongClientSecret } from "../scenarios/token-client.js";
import { tokenFlowScenarios } from "../scenarios/token-flow.js";
import { checkRegistry, type CheckName } from "../checks/registry.js";
import type { CaseExpectation } from "../model/check.js";
import { providerContracts } from "../model/provider-contract.js";
import { toCurl } from "../reports/curl.js";
import type { ContractRequest, ContractResponse } from "../model/http.js";
import type { ScenarioContext } from "../model/scenario.js";
import { endpointFor } from "../targets/live.js";
import type { ProviderEndpoint } from "../targets/target.js";
import { statusesFor, tokenEndpoints } from "../model/token-endpoint.js";

const kinde = providerContracts().find((provider) => provider.id === "kinde");
if (!kinde) throw new Error("kinde");
const tokenOperation = kinde.index.byOperationId("RequestM2MToken");

const endpoint: ProviderEndpoint = {
  baseUrl: "https://acme.example",
  credential: "management-bearer",
  parameterValues: { key_code_ref: "app" },
  bodyValues: { client_id: "client-1", client_secret: "secret-1" },
};

/** A context that records what a scenario sends and answers nothing. */
function recordingContext(sent: ContractRequest[], overrides: Partial<ProviderEndpoint> = {}): ScenarioContext {
  return {
    provider: kinde,
    endpoint: { ...endpoint, ...overrides },
    seed: 1,
    async check(step: { request: ContractRequest }) {
      sent.push(step.request);
      return { response: undefined, failures: [], warnings: [] };
    },
  } as unknown as ScenarioContext;
}

function form(request: ContractRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request?.body ?? ""));
}

describe("token endpoint cases, derived from the x-token-endpoint mark", () => {
  it("finds Kinde's token endpoint and derives its client authentication cases", () => {
    expect(kinde.tokenEndpoints.map((token) => [token.operation.operationId, token.grantType, token.methods, token.bearerScheme])).toEqual([
      ["RequestM2MToken", "client_credentials", ["client_secret_post", "client_secret_basic"], "kindeBearerAuth"],
    ]);
    expect(tokenClientScenarios(kinde).map((scenario) => scenario.name)).toEqual([
      "RequestM2MToken: client_secret left out (no client authentication)",
      "RequestM2MToken: wrong client_secret (client_secret_post)",
      "RequestM2MToken: wrong client_secret (client_secret_basic)",
      "RequestM2MToken: client authenticated with HTTP Basic (client_secret_basic)",
      'RequestM2MToken: grant_type "contract_tests_unsupported_grant" (the endpoint grants client_credentials)',
    ]);
    expect(tokenFlowScenarios(kinde).map((scenario) => scenario.operations)).toEqual([
      ["RequestM2MToken", "GetConnectedAppAuthUrl", "GetConnectedAppToken", "RevokeConnectedAppToken"],
    ]);
  });

  it("reads the statuses of each RFC 6749 error from the spec's examples", () => {
    expect(statusesFor(tokenOperation, ["invalid_client"])).toEqual([401]);
    expect(statusesFor(tokenOperation, ["unsupported_grant_type"])).toEqual([400]);
    expect(statusesFor(tokenOperation, ["invalid_request", "invalid_client"])).toEqual([400, 401]);
  });

  it("sends the target's client: no secret in the form, a wrong one in the form and with Basic, never the management bearer", async () => {
    const sent: ContractRequest[] = [];
    for (const scenario of tokenClientScenarios(kinde)) await scenario.run(recordingContext(sent));
    const [missing, wrongPost, wrongBasic, basic, grant] = sent;
    expect(form(missing)).toEqual({ grant_type: "client_credentials", client_id: "client-1", audience: "https://acme.kinde.com/api" });
    expect(form(wrongPost)).toMatchObject({ client_id: "client-1", client_secret: wrongClientSecret });
    expect(form(wrongBasic)).toEqual({ grant_type: "client_credentials", audience: "https://acme.kinde.com/api" });
    expect(wrongBasic?.headers.authorization).toBe(`Basic ${Buffer.from(`client-1:${wrongClientSecret}`).toString("base64")}`);
    expect(basic?.headers.authorization).toBe(`Basic ${Buffer.from("client-1:secret-1").toString("base64")}`);
    expect(form(grant)).toMatchObject({ grant_type: "contract_tests_unsupported_grant", client_id: "client-1", client_secret: "secret-1" });
    for (const request of [missing, wrongPost, grant]) expect(request?.headers.authorization).toBeUndefined();
  });

  it("skips what needs a valid client when the target does not know one, and still sends the refusals", async () => {
    const sent: ContractRequest[] = [];
    const verdicts = [];
    for (const scenario of [...tokenClientScenarios(kinde), ...tokenFlowScenarios(kinde)]) {
      verdicts.push(await scenario.run(recordingContext(sent, { clientCredentialsMissing: "no client credentials: set X" })));
    }
    expect(verdicts).toEqual([undefined, undefined, undefined, { skipped: "no client credentials: set X" }, { skipped: "no client credentials: set X" }, { skipped: "no client credentials: set X" }]);
    expect(sent).toHaveLength(3);
  });

  it("puts a target's body values only where the example's value still stands", () => {
    const example = { grant_type: "client_credentials", client_id: "example-id", client_secret: "example-secret" };
    expect(withBodyValues({ ...example, client_secret: "wrong" }, example, endpoint)).toEqual({ grant_type: "client_credentials", client_id: "client-1", client_secret: "wrong" });
    expect(withBodyValues({ grant_type: "client_credentials" }, example, endpoint)).toEqual({ grant_type: "client_credentials" });
  });

  it("takes the live client from KINDE_MANAGEMENT_CLIENT_ID/SECRET, the audience from the base URL, and says what is missing", () => {
    const env = { KINDE_BASE_URL: "https://acme.kinde.com/", KINDE_TOKEN: "t", KINDE_KEY_CODE_REF: "app" };
    const strict = { anyCredential: false, stateful: true };
    const withClient = endpointFor("kinde", { ...env, KINDE_MANAGEMENT_CLIENT_ID: "id", KINDE_MANAGEMENT_CLIENT_SECRET: "s" }, strict);
    expect(withClient).toMatchObject({ bodyValues: { client_id: "id", client_secret: "s", audience: "https://acme.kinde.com/api" }, clientCredentialsMissing: undefined });
    const withoutSecret = endpointFor("kinde", { ...env, KINDE_MANAGEMENT_CLIENT_ID: "id" }, strict);
    expect(withoutSecret).toMatchObject({ clientCredentialsMissing: "no client credentials: set KINDE_MANAGEMENT_CLIENT_SECRET" });
    // A target that takes any credential gets a placeholder only for what is not set.
    const anyCredential = endpointFor("kinde", { ...env, KINDE_MANAGEMENT_CLIENT_ID: "id" }, { anyCredential: true, stateful: true });
    expect(anyCredential).toMatchObject({ bodyValues: { client_id: "id", client_secret: "contract-tests-client" }, clientCredentialsMissing: undefined });
  });

  it("names the operation and what is wrong with a broken mark", () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/token": { post: { operationId: "Token", "x-token-endpoint": { "grant-type": "client_credentials", "client-authentication": ["private_key_jwt"], "issues-bearer-for": "none" }, responses: {} } } },
    };
    expect(() => tokenEndpoints(compileSpec(document as unknown as OpenApiDocument))).toThrow(
      "Token (POST /token): x-token-endpoint client-authentication must list some of client_secret_post, client_secret_basic",
    );
  });

  it("masks a client secret in the curl line, in a form and in a form sent as text/plain", () => {
    const request = { method: "POST", url: "https://acme.example/oauth2/token", headers: { "content-type": "text/plain" }, body: "grant_type=client_credentials&client_id=a&client_secret=s3cr%3Dt" };
    expect(toCurl(request)).toContain("--data-raw 'grant_type=client_credentials&client_id=a&client_secret=<redacted>'");
  });

  it("writes the curl line of a body with a malformed percent escape, still masking the secret", () => {
    const form = { method: "POST", url: "https://acme.example/oauth2/token", headers: {}, body: "a%E0%A4%A=1&client_secret=s3cret" };
    expect(toCurl(form)).toContain("--data-raw 'a%E0%A4%A=1&client_secret=<redacted>'");
    const jsonString = { method: "POST", url: "https://acme.example/oauth2/token", headers: {}, body: '"100%"' };
    expect(toCurl(jsonString)).toContain(`--data-raw '"100%"'`);
  });
});

function answer(status: number, body: unknown): ContractResponse {
  return { status, headers: { "content-type": "application/json" }, bodyText: JSON.stringify(body), json: body };
}

function findings(check: CheckName, operationId: string, response: ContractResponse, expectation: CaseExpectation) {
  const operation = kinde?.index.byOperationId(operationId);
  if (!kinde || !operation) throw new Error(operationId);
  return checkRegistry[check].run({ provider: kinde, operation, request: { method: operation.method, url: "http://127.0.0.1/", headers: {} }, response, expectation });
}

describe("token endpoint checks", () => {
  const wrongSecret: CaseExpectation = { refusal: { statuses: [401], errorProperty: "error", errorCodes: ["invalid_client"] } };

  it("takes 401 invalid_client for a wrong secret, in the RFC 6749 error body the operation declares", () => {
    expect(findings("ignored_auth", "RequestM2MToken", answer(401, { error: "invalid_client", error_description: "no" }), wrongSecret)).toEqual([]);
  });

  it("names the status, the error code and the error body when they are not what the spec declares", () => {
    expect(findings("ignored_auth", "RequestM2MToken", answer(200, { access_token: "t", token_type: "bearer", expires_in: 1 }), wrongSecret)[0]).toMatchObject({
      path: "status",
      expected: '401 with error "invalid_client" (the credential is wrong)',
    });
    expect(findings("ignored_auth", "RequestM2MToken", answer(401, { error: "invalid_request" }), wrongSecret)).toEqual([
      { path: "$.error", expected: '"invalid_client"', got: '"invalid_request"' },
    ]);
    const [kindeBody] = findings("ignored_auth", "RequestM2MToken", answer(401, { errors: [{ code: "X", message: "m" }] }), wrongSecret);
    expect(kindeBody?.expected).toContain("#/components/schemas/oauth_error");
  });

  it("fails an issued bearer that is refused, and a valid request with it that gets no 2xx", () => {
    const issued = { issuedCredential: { mustSucceed: true, issuedBy: "POST /oauth2/token" } };
    expect(findings("issued_credential_acceptance", "GetConnectedAppAuthUrl", answer(403, { errors: [] }), issued)[0]?.expected).toBe(
      "no auth failure: the bearer was just issued by POST /oauth2/token",
    );
    expect(findings("issued_credential_acceptance", "GetConnectedAppAuthUrl", answer(404, { errors: [] }), issued)).toHaveLength(1);
    const namesState = { issuedCredential: { mustSucceed: false, issuedBy: "POST /oauth2/token" } };
    expect(findings("issued_credential_acceptance", "GetConnectedAppToken", answer(400, { errors: [] }), namesState)).toEqual([]);
  });
});
