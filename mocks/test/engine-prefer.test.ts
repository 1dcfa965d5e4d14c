import { describe, expect, it } from "vitest";
import type { MockEngine } from "../engine/engine.js";
import { createMockEngines } from "../behaviour/index.js";
import { createManualClock } from "../engine/clock.js";
import { bearer, call, json, settledCall, jsonHeaders, kindeBase, komboBase, validCreateLink } from "./helpers.js";

const engines = createMockEngines();

/** A valid request for each operation, so only `Prefer` decides the answer. */
const validRequests: Record<string, { engine: MockEngine; method: string; url: string; headers: Record<string, string>; body?: unknown }> = {
  PostConnectCreateLink: { engine: engines.kombo, method: "POST", url: `${komboBase}/connect/create-link`, headers: jsonHeaders, body: validCreateLink },
  GetConnectIntegrationByTokenToken: { engine: engines.kombo, method: "GET", url: `${komboBase}/connect/integration-by-token/abc`, headers: bearer },
  PostIntegrationsIntegrationIdRelink: { engine: engines.kombo, method: "POST", url: `${komboBase}/integrations/personio:abc/relink`, headers: jsonHeaders, body: { language: "en" } },
  GetConnectedAppAuthUrl: { engine: engines.kinde, method: "GET", url: `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=google_calendar`, headers: bearer },
  GetConnectedAppToken: { engine: engines.kinde, method: "GET", url: `${kindeBase}/api/v1/connected_apps/token?session_id=s1`, headers: bearer },
  RevokeConnectedAppToken: { engine: engines.kinde, method: "POST", url: `${kindeBase}/api/v1/connected_apps/revoke?session_id=s1`, headers: bearer },
  RequestM2MToken: {
    engine: engines.kinde,
    method: "POST",
    url: `${kindeBase}/oauth2/token`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=m2m&client_secret=secret",
  },
};

const cases = [engines.kombo, engines.kinde].flatMap((engine) =>
  engine.spec.operations.flatMap((operation) =>
    [...operation.responses.values()].map((response) => ({ engine, operation, response })),
  ),
);

describe("Prefer: code= selects every declared status of every operation", () => {
  it("covers all seven operations", () => {
    expect(new Set(cases.map((entry) => entry.operation.operationId))).toEqual(new Set(Object.keys(validRequests)));
  });

  it.each(cases.map((entry) => [`${entry.operation.operationId} ${entry.response.status}`, entry] as const))("%s", (_name, { engine, operation, response }) => {
    const request = validRequests[operation.operationId]!;
    const status = response.status === "default" ? 418 : Number(response.status);
    const answer = call(engine, request.method, request.url, { ...request.headers, prefer: `code=${status}` }, request.body);
    expect(answer.status).toBe(status);
    expect(answer.headers["x-mock-drift"]).toBeUndefined();
    const media = response.content.values().next().value;
    if (media === undefined) {
      expect(answer.body).toBeUndefined();
      return;
    }
    expect(answer.headers["content-type"]).toBe(media.mediaType);
    const body = json(answer);
    expect(media.validate(body)).toEqual([]);
    const example = media.examples.values().next().value as Record<string, unknown>;
    // An expiry is served relative to now: the example's fixed date would read as long expired.
    const expiry = (body as { access_token_expiry?: string }).access_token_expiry;
    if (expiry !== undefined) expect(Date.parse(expiry)).toBeGreaterThan(Date.now());
    expect(body).toEqual(expiry === undefined ? example : { ...example, access_token_expiry: expiry });
  });
});

describe("Prefer: example= and dynamic=true", () => {
  it("serves every named example of every response, finding its status by name", () => {
    let served = 0;
    for (const { engine, operation, response } of cases) {
      const request = validRequests[operation.operationId]!;
      for (const media of response.content.values()) {
        for (const [name, value] of media.examples) {
          const status = response.status === "default" ? 599 : Number(response.status);
          const byBoth = call(engine, request.method, request.url, { ...request.headers, prefer: `code=${status}, example="${name}"` }, request.body);
          expect(byBoth.status).toBe(status);
          // An expiry is served relative to now (see "realism of served examples" below).
          const expiry = (json(byBoth) as { access_token_expiry?: string }).access_token_expiry;
          expect(json(byBoth)).toEqual(expiry === undefined ? value : { ...(value as object), access_token_expiry: expiry });
          served++;
        }
      }
    }
    expect(served).toBeGreaterThanOrEqual(20);
    const byName = call(engines.kombo, "GET", `${komboBase}/connect/integration-by-token/x`, { ...bearer, prefer: "example=integration_not_found" });
    expect(byName.status).toBe(404);
    expect(json(byName).error.code).toBe("PLATFORM.INTEGRATION_NOT_FOUND");
    const success = call(engines.kombo, "GET", `${komboBase}/connect/integration-by-token/x`, { ...bearer, prefer: "example=incomplete_setup" });
    expect(success.status).toBe(200);
    expect(json(success).data.setup_status).toBe("INCOMPLETE");
  });

  it("generates schema-valid data, the same for the same seed", async () => {
    const request = validRequests.GetConnectIntegrationByTokenToken!;
    const validate = engines.kombo.spec.byOperationId("GetConnectIntegrationByTokenToken").responses.get("200")!.content.get("application/json")!.validate;
    const bodies = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const first = await settledCall(engines.kombo, "GET", request.url, { ...bearer, prefer: `dynamic=true; seed=${seed}` });
      const again = await settledCall(engines.kombo, "GET", request.url, { ...bearer, prefer: `dynamic=true; seed=${seed}` });
      expect(first.status).toBe(200);
      expect(first.body).toBe(again.body);
      expect(validate(json(first))).toEqual([]);
      bodies.add(first.body!);
    }
    expect(bodies.size).toBeGreaterThan(40);
    const error = await settledCall(engines.kombo, "GET", request.url, { ...bearer, prefer: "code=429, dynamic=true" });
    expect(error.status).toBe(429);
    expect(json(error).status).toBe("error");
  });

  it("accepts Prism's __code / __example / __dynamic query parameters when there is no Prefer header", () => {
    const answer = call(engines.kinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s&__code=403`, bearer);
    expect(answer.status).toBe(403);
    expect(json(answer).errors[0].code).toBe("INVALID_CREDENTIALS");
  });

  it("wins over state: a forced 200 for an unknown token, a forced 400 after a real success", () => {
    const forced = call(engines.kombo, "GET", `${komboBase}/connect/integration-by-token/never-issued`, { ...bearer, prefer: "code=200" });
    expect(forced.status).toBe(200);
    const created = call(engines.kinde, "GET", `${kindeBase}/api/v1/connected_apps/auth_url?key_code_ref=x`, { ...bearer, prefer: "code=400" });
    expect(created.status).toBe(400);
    expect(json(created).errors[0].code).toBe("INVALID_REQUEST");
  });
});

describe("Prefer mistakes get a clear 4xx that lists what is declared", () => {
  it("an undeclared code lists the declared statuses and examples", () => {
    const answer = call(engines.kinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s`, { ...bearer, prefer: "code=404" });
    expect(answer.status).toBe(404);
    const message: string = json(answer).errors[0].message;
    expect(message).toContain("GetConnectedAppToken declares no 404 response");
    expect(message).toContain("200 (examples: access_token); 400 (examples: invalid_session); 403 (examples: invalid_credentials); 429");
  });

  it("an unknown example name lists the examples", () => {
    const answer = call(engines.kombo, "POST", `${komboBase}/connect/create-link`, { ...jsonHeaders, prefer: "code=429, example=nope" }, validCreateLink);
    expect(answer.status).toBe(404);
    expect(json(answer).status).toBe("error");
    expect(json(answer).error.message).toContain('has no example "nope"');
    expect(json(answer).error.message).toContain("429 (examples: rate_limit_exceeded, concurrency_limit_exceeded)");
    const nowhere = call(engines.kombo, "POST", `${komboBase}/connect/create-link`, { ...jsonHeaders, prefer: "example=nope" }, validCreateLink);
    expect(nowhere.status).toBe(404);
  });

  it("a malformed value is a 422 naming the preference", () => {
    for (const prefer of ["code=abc", "dynamic=yes", "delay=-5", "delay=999999999", "fault=explode", "example="]) {
      const answer = call(engines.kinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s`, { ...bearer, prefer });
      expect(answer.status, prefer).toBe(422);
      expect(json(answer).errors[0].message, prefer).toContain(prefer.split("=")[0]);
    }
  });

  it("delay and fault become directives for the adapter, on any answer", () => {
    const delayed = call(engines.kombo, "POST", `${komboBase}/connect/create-link`, { ...jsonHeaders, prefer: "delay=250" }, validCreateLink);
    expect(delayed.status).toBe(200);
    expect(delayed.delayMs).toBe(250);
    const reset = call(engines.kombo, "POST", `${komboBase}/connect/create-link`, { ...jsonHeaders, prefer: "fault=reset, code=500" }, validCreateLink);
    expect(reset.fault).toBe("reset");
    const unauthorized = call(engines.kombo, "POST", `${komboBase}/connect/create-link`, { "content-type": "application/json", prefer: "delay=10" }, validCreateLink);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.delayMs).toBe(10);
  });
});

describe("realism of served examples", () => {
  it("the forced-200 Kinde token's access_token_expiry lies an hour after the mock's clock, not at the example's fixed date", () => {
    const clock = createManualClock(Date.parse("2030-01-01T00:00:00.000Z"));
    const kinde = createMockEngines({}, { clock }).kinde;
    const request = validRequests.GetConnectedAppToken!;
    const answer = call(kinde, request.method, request.url, { ...request.headers, prefer: "code=200" });
    expect(json(answer)).toMatchObject({ access_token: "ya29.a0AfB_byC3kT9mZ2Xq7LwR5nP8sV1uY4hJ6gD0fE", access_token_expiry: "2030-01-01T01:00:00.000Z" });
    const declared = kinde.spec.byOperationId("GetConnectedAppToken").responses.get("200")?.media[0]?.examples.get("access_token") as { access_token_expiry: string };
    expect(declared.access_token_expiry).toBe("2026-11-22T15:04:05.000Z");
  });
});
