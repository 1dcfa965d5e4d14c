// Type-level checks, enforced by `npm run typecheck` (tsc): every `@ts-expect-error` below must meet an
// error, or tsc fails with "Unused '@ts-expect-error' directive". The wrong calls sit in functions that
// never run; the runtime tests only check what types cannot (the minimal body is valid for the spec too).
import { describe, expect, expectTypeOf, test } from "vitest";
import kindeDocument from "../../generated/kinde/spec.js";
import komboDocument from "../../generated/kombo/spec.js";
import {
  createKindeClient,
  type ConnectedAppsAccessToken,
  type KindeClient,
  type KindeErrorResponse,
  type M2MToken,
  type OAuthError,
  type SuccessResponse,
} from "../../generated/kinde/index.js";
import {
  createKomboClient,
  type CreateLinkRequest,
  type CreateLinkResponse,
  type IntegrationByTokenResponse,
  type KomboClient,
  type KomboError,
  type KomboRegion,
} from "../../generated/kombo/index.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";

const endUser = { end_user_email: "jane.doe@acme.example", end_user_organization_name: "Acme GmbH" };

describe("Kombo types", () => {
  test("`{ end_user_email, end_user_organization_name }` alone is a valid create-link body, for the types and the spec", () => {
    const body: CreateLinkRequest = endUser;
    expectTypeOf<{ end_user_email: string; end_user_organization_name: string }>().toExtend<CreateLinkRequest>();
    // Fields with a `default` stay optional (openapi-typescript would make them required otherwise).
    expectTypeOf<CreateLinkRequest["integration_category"]>().toEqualTypeOf<"HRIS" | "ATS" | "ASSESSMENT" | "LMS" | undefined>();
    expectTypeOf<CreateLinkRequest["link_type"]>().toEqualTypeOf<"EMBEDDED" | "MAGIC_LINK" | undefined>();
    expectTypeOf<CreateLinkRequest["enable_filtering"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<CreateLinkRequest["language"]>().toEqualTypeOf<"en" | "de" | "fr" | "it" | "es" | null | undefined>();
    expectTypeOf<"talent360">().toExtend<NonNullable<CreateLinkRequest["integration_tool"]>>();

    const kombo = compileSpec(komboDocument as unknown as OpenApiDocument);
    const media = kombo.byOperationId("PostConnectCreateLink").requestBody?.content.get("application/json");
    expect(media?.validate(body)).toEqual([]);
    expect(media?.validate({ end_user_email: endUser.end_user_email })).not.toEqual([]);
  });

  test("data and error are typed per status", () => {
    const kombo = createKomboClient({ apiKey: "k" });
    const call = () => kombo.POST("/connect/create-link", { body: endUser });
    type Result = Awaited<ReturnType<typeof call>>;
    expectTypeOf<Result["data"]>().toEqualTypeOf<CreateLinkResponse | undefined>();
    expectTypeOf<Result["error"]>().toEqualTypeOf<KomboError | undefined>();
    expectTypeOf<KomboError["error"]["code"]>().toExtend<string | null>();
    expectTypeOf<"PLATFORM.INPUT_INVALID" | null>().toExtend<KomboError["error"]["code"]>();

    const byToken = () => kombo.GET("/connect/integration-by-token/{token}", { params: { path: { token: "t" } } });
    type ByToken = Awaited<ReturnType<typeof byToken>>;
    expectTypeOf<ByToken["data"]>().toEqualTypeOf<IntegrationByTokenResponse | undefined>();
    expectTypeOf<KomboRegion>().toEqualTypeOf<"eu" | "us">();
  });

  test("wrong calls do not compile", () => {
    const wrongCalls = (kombo: KomboClient) => {
      // @ts-expect-error an unknown integration_category
      void kombo.POST("/connect/create-link", { body: { ...endUser, integration_category: "CRM" } });
      // @ts-expect-error a misspelled body field
      void kombo.POST("/connect/create-link", { body: { ...endUser, integration_categry: "ATS" } });
      // @ts-expect-error a misspelled option key (`params`)
      void kombo.GET("/connect/integration-by-token/{token}", { parmas: { path: { token: "t" } } });
      // @ts-expect-error an unknown integration_tool
      void kombo.POST("/connect/create-link", { body: { ...endUser, integration_tool: "notatool" } });
      // @ts-expect-error the required end_user_organization_name is missing
      void kombo.POST("/connect/create-link", { body: { end_user_email: "a@b.example" } });
      // @ts-expect-error the body is required
      void kombo.POST("/connect/create-link", {});
      // @ts-expect-error the path parameter is misspelled
      void kombo.GET("/connect/integration-by-token/{token}", { params: { path: { tokn: "t" } } });
      // @ts-expect-error no such path
      void kombo.GET("/connect/integrations");
      // @ts-expect-error create-link is POST only
      void kombo.GET("/connect/create-link");
      // @ts-expect-error an unknown region
      createKomboClient({ apiKey: "k", region: "asia" });
      // @ts-expect-error apiKey is required
      createKomboClient({ region: "eu" });
    };
    expect(typeof wrongCalls).toBe("function");
  });
});

describe("Kinde types", () => {
  test("data and error are typed per status", () => {
    const kinde = createKindeClient({ token: "t", baseUrl: "https://acme.kinde.com" });
    const token = () => kinde.GET("/api/v1/connected_apps/token", { params: { query: { session_id: "s" } } });
    type Token = Awaited<ReturnType<typeof token>>;
    expectTypeOf<Token["data"]>().toEqualTypeOf<ConnectedAppsAccessToken | undefined>();
    expectTypeOf<Token["error"]>().toEqualTypeOf<KindeErrorResponse | undefined>();
    expectTypeOf<ConnectedAppsAccessToken>().toEqualTypeOf<{ access_token: string; access_token_expiry: string }>();

    const revoke = () => kinde.POST("/api/v1/connected_apps/revoke", { params: { query: { session_id: "s" } } });
    expectTypeOf<Awaited<ReturnType<typeof revoke>>["data"]>().toEqualTypeOf<SuccessResponse | undefined>();
    const kinde2 = compileSpec(kindeDocument as unknown as OpenApiDocument);
    expect(kinde2.byOperationId("GetConnectedAppToken").responses.has("200")).toBe(true);
  });

  test("right calls compile, with the optional parameters and fetch options", () => {
    const rightCalls = (kinde: KindeClient) => {
      void kinde.GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "k" } } });
      void kinde.GET("/api/v1/connected_apps/auth_url", {
        params: { query: { key_code_ref: "k", user_id: "u", org_code: "o", override_callback_url: "https://x.example/cb" } },
        signal: AbortSignal.timeout(5_000),
        headers: { "X-Request-Id": "r" },
      });
    };
    expect(typeof rightCalls).toBe("function");
  });

  test("wrong calls do not compile", () => {
    const wrongCalls = (kinde: KindeClient) => {
      // @ts-expect-error a misspelled query parameter
      void kinde.GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "k", user_idd: "u" } } });
      // @ts-expect-error a misspelled optional query parameter
      void kinde.GET("/api/v1/connected_apps/auth_url", { params: { query: { key_code_ref: "k", orgcode: "o" } } });
      // @ts-expect-error the required key_code_ref is missing
      void kinde.GET("/api/v1/connected_apps/auth_url", { params: { query: { user_id: "u" } } });
      // @ts-expect-error session_id is required
      void kinde.GET("/api/v1/connected_apps/token", { params: { query: {} } });
      // @ts-expect-error revoke is POST only
      void kinde.GET("/api/v1/connected_apps/revoke", { params: { query: { session_id: "s" } } });
      // @ts-expect-error baseUrl is required for Kinde
      createKindeClient({ token: "t" });
      // @ts-expect-error a token and client credentials together
      createKindeClient({ baseUrl: "https://acme.kinde.com", token: "t", clientId: "c", clientSecret: "s" });
      // @ts-expect-error clientId without clientSecret
      createKindeClient({ baseUrl: "https://acme.kinde.com", clientId: "c" });
      // @ts-expect-error an audience only goes with client credentials
      createKindeClient({ baseUrl: "https://acme.kinde.com", token: "t", audience: "https://acme.kinde.com/api" });
    };
    expect(typeof wrongCalls).toBe("function");
  });

  test("client credentials options compile, and the token endpoint's answers are typed", () => {
    const kinde = createKindeClient({ baseUrl: "https://acme.kinde.com", clientId: "c", clientSecret: "s", audience: "https://acme.kinde.com/api" });
    const token = () =>
      kinde.POST("/oauth2/token", {
        body: { grant_type: "client_credentials", client_id: "c", client_secret: "s" },
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    expectTypeOf<Awaited<ReturnType<typeof token>>["data"]>().toEqualTypeOf<M2MToken | undefined>();
    expectTypeOf<Awaited<ReturnType<typeof token>>["error"]>().toEqualTypeOf<OAuthError | undefined>();
  });
});
