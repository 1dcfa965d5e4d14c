import { describe, expect, test } from "vitest";
import { ClientOptionError, createKindeClient, type KindeClientOptions } from "../../generated/kinde/index.js";
import { createKomboClient, type KomboClientOptions } from "../../generated/kombo/index.js";

// Options as a caller without TypeScript (or with a cast) might pass them.
const asKombo = (options: Record<string, unknown>) => options as unknown as KomboClientOptions;
const asKinde = (options: Record<string, unknown>) => options as unknown as KindeClientOptions;

function creationError(create: () => unknown): ClientOptionError {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(ClientOptionError);
    return error as ClientOptionError;
  }
  throw new Error("expected the client factory to throw at creation");
}

describe("createKomboClient option errors, thrown at creation and naming the option", () => {
  test.each([
    ["missing", asKombo({}), "createKomboClient: option `apiKey` is required"],
    ["undefined", asKombo({ apiKey: undefined }), "createKomboClient: option `apiKey` is required"],
    ["empty", asKombo({ apiKey: "" }), "createKomboClient: option `apiKey` must not be empty"],
    ["blank", asKombo({ apiKey: "   " }), "createKomboClient: option `apiKey` must not be empty"],
    ["not a string", asKombo({ apiKey: 42 }), "createKomboClient: option `apiKey` must be a string, got number"],
  ])("apiKey %s", (_case, options, message) => {
    expect(creationError(() => createKomboClient(options)).message).toBe(message);
  });

  test("an unknown region names `region` and the allowed ones", () => {
    const error = creationError(() => createKomboClient(asKombo({ apiKey: "k", region: "asia" })));
    expect(error.message).toBe('createKomboClient: option `region` must be one of "eu", "us", got "asia"');
  });

  test.each([
    ["empty", "", "createKomboClient: option `baseUrl` must not be empty"],
    ["not a URL", "api.kombo.dev", 'createKomboClient: option `baseUrl` must be an absolute http(s) URL, got "api.kombo.dev"'],
    ["not http", "ftp://api.kombo.dev", 'createKomboClient: option `baseUrl` must be an http(s) URL, got "ftp://api.kombo.dev"'],
  ])("baseUrl %s", (_case, baseUrl, message) => {
    expect(creationError(() => createKomboClient({ apiKey: "k", baseUrl })).message).toBe(message);
  });

  test("valid options create a client without any request", () => {
    const kombo = createKomboClient({ apiKey: "k", region: "us" });
    expect(typeof kombo.POST).toBe("function");
  });
});

describe("createKindeClient option errors, thrown at creation and naming the option", () => {
  const baseUrl = "https://acme.kinde.com";
  test.each([
    ["token missing", asKinde({ baseUrl }), "createKindeClient: option `token` is required, or `clientId` and `clientSecret` to fetch one"],
    ["token empty", asKinde({ token: "", baseUrl }), "createKindeClient: option `token` must not be empty"],
    ["baseUrl missing", asKinde({ token: "t" }), "createKindeClient: option `baseUrl` is required"],
    ["baseUrl empty", asKinde({ token: "t", baseUrl: "" }), "createKindeClient: option `baseUrl` must not be empty"],
    [
      "baseUrl still the template",
      asKinde({ token: "t", baseUrl: "{subdomain}.kinde.com" }),
      'createKindeClient: option `baseUrl` must be an absolute http(s) URL, got "{subdomain}.kinde.com"',
    ],
  ])("%s", (_case, options, message) => {
    expect(creationError(() => createKindeClient(options)).message).toBe(message);
  });

  test("the credential is checked before the base URL", () => {
    expect(creationError(() => createKindeClient(asKinde({}))).message).toBe("createKindeClient: option `token` is required, or `clientId` and `clientSecret` to fetch one");
  });

  test.each([
    [
      "token with client credentials",
      asKinde({ baseUrl, token: "t", clientId: "c", clientSecret: "s" }),
      "createKindeClient: option `token` cannot be combined with `clientId` / `clientSecret`: pass a token, or client credentials to fetch one",
    ],
    ["clientId without clientSecret", asKinde({ baseUrl, clientId: "c" }), "createKindeClient: option `clientSecret` is required"],
    ["clientSecret without clientId", asKinde({ baseUrl, clientSecret: "s" }), "createKindeClient: option `clientId` is required"],
    ["empty clientSecret", asKinde({ baseUrl, clientId: "c", clientSecret: " " }), "createKindeClient: option `clientSecret` must not be empty"],
    ["clientId not a string", asKinde({ baseUrl, clientId: 7, clientSecret: "s" }), "createKindeClient: option `clientId` must be a string, got number"],
    ["empty audience", asKinde({ baseUrl, clientId: "c", clientSecret: "s", audience: "" }), "createKindeClient: option `audience` must not be empty"],
    [
      "client credentials without a usable baseUrl",
      asKinde({ baseUrl: "acme.kinde.com", clientId: "c", clientSecret: "s" }),
      'createKindeClient: option `baseUrl` must be an absolute http(s) URL, got "acme.kinde.com"',
    ],
  ])("%s", (_case, options, message) => {
    expect(creationError(() => createKindeClient(options)).message).toBe(message);
  });

  test("client credentials create a client without any request", () => {
    const kinde = createKindeClient({ baseUrl, clientId: "c", clientSecret: "s" });
    expect(typeof kinde.GET).toBe("function");
  });
});
