import { describe, expect, it } from "vitest";
import { proxyServerOptions } from "../commands/proxy-flags.js";

describe("proxyServerOptions", () => {
  it("takes the flag, else KOMBO_BASE_URL / KINDE_BASE_URL, else the live Kombo URL", () => {
    expect(proxyServerOptions({ proxy: "kombo" }, {})).toEqual({ proxy: { kombo: "https://api.kombo.dev/v1" } });
    expect(proxyServerOptions({ proxy: true }, { KOMBO_BASE_URL: "https://api.us.kombo.dev/v1/", KINDE_BASE_URL: "https://acme.kinde.com" })).toEqual({
      proxy: { kombo: "https://api.us.kombo.dev/v1", kinde: "https://acme.kinde.com" },
    });
    expect(proxyServerOptions({ proxy: "kinde", kindeUpstream: "http://127.0.0.1:4850", record: "s.har" }, { KINDE_BASE_URL: "https://ignored.kinde.com" })).toEqual({
      proxy: { kinde: "http://127.0.0.1:4850" },
      record: "s.har",
    });
    expect(proxyServerOptions({ replay: "s.har" }, {})).toEqual({ replay: "s.har" });
  });

  it("says what is wrong with the flags", () => {
    expect(() => proxyServerOptions({ proxy: "stripe" }, {})).toThrow("--proxy stripe: name kombo, kinde or both");
    expect(() => proxyServerOptions({ proxy: "kombo", komboUpstream: "api.kombo.dev" }, {})).toThrow("--kombo-upstream=api.kombo.dev is not a URL");
    expect(() => proxyServerOptions({ proxy: "kombo", replay: "s.har" }, {})).toThrow("--proxy and --replay exclude each other");
    expect(() => proxyServerOptions({ record: "s.har" }, {})).toThrow("--record needs --proxy");
    expect(() => proxyServerOptions({ komboUpstream: "https://x" }, {})).toThrow("need --proxy");
  });
});
