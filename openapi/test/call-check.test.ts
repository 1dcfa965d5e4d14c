import { describe, expect, it } from "vitest";
import { checkCall, describeCallViolation } from "../call-check.js";
import { createMockEngines } from "../../mocks/behaviour/index.js";

const { kombo, kinde } = createMockEngines();
const createLink = { method: "POST", url: "http://127.0.0.1:4010/v1/connect/create-link", headers: { "content-type": "application/json", authorization: "Bearer k" }, body: JSON.stringify({ end_user_email: "a@b.example", end_user_organization_name: "A" }) };
const ok = (body: unknown, contentType = "application/json") => ({ status: 200, headers: { "content-type": contentType }, body: JSON.stringify(body) });

describe("checkCall", () => {
  it("finds nothing wrong with a call the spec describes", () => {
    const checked = checkCall(kombo.spec, createLink, ok({ status: "success", data: { link: "https://connect.kombo.dev/v1?token=t" } }));
    expect(checked).toMatchObject({ violations: [], logPath: "/v1/connect/create-link" });
    expect(checked.operation?.operationId).toBe("PostConnectCreateLink");
  });

  it("names operation, side, JSON path, expected and got", () => {
    const checked = checkCall(kombo.spec, { ...createLink, body: "{}" }, ok({ status: "success", data: { link: 7 } }));
    expect(checked.violations.map(describeCallViolation)).toEqual([
      "PostConnectCreateLink request: body.end_user_email is required (got nothing)",
      "PostConnectCreateLink request: body.end_user_organization_name is required (got nothing)",
      "PostConnectCreateLink response: 200 $.data.link must be string (got 7)",
    ]);
  });

  it("flags a request without the credential the operation requires", () => {
    const { authorization: _, ...unauthenticated } = createLink.headers;
    expect(checkCall(kombo.spec, { ...createLink, headers: unauthenticated }, ok({ status: "success", data: { link: "https://x.example" } })).violations.map(describeCallViolation)).toEqual([
      "PostConnectCreateLink request: header.authorization is required by the operation's security (ApiKey) (got nothing)",
    ]);
  });

  it("checks the media type and status the spec declares, and still validates a JSON body sent under another media type", () => {
    expect(checkCall(kombo.spec, createLink, { ...ok({}), headers: { "content-type": "text/html" } }).violations.map(describeCallViolation)).toEqual([
      'PostConnectCreateLink response: 200 header content-type must be application/json (got "text/html")',
      "PostConnectCreateLink response: 200 $.status is required (got nothing)",
      "PostConnectCreateLink response: 200 $.data is required (got nothing)",
    ]);
    expect(checkCall(kombo.spec, createLink, { status: 200, headers: { "content-type": "application/json" }, body: "<html>" }).violations.map(describeCallViolation)).toEqual([
      "PostConnectCreateLink response: 200 $ must be a JSON body for 200 (application/json) (got not JSON: <html>)",
    ]);
    const tokenUrl = "http://127.0.0.1:4011/api/v1/connected_apps/token?session_id=s";
    const charset = checkCall(kinde.spec, { method: "GET", url: tokenUrl, headers: { authorization: "Bearer m2m" } }, ok({ access_token: "t", access_token_expiry: "2026-11-30T10:00:00Z" }, "application/json; charset=utf-8"));
    expect(charset.violations).toEqual([]);
    expect(checkCall(kinde.spec, { method: "GET", url: tokenUrl, headers: { authorization: "Bearer m2m" } }, { status: 418, headers: {}, body: undefined }).violations.map(describeCallViolation)).toEqual([
      "GetConnectedAppToken response: 418 status must be one of the declared statuses 200, 400, 403, 429 (got 418)",
    ]);
  });

  it("counts a request outside the spec as one violation and never quotes a credential", () => {
    expect(checkCall(kombo.spec, { ...createLink, url: "http://127.0.0.1:4010/v1/nothing" }, ok({})).violations).toEqual([
      { operationId: null, where: "request", path: "POST /v1/nothing", expected: "is not an operation of the Kombo Connect spec" },
    ]);
    const tokenUrl = "http://127.0.0.1:4011/api/v1/connected_apps/token?session_id=s";
    const leaked = checkCall(kinde.spec, { method: "GET", url: tokenUrl, headers: { authorization: "Bearer m2m" } }, ok({ access_token: { raw: "secret-value-9" }, access_token_expiry: "2026-11-30T10:00:00Z" }));
    expect(leaked.violations.map(describeCallViolation)).toEqual(['GetConnectedAppToken response: 200 $.access_token must be string (got {"raw":"[REDACTED]"})']);
    expect(JSON.stringify(leaked.violations)).not.toContain("secret-value-9");
  });
});
