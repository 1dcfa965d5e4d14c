import { describe, expect, it } from "vitest";
import { negativeScenarios } from "../cases/negative.js";
import { echoedFields } from "../cases/resource-echo.js";
import { providerContracts } from "../providers.js";

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

  it("leaves out required query parameters one at a time and tries unknown sessions", () => {
    const names = negativeScenarios(kinde as NonNullable<typeof kinde>).map((scenario) => scenario.name);
    expect(names).toEqual([
      "GetConnectedAppAuthUrl: required query parameter key_code_ref left out",
      "GetConnectedAppToken: required query parameter session_id left out",
      "GetConnectedAppToken: query parameter session_id: unknown session_id",
      "RevokeConnectedAppToken: required query parameter session_id left out",
      "RevokeConnectedAppToken: query parameter session_id: unknown session_id",
    ]);
  });
});
