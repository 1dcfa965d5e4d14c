import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { negativeScenarios } from "../scenarios/negative.js";
import { undeclaredInputScenarios } from "../scenarios/undeclared-input.js";
import type { ContractRequest } from "../model/http.js";
import type { ScenarioContext } from "../model/scenario.js";
import { echoedFields } from "../scenarios/resource-echo.js";
import { providerContracts } from "../model/provider-contract.js";

const [kombo, kinde] = providerContracts();

describe("cases derived from the spec", () => {
  it("expects integration-by-token to repeat every create-link field both schemas name (tool from integration_tool)", () => {
    if (!kombo || kombo.statefulRule.kind !== "resource-echo") throw new Error("kombo rule");
    const body = { end_user_email: "a@b.example", end_user_organization_name: "Acme", integration_tool: "personio", end_user_origin_id: null };
    expect(echoedFields(kombo, kombo.statefulRule, body)).toEqual({
      "$.data.tool": "personio",
      "$.data.end_user_organization_name": "Acme",
      "$.data.end_user_email": "a@b.example",
    });
  });

  it("does not demand an echo the read schema cannot hold (its email pattern is stricter than the request's format)", () => {
    if (!kombo || kombo.statefulRule.kind !== "resource-echo") throw new Error("kombo rule");
    const body = { end_user_email: "!a.a@a.aa", end_user_organization_name: "Acme" };
    expect(echoedFields(kombo, kombo.statefulRule, body)).toEqual({ "$.data.end_user_organization_name": "Acme" });
  });

  it("breaks one constraint at a time: each required field, type, enum, format and minLength of the create-link body", () => {
    const names = negativeScenarios(kombo as NonNullable<typeof kombo>).map((scenario) => scenario.name);
    for (const expected of [
      "PostConnectCreateLink: body required $.end_user_email left out",
      "PostConnectCreateLink: body required $.end_user_organization_name left out",
      "PostConnectCreateLink: body $.end_user_email: not a valid email",
      "PostConnectCreateLink: body $.end_user_organization_name: shorter than minLength 1",
      "PostConnectCreateLink: body $.integration_category: a value outside the enum",
      "PostConnectCreateLink: body $.enable_filtering: wrong type (integer where boolean is allowed)",
      "PostConnectCreateLink: body: malformed JSON",
      "PostConnectCreateLink: body: required, but none sent",
      "GetConnectIntegrationByTokenToken: path parameter token: unknown token",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it("leaves out required query parameters one at a time, tries unknown sessions, and breaks the token form only as text can", () => {
    const names = negativeScenarios(kinde as NonNullable<typeof kinde>).map((scenario) => scenario.name);
    expect(names).toEqual([
      "RequestM2MToken: body required $.grant_type left out",
      "RequestM2MToken: body: required, but none sent",
      "GetConnectedAppAuthUrl: required query parameter key_code_ref left out",
      "GetConnectedAppToken: required query parameter session_id left out",
      "GetConnectedAppToken: query parameter session_id: unknown session_id",
      "RevokeConnectedAppToken: required query parameter session_id left out",
      "RevokeConnectedAppToken: query parameter session_id: unknown session_id",
    ]);
  });
});

describe("an operation with a form body needs no code of its own", () => {
  const document = {
    openapi: "3.1.0",
    info: { title: "form", version: "1" },
    servers: [{ url: "https://example.com" }],
    paths: {
      "/oauth2/token": {
        post: {
          operationId: "PostToken",
          requestBody: {
            required: true,
            content: {
              "application/x-www-form-urlencoded": {
                schema: {
                  type: "object",
                  required: ["grant_type", "client_id"],
                  properties: { grant_type: { type: "string", enum: ["client_credentials"] }, client_id: { type: "string", minLength: 1 } },
                },
                examples: { credentials: { value: { grant_type: "client_credentials", client_id: "app" } } },
              },
            },
          },
          responses: { "200": { description: "ok" }, "400": { description: "bad" } },
        },
      },
    },
  };
  const provider = { ...(kinde as NonNullable<typeof kinde>), index: compileSpec(document as unknown as OpenApiDocument) };

  it("breaks the form's fields one at a time, sends them form-encoded, and has no malformed-JSON case", async () => {
    const scenarios = negativeScenarios(provider);
    expect(scenarios.map((scenario) => scenario.name)).toEqual([
      "PostToken: body required $.grant_type left out",
      "PostToken: body required $.client_id left out",
      "PostToken: body $.grant_type: a value outside the enum",
      "PostToken: body $.client_id: shorter than minLength 1",
      "PostToken: body: required, but none sent",
    ]);
    const sent: ContractRequest[] = [];
    const context = {
      endpoint: { baseUrl: "https://example.com", credential: "c", parameterValues: {}, bodyValues: {} },
      seed: 1,
      async check(step: { request: ContractRequest }) {
        sent.push(step.request);
        return { response: undefined, failures: [], warnings: [] };
      },
    } as unknown as ScenarioContext;
    await scenarios[2]?.run(context);
    expect(sent[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent[0]?.body).toBe("grant_type=client_credentials_not_in_enum&client_id=app");
    const undeclared = undeclaredInputScenarios(provider).map((scenario) => scenario.name);
    expect(undeclared).toContain("PostToken: body: sent as text/plain, a media type the spec does not declare (application/x-www-form-urlencoded is)");
  });
});
