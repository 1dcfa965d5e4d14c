import { describe, expect, it } from "vitest";
import { declaredResponse } from "../../openapi/spec-index.js";
import { createMockEngines } from "../behaviour/index.js";
import { bearer, call, json, jsonHeaders, komboBase, validCreateLink } from "./helpers.js";

// `Prefer: example=<name>` alone (no code=) finds the status of any named example, `default` ones included.

const engines = createMockEngines();

const komboRequests: Record<string, { method: string; url: string; headers: Record<string, string>; body?: unknown }> = {
  PostConnectCreateLink: { method: "POST", url: `${komboBase}/connect/create-link`, headers: jsonHeaders, body: validCreateLink },
  GetConnectIntegrationByTokenToken: { method: "GET", url: `${komboBase}/connect/integration-by-token/abc`, headers: bearer },
  PostIntegrationsIntegrationIdRelink: { method: "POST", url: `${komboBase}/integrations/personio:abc/relink`, headers: jsonHeaders, body: {} },
};

const cases = engines.kombo.spec.operations.flatMap((operation) =>
  [...operation.responses.values()].flatMap((response) =>
    [...response.content.values()].flatMap((media) => [...media.examples].map(([name, value]) => ({ operation, response, name, value }))),
  ),
);

describe("Prefer: example=<name> without code=", () => {
  it("has Kombo's default examples among the cases", () => {
    expect(cases.filter((entry) => entry.response.status === "default").map((entry) => entry.name)).toContain("Minimal Error Response");
  });

  it.each(cases.map((entry) => [`${entry.operation.operationId} ${entry.response.status} "${entry.name}"`, entry] as const))("%s", (_label, { operation, response, name, value }) => {
    const request = komboRequests[operation.operationId]!;
    const answer = call(engines.kombo, request.method, request.url, { ...request.headers, prefer: `example=${name}` }, request.body);
    expect(answer.headers["x-mock-drift"]).toBeUndefined();
    expect(declaredResponse(operation, answer.status)).toBe(response);
    if (response.status !== "default") expect(String(answer.status)).toBe(response.status);
    expect(json(answer)).toEqual(value);
  });

  it("answers a default example with 503, a status Kombo does not declare on its own", () => {
    const request = komboRequests.GetConnectIntegrationByTokenToken!;
    const answer = call(engines.kombo, request.method, request.url, { ...request.headers, prefer: "example=Minimal Error Response" });
    expect(answer.status).toBe(503);
    expect(json(answer).error).toEqual({ code: null, title: null, message: "The message is always in the response.", log_url: null });
  });

  it("still says which examples exist when the name is unknown", () => {
    const request = komboRequests.GetConnectIntegrationByTokenToken!;
    const answer = call(engines.kombo, request.method, request.url, { ...request.headers, prefer: "example=nope" });
    expect(answer.status).toBe(404);
    expect(json(answer).error.message).toContain('has no example "nope"');
    expect(json(answer).error.message).toContain("Minimal Error Response");
  });
});
