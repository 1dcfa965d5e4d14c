import { describe, expect, it } from "vitest";
import { checkRegistry, type CheckName } from "../checks/registry.js";
import type { CaseExpectation } from "../model/check.js";
import { providerContracts, type ProviderId } from "../model/provider-contract.js";
import type { ContractResponse } from "../model/http.js";

function answer(status: number, body: unknown, contentType = "application/json", extraHeaders: Record<string, string> = {}): ContractResponse {
  const bodyText = body === undefined ? "" : JSON.stringify(body);
  return { status, headers: { "content-type": contentType, ...extraHeaders }, bodyText, json: body };
}

function findings(check: CheckName, providerId: ProviderId, operationId: string, response: ContractResponse, expectation: CaseExpectation = {}) {
  const provider = providerContracts().find((entry) => entry.id === providerId);
  if (!provider) throw new Error(providerId);
  const operation = provider.index.byOperationId(operationId);
  return checkRegistry[check].run({ provider, operation, request: { method: operation.method, url: "http://127.0.0.1/", headers: {} }, response, expectation });
}

const integration = {
  status: "success",
  data: { tool: "personio", id: "personio:1", end_user_origin_id: null, end_user_organization_name: "Acme", end_user_email: null, setup_status: "COMPLETED" },
};

describe("what the specs allow is never flagged", () => {
  it("accepts additive fields, extra headers and null where nullable", () => {
    const response = answer(200, { ...integration, data: { ...integration.data, added_later: 1 }, trace: "x" }, "application/json", { "x-extra": "1" });
    for (const check of ["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance"] as const) {
      expect(findings(check, "kombo", "GetConnectIntegrationByTokenToken", response)).toEqual([]);
    }
  });

  it("accepts any declared media type, with or without parameters", () => {
    const token = { access_token: "t", access_token_expiry: "2026-11-22T15:04:05.000Z" };
    for (const contentType of ["application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8"]) {
      expect(findings("content_type_conformance", "kinde", "GetConnectedAppToken", answer(200, token, contentType))).toEqual([]);
      expect(findings("response_schema_conformance", "kinde", "GetConnectedAppToken", answer(200, token, contentType))).toEqual([]);
    }
  });

  it("accepts a status only `default` covers, and a declared status without a body", () => {
    expect(findings("status_code_conformance", "kombo", "PostConnectCreateLink", answer(418, undefined))).toEqual([]);
    expect(findings("content_type_conformance", "kinde", "RevokeConnectedAppToken", answer(405, undefined, ""))).toEqual([]);
  });
});

describe("each check names what broke", () => {
  it("response_schema_conformance gives the JSON path, the rule and the value", () => {
    const broken = { ...integration, data: { ...integration.data, setup_status: "DONE" } };
    expect(findings("response_schema_conformance", "kombo", "GetConnectIntegrationByTokenToken", answer(200, broken))).toEqual([
      { path: "$.data.setup_status", expected: 'must be one of "INCOMPLETE", "FINAL_SYNC_PENDING", "COMPLETED"', got: '"DONE"' },
    ]);
  });

  it("status_code_conformance flags a status the operation does not declare", () => {
    expect(findings("status_code_conformance", "kinde", "GetConnectedAppToken", answer(404, { errors: [] }))[0]?.got).toBe("404");
  });

  it("negative_data_rejection flags a 2xx, a 5xx and an error body in another provider's format", () => {
    const expectation = { violation: "body $.end_user_email: not a valid email" };
    expect(findings("negative_data_rejection", "kombo", "PostConnectCreateLink", answer(200, {}), expectation)).toHaveLength(1);
    expect(findings("negative_data_rejection", "kombo", "PostConnectCreateLink", answer(500, {}), expectation)).toHaveLength(1);
    const kindeBody = answer(400, { errors: [{ code: "INVALID_REQUEST", message: "m" }] });
    expect(findings("negative_data_rejection", "kombo", "PostConnectCreateLink", kindeBody, expectation).map((finding) => finding.path)).toContain("$.status");
  });

  it("missing_auth wants the provider's own auth status: 401 for Kombo, 403 for Kinde", () => {
    const kombo401 = answer(401, { status: "error", error: { code: "PLATFORM.AUTHENTICATION_INVALID", title: null, message: "m", log_url: null } });
    expect(findings("missing_auth", "kombo", "PostConnectCreateLink", kombo401)).toEqual([]);
    expect(findings("missing_auth", "kinde", "GetConnectedAppToken", answer(401, { errors: [{ code: "X", message: "m" }] }))[0]?.expected).toMatch(/^403/);
    expect(findings("missing_auth", "kinde", "GetConnectedAppAuthUrl", answer(403, undefined, ""))).toEqual([]);
  });

  it("use_after_revoke wants the invalid-session status", () => {
    const ok = answer(200, { access_token: "t", access_token_expiry: "2026-11-22T15:04:05.000Z" });
    expect(findings("use_after_revoke", "kinde", "GetConnectedAppToken", ok, { ruleStatus: 400 })[0]?.expected).toMatch(/^400/);
  });
});

describe("undeclared input: rejected or accepted, never a failure for accepting", () => {
  const expectation = { violation: "body: sent as text/plain, a media type the spec does not declare (application/json is)" };
  const link = { status: "success", data: { link: "https://connect.kombo.dev/v1?token=t" } };

  it("reports an accepted text/plain body as lenient, with why it is allowed", () => {
    const [finding, ...rest] = findings("undeclared_input_handling", "kombo", "PostConnectCreateLink", answer(200, link), expectation);
    expect(rest).toEqual([]);
    expect(finding?.lenient).toMatch(/does not forbid/);
    expect(finding?.got).toMatch(/^200 /);
  });

  it("passes a rejection in the provider's error format, and fails one in another format", () => {
    const komboError = { status: "error", error: { code: "PLATFORM.INPUT_INVALID", title: null, message: "m", log_url: null } };
    expect(findings("undeclared_input_handling", "kombo", "PostConnectCreateLink", answer(400, komboError), expectation)).toEqual([]);
    const foreign = findings("undeclared_input_handling", "kombo", "PostConnectCreateLink", answer(400, { message: "bad" }), expectation);
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.every((finding) => finding.lenient === undefined)).toBe(true);
  });

  it("fails a 5xx: a crash on input is never lenient", () => {
    const crash = findings("undeclared_input_handling", "kombo", "PostConnectCreateLink", answer(502, { message: "boom" }), expectation);
    expect(crash.map((finding) => [finding.path, finding.lenient])).toEqual([["status", undefined]]);
  });
});
