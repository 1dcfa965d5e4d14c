import { describe, expect, it, vi } from "vitest";
import { createEngine, type ViolationReport } from "../engine/engine.js";
import { maxBodyBytes } from "../engine/messages.js";
import type { ProviderDefinition } from "../engine/definition.js";
import { createMockEngines, kindeProvider, komboProvider, type KomboState } from "../behaviour/index.js";
import { bearer, call, json, jsonHeaders, kindeBase, komboBase, validCreateLink } from "./helpers.js";

const { kombo, kinde } = createMockEngines();
const komboErrorValidate = kombo.spec.byOperationId("PostConnectCreateLink").responses.get("default")!.content.get("application/json")!.validate;
const kindeErrorValidate = kinde.spec.byOperationId("GetConnectedAppToken").responses.get("400")!.content.get("application/json")!.validate;

function expectKomboError(response: { status: number; body?: string | undefined }, status: number, code: string | null): string {
  expect(response.status).toBe(status);
  const body = json(response);
  expect(komboErrorValidate(body)).toEqual([]);
  expect(body.status).toBe("error");
  expect(body.error.code).toBe(code);
  return body.error.message as string;
}

function expectKindeError(response: { status: number; body?: string | undefined }, status: number, code: string): string {
  expect(response.status).toBe(status);
  const body = json(response);
  expect(kindeErrorValidate(body)).toEqual([]);
  expect(body.errors[0].code).toBe(code);
  return body.errors[0].message as string;
}

describe("auth", () => {
  it("Kombo: no credential or a non-bearer one is 401 PLATFORM.AUTHENTICATION_INVALID", () => {
    for (const headers of [{}, { authorization: "" }, { authorization: "Bearer" }, { authorization: "Basic dXNlcjpwYXNz" }, { authorization: "Bearer " }] as Record<string, string>[]) {
      expectKomboError(call(kombo, "POST", `${komboBase}/connect/create-link`, { ...headers, "content-type": "application/json" }, validCreateLink), 401, "PLATFORM.AUTHENTICATION_INVALID");
    }
    expect(call(kombo, "POST", `${komboBase}/connect/create-link`, { ...jsonHeaders, authorization: "bearer anything-goes" }, validCreateLink).status).toBe(200);
  });

  it("Kinde: no credential is 403, with Kinde's body where the spec declares one and none where it does not", () => {
    expectKindeError(call(kinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s`), 403, "INVALID_CREDENTIALS");
    const authUrl = call(kinde, "GET", `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=x`);
    expect(authUrl.status).toBe(403);
    expect(authUrl.body).toBeUndefined();
  });

  it("pinned credentials refuse any other, and pinned key_code_refs answer 404 for unknown apps", () => {
    const pinnedKombo = createEngine(komboProvider({ apiKeys: ["sk_live_1"] }));
    expectKomboError(call(pinnedKombo, "POST", `${komboBase}/connect/create-link`, jsonHeaders, validCreateLink), 401, "PLATFORM.AUTHENTICATION_INVALID");
    expect(call(pinnedKombo, "POST", `${komboBase}/connect/create-link`, { ...jsonHeaders, authorization: "Bearer sk_live_1" }, validCreateLink).status).toBe(200);
    const pinnedKinde = createEngine(kindeProvider({ tokens: ["t1"], keyCodeRefs: ["google_calendar"] }));
    expect(call(pinnedKinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s`, bearer).status).toBe(403);
    const known = call(pinnedKinde, "GET", `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar`, { authorization: "Bearer t1" });
    expect(known.status).toBe(200);
    const unknown = call(pinnedKinde, "GET", `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=slack`, { authorization: "Bearer t1" });
    expect(expectKindeError(unknown, 404, "CONNECTED_APP_NOT_FOUND")).toContain("slack");
  });
});

describe("request validation", () => {
  const createLink = (body: unknown, headers: Record<string, string> = jsonHeaders) => call(kombo, "POST", `${komboBase}/connect/create-link`, headers, body);

  it("names the field and the rule in PLATFORM.INPUT_INVALID", () => {
    expect(expectKomboError(createLink({ ...validCreateLink, end_user_email: "not-an-email" }), 400, "PLATFORM.INPUT_INVALID")).toBe(
      'body.end_user_email must be a valid email (got "not-an-email")',
    );
    expect(expectKomboError(createLink({ end_user_email: "a@b.co" }), 400, "PLATFORM.INPUT_INVALID")).toContain("body.end_user_organization_name is required");
    expect(expectKomboError(createLink({ ...validCreateLink, link_type: "QR" }), 400, "PLATFORM.INPUT_INVALID")).toContain('body.link_type must be one of "EMBEDDED", "MAGIC_LINK"');
    expect(expectKomboError(createLink({ ...validCreateLink, integration_tool: "notatool" }), 400, "PLATFORM.INPUT_INVALID")).toContain("body.integration_tool must be one of");
    expect(expectKomboError(createLink([1, 2]), 400, "PLATFORM.INPUT_INVALID")).toContain("body must be object");
  });

  it("malformed JSON, an empty body, wrong content types and encodings are 400s", () => {
    expect(expectKomboError(createLink("{not json"), 400, "PLATFORM.INPUT_INVALID")).toContain("body is not valid JSON");
    expect(expectKomboError(createLink(""), 400, "PLATFORM.INPUT_INVALID")).toContain("body is required");
    expect(expectKomboError(createLink(validCreateLink, { ...bearer, "content-type": "text/plain" }), 400, "PLATFORM.INPUT_INVALID")).toContain('Content-Type "text/plain" is not accepted');
    expect(expectKomboError(createLink(validCreateLink, bearer), 400, "PLATFORM.INPUT_INVALID")).toContain("Content-Type is missing");
    expect(expectKomboError(createLink(validCreateLink, { ...jsonHeaders, "content-type": "application/json; charset=utf-16" }), 400, "PLATFORM.INPUT_INVALID")).toContain("UTF-8");
    expect(expectKomboError(createLink(validCreateLink, { ...jsonHeaders, "content-encoding": "gzip" }), 400, "PLATFORM.INPUT_INVALID")).toContain("Content-Encoding");
    expect(createLink(`\uFEFF${JSON.stringify(validCreateLink)}`, { ...jsonHeaders, "content-type": "Application/JSON; charset=UTF-8" }).status).toBe(200);
  });

  it("deeply nested JSON is refused without a stack overflow", () => {
    const depth = 100_000;
    const deep = `{"end_user_email":"a@b.co","end_user_organization_name":"x","end_user_origin_id":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(expectKomboError(createLink(deep), 400, "PLATFORM.INPUT_INVALID")).toContain("nested deeper than");
  });

  it("Kinde query parameters: missing, repeated", () => {
    expect(expectKindeError(call(kinde, "GET", `${kindeBase}/api/v1/connected_apps/auth_url`, bearer), 400, "INVALID_REQUEST")).toBe("query.key_code_ref is required");
    expect(expectKindeError(call(kinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=a&session_id=b`, bearer), 400, "INVALID_SESSION".replace("SESSION", "REQUEST"))).toContain("must be given once");
  });

  it("a body over the limit is 413 in the provider's format", async () => {
    const answer = await kombo.handle({ method: "POST", url: `${komboBase}/connect/create-link`, headers: jsonHeaders, bodyTooLarge: true });
    expect(expectKomboError(answer, 413, "PLATFORM.INPUT_INVALID")).toContain("1 MiB");
    expect(maxBodyBytes).toBe(1024 * 1024);
    const kindeAnswer = await kinde.handle({ method: "POST", url: `${kindeBase}/api/v1/connected_apps/revoke?session_id=x`, headers: bearer, bodyTooLarge: true });
    expect(kindeAnswer.status).toBe(413);
    expect(json(kindeAnswer).errors[0].code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("routing", () => {
  it("unknown routes are 404 and list the real ones; Kombo paths live under /v1 only", () => {
    expect(expectKomboError(call(kombo, "POST", "http://127.0.0.1:4010/connect/create-link", jsonHeaders, validCreateLink), 404, null)).toContain("POST /v1/connect/create-link");
    expect(expectKindeError(call(kinde, "GET", `${kindeBase}/api/v2/connected_apps/token`, bearer), 404, "ROUTE_NOT_FOUND")).toContain("GET /api/v1/connected_apps/token");
    expect(call(kombo, "GET", `${komboBase}/connect/integration-by-token/`, bearer).status).toBe(404);
    expect(call(kombo, "POST", `${komboBase}/connect/create-link/`, jsonHeaders, validCreateLink).status).toBe(200);
  });

  it("a wrong method is 405 with Allow; Kinde revoke's declared 405 has no body", () => {
    const answer = call(kombo, "DELETE", `${komboBase}/connect/create-link`, bearer);
    expectKomboError(answer, 405, null);
    expect(answer.headers.allow).toBe("POST");
    const revoke = call(kinde, "GET", `${kindeBase}/api/v1/connected_apps/revoke?session_id=x`, bearer);
    expect(revoke.status).toBe(405);
    expect(revoke.headers.allow).toBe("POST");
    expect(revoke.body).toBeUndefined();
    const unknownMethod = call(kinde, "BREW", `${kindeBase}/api/v1/connected_apps/token?session_id=x`, bearer);
    expect(unknownMethod.status).toBe(405);
    expect(json(unknownMethod).errors[0].code).toBe("METHOD_NOT_ALLOWED");
  });

  it("odd URLs and encodings never throw", () => {
    for (const url of [
      `${komboBase}/connect/integration-by-token/%E0%A4%A`,
      `${komboBase}/connect/integration-by-token/%00%ff`,
      `${komboBase}/connect/integration-by-token/${"x".repeat(5000)}`,
      `${komboBase}/../v1/connect/integration-by-token/a`,
      `${komboBase}//connect//integration-by-token//a`,
      "not a url",
      "http://[::1",
    ]) {
      const answer = call(kombo, "GET", url, bearer);
      expect(answer.status, url).toBeLessThan(500);
      expect(json(answer).status, url).toBe("error");
    }
  });
});

describe("CORS", () => {
  it("answers preflights with the path's methods and echoes the origin", () => {
    const preflight = call(kombo, "OPTIONS", `${komboBase}/connect/create-link`, {
      origin: "http://localhost:5173",
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type, prefer",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect(preflight.headers["access-control-allow-methods"]).toBe("POST, OPTIONS");
    expect(preflight.headers["access-control-allow-headers"]).toBe("authorization, content-type, prefer");
    const kindePreflight = call(kinde, "OPTIONS", `${kindeBase}/api/v1/connected_apps/revoke?session_id=x`, { origin: "http://app.test", "access-control-request-method": "POST" });
    expect(kindePreflight.status).toBe(204);
    expect(kindePreflight.headers["access-control-allow-headers"]).toContain("authorization");
  });

  it("puts CORS headers on successes and errors alike", () => {
    const ok = call(kombo, "POST", `${komboBase}/connect/create-link`, { ...jsonHeaders, origin: "http://localhost:5173" }, validCreateLink);
    expect(ok.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    const error = call(kinde, "GET", `${kindeBase}/nowhere`, {});
    expect(error.headers["access-control-allow-origin"]).toBe("*");
  });
});

describe("response validation", () => {
  function driftingKombo(onViolation: (report: ViolationReport) => void, validateResponses = true) {
    const real = komboProvider();
    const provider: ProviderDefinition<KomboState> = {
      ...real,
      bind(spec) {
        const behaviour = real.bind(spec);
        return {
          ...behaviour,
          handlers: {
            ...behaviour.handlers,
            PostConnectCreateLink: () => ({ status: 200, body: { status: "success", data: { link: "not a uri", extra: 1 } } }),
            GetConnectIntegrationByTokenToken: () => ({ status: 201, body: {} }),
          },
        };
      },
    };
    return createEngine(provider, { onViolation, validateResponses });
  }

  it("a drifted handler answer fails loudly, naming operation, status and JSON path", () => {
    const drifts: ViolationReport[] = [];
    const engine = driftingKombo((drift) => drifts.push(drift));
    const answer = call(engine, "POST", `${komboBase}/connect/create-link`, jsonHeaders, validCreateLink);
    expect(answer.status).toBe(500);
    expect(answer.headers["x-mock-drift"]).toBe("true");
    const body = json(answer);
    expect(body.operation).toBe("PostConnectCreateLink");
    expect(body.problems).toEqual(['$.data.link must be a valid uri (got "not a uri")']);
    expect(body.message).toContain("PostConnectCreateLink 200: $.data.link must be a valid uri");
    expect(drifts).toHaveLength(1);
    // 201 is not declared, so Kombo's `default` (the error body) is what it must match.
    const undeclared = json(call(engine, "GET", `${komboBase}/connect/integration-by-token/x`, bearer));
    expect(undeclared.problems).toContain("$.status is required (got nothing)");
    const kindeReal = kindeProvider();
    const kindeDrifting = createEngine({
      ...kindeReal,
      bind: (spec) => ({ ...kindeReal.bind(spec), handlers: { GetConnectedAppToken: () => ({ status: 201, body: {} }) } }),
    });
    const kindeAnswer = json(call(kindeDrifting, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s`, bearer));
    expect(kindeAnswer.problems[0]).toBe("status must be one of the declared statuses 200, 400, 403, 429 (got 201)");
  });

  it("can be switched off, and then the drift goes out as is", () => {
    const onViolation = vi.fn();
    const engine = driftingKombo(onViolation, false);
    const answer = call(engine, "POST", `${komboBase}/connect/create-link`, jsonHeaders, validCreateLink);
    expect(answer.status).toBe(200);
    expect(onViolation).not.toHaveBeenCalled();
  });
});

describe("memory", () => {
  it("keeps at most the newest 10,000 links and sessions", () => {
    const engines = createMockEngines();
    let firstLink = "";
    for (let index = 0; index < 10_050; index++) {
      const link = json(call(engines.kombo, "POST", `${komboBase}/connect/create-link`, jsonHeaders, validCreateLink)).data.link as string;
      if (index === 0) firstLink = link;
    }
    expect(call(engines.kombo, "GET", firstLink, { accept: "application/json" }).status).toBe(404);
    const sessions: string[] = [];
    for (let index = 0; index < 10_050; index++) {
      sessions.push(json(call(engines.kinde, "GET", `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=x`, bearer)).session_id);
    }
    expect(call(engines.kinde, "POST", `${kindeBase}/api/v1/connected_apps/revoke?session_id=${sessions[0]}`, bearer).status).toBe(400);
    expect(call(engines.kinde, "POST", `${kindeBase}/api/v1/connected_apps/revoke?session_id=${sessions.at(-1)}`, bearer).status).toBe(200);
  });
});
