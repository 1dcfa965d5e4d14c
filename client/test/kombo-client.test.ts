import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import komboDocument from "../../generated/kombo/spec.js";
import { createKomboClient, type CreateLinkRequest } from "../../generated/kombo/index.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { specExample, startStandIn, type StandIn } from "./stand-in.js";

const kombo = compileSpec(komboDocument as unknown as OpenApiDocument);
const apiKey = "kombo-test-key-8f3a";
let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.requests.length = 0;
});

function client() {
  return createKomboClient({ apiKey, baseUrl: `${standIn.url}/v1` });
}

describe("createKomboClient against a local stand-in", () => {
  test("create-link sends POST /v1/connect/create-link with the bearer key and the JSON body, and types the link", async () => {
    const link = specExample(kombo, "PostConnectCreateLink", "200");
    standIn.reply = () => ({ status: 200, body: link });
    const body: CreateLinkRequest = { end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" };

    const { data, error, response } = await client().POST("/connect/create-link", { body });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(link);
    expect(data?.data.link).toMatch(/^https:\/\/connect\.kombo\.dev\/v1\?token=/);
    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/v1/connect/create-link");
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? "")).toEqual(body);
  });

  test("integration-by-token sends GET with the token in the path, percent-encoded, and no body", async () => {
    const integration = specExample(kombo, "GetConnectIntegrationByTokenToken", "200");
    standIn.reply = () => ({ status: 200, body: integration });

    const { data, error } = await client().GET("/connect/integration-by-token/{token}", {
      params: { path: { token: "tok en/1" } },
    });

    expect(error).toBeUndefined();
    expect(data?.data.setup_status).toBe("COMPLETED");
    const [request] = standIn.requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe("/v1/connect/integration-by-token/tok%20en%2F1");
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.body).toBe("");
  });

  test.each([
    ["400", "PLATFORM.INPUT_INVALID"],
    ["401", "PLATFORM.AUTHENTICATION_INVALID"],
  ])("a %s comes back as a typed `error` with code %s, and no data", async (status, code) => {
    const errorBody = specExample(kombo, "PostConnectCreateLink", status);
    standIn.reply = () => ({ status: Number(status), body: errorBody });

    const { data, error, response } = await client().POST("/connect/create-link", {
      body: { end_user_email: "not-an-email", end_user_organization_name: "Acme GmbH" },
    });

    expect(data).toBeUndefined();
    expect(response.status).toBe(Number(status));
    expect(error).toEqual(errorBody);
    expect(error?.status).toBe("error");
    expect(error?.error.code).toBe(code);
    expect(typeof error?.error.message).toBe("string");
  });

  test("extra headers are sent, but never replace the bearer key", async () => {
    standIn.reply = () => ({ status: 200, body: specExample(kombo, "PostConnectCreateLink", "200") });
    const withHeaders = createKomboClient({
      apiKey,
      baseUrl: `${standIn.url}/v1/`,
      headers: { "X-Request-Id": "req-42", authorization: "Bearer someone-else" },
    });

    await withHeaders.POST("/connect/create-link", {
      body: { end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" },
    });

    const [request] = standIn.requests;
    expect(request?.url).toBe("/v1/connect/create-link");
    expect(request?.headers["x-request-id"]).toBe("req-42");
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });
});

describe("createKomboClient regions", () => {
  async function firstUrl(options: { region?: "eu" | "us"; baseUrl?: string }): Promise<string> {
    const seen: string[] = [];
    const kombo = createKomboClient({
      apiKey,
      ...options,
      fetch: async (request) => {
        seen.push(request.url);
        return new Response(JSON.stringify({ status: "success", data: { link: "https://connect.kombo.dev/v1?token=x" } }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      },
    });
    await kombo.POST("/connect/create-link", {
      body: { end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" },
    });
    return seen[0] ?? "";
  }

  test("defaults to the EU server, the spec's first", async () => {
    expect(await firstUrl({})).toBe("https://api.kombo.dev/v1/connect/create-link");
  });
  test("`region: \"eu\"` is the EU server", async () => {
    expect(await firstUrl({ region: "eu" })).toBe("https://api.kombo.dev/v1/connect/create-link");
  });
  test("`region: \"us\"` is the US server", async () => {
    expect(await firstUrl({ region: "us" })).toBe("https://api.us.kombo.dev/v1/connect/create-link");
  });
  test("`baseUrl` wins over `region`", async () => {
    expect(await firstUrl({ region: "us", baseUrl: "http://127.0.0.1:4010/v1" })).toBe(
      "http://127.0.0.1:4010/v1/connect/create-link",
    );
  });
});
