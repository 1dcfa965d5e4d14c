import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createManualClock } from "../engine/clock.js";
import { createMockEngines } from "../behaviour/index.js";
import type { MockResponse } from "../engine/messages.js";
import { bearer, json, settledCall, jsonHeaders, kindeBase, komboBase, validCreateLink } from "./helpers.js";

const engines = createMockEngines({}, { clock: createManualClock(Date.parse("2020-02-10T09:30:00.000Z")) });
const integrationUrl = `${komboBase}/connect/integration-by-token/abc`;

describe("Prefer: dynamic=true, seed=N through the engine", () => {
  it("gives the same believable answer twice for seed 7 and a different one for seed 8", async () => {
    const seven = await settledCall(engines.kombo, "GET", integrationUrl, { ...bearer, prefer: "dynamic=true, seed=7" });
    const again = await settledCall(engines.kombo, "GET", integrationUrl, { ...bearer, prefer: "dynamic=true, seed=7" });
    const eight = await settledCall(engines.kombo, "GET", integrationUrl, { ...bearer, prefer: "dynamic=true, seed=8" });
    expect(seven.status).toBe(200);
    expect(seven.headers["x-mock-drift"]).toBeUndefined();
    expect(again.body).toBe(seven.body);
    expect(eight.body).not.toBe(seven.body);
    const { data } = json(seven);
    expect(data.id.startsWith(`${data.tool}:`)).toBe(true);
    expect(data.end_user_email === null || /^[^@\s]+@[a-z0-9-]+\.[a-z]{2,}$/.test(data.end_user_email)).toBe(true);
    expect(data.end_user_organization_name).toMatch(/^[A-Z]/);
  });

  it("answers anew each time without a seed, as Prism does", async () => {
    const answers = new Set((await Promise.all(Array.from({ length: 5 }, () => settledCall(engines.kombo, "GET", integrationUrl, { ...bearer, prefer: "dynamic=true" })))).map((answer) => answer.body));
    expect(answers.size).toBe(5);
  });

  it("answers the same through Prism's __dynamic / __seed query parameters", async () => {
    const byHeader = await settledCall(engines.kinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s1`, {
      ...bearer,
      prefer: "dynamic=true, seed=7",
    });
    const byQuery = await settledCall(engines.kinde, "GET", `${kindeBase}/api/v1/connected_apps/token?session_id=s1&__dynamic=true&__seed=7`, bearer);
    expect(byHeader.status).toBe(200);
    expect(byQuery.body).toBe(byHeader.body);
    // Dates count from the engine's clock: the token expires after "now" and within two days.
    const expiry = Date.parse(json(byHeader).access_token_expiry);
    expect(expiry).toBeGreaterThan(Date.parse("2020-02-10T09:30:00.000Z"));
    expect(expiry).toBeLessThan(Date.parse("2020-02-12T00:00:00.000Z"));
  });

  it("keeps an error answer to its status: a 404 stays INTEGRATION_NOT_FOUND with a fresh log link", async () => {
    const links = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const answer = await settledCall(
        engines.kombo,
        "POST",
        `${komboBase}/connect/create-link`,
        { ...jsonHeaders, prefer: `code=404, dynamic=true, seed=${seed}` },
        validCreateLink,
      );
      expect(answer.status).toBe(404);
      expect(answer.headers["x-mock-drift"]).toBeUndefined();
      const { error } = json(answer);
      expect(error.code).toBe("PLATFORM.INTEGRATION_NOT_FOUND");
      links.add(error.log_url);
    }
    expect(links.size).toBeGreaterThan(10);
  });
});

describe("faker, loaded on the first generated answer", () => {
  it("answers examples synchronously, the first dynamic answer as a promise, later ones synchronously", async () => {
    const fresh = createMockEngines();
    const example = fresh.kombo.handle({ method: "GET", url: integrationUrl, headers: bearer });
    expect(example).not.toBeInstanceOf(Promise);
    const first = fresh.kombo.handle({ method: "GET", url: integrationUrl, headers: { ...bearer, prefer: "dynamic=true, seed=7" } });
    expect(first).toBeInstanceOf(Promise);
    const settled = await first;
    expect(settled.status).toBe(200);
    const again = fresh.kombo.handle({ method: "GET", url: integrationUrl, headers: { ...bearer, prefer: "dynamic=true, seed=7" } });
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as MockResponse).body).toBe(settled.body);
  });
});

describe("docs/mock.md's dynamic data lines", () => {
  it("show what the mock answers for those seeds", async () => {
    const page = readFileSync(new URL("../../docs/mock.md", import.meta.url), "utf8");
    const shown = [
      ...page.matchAll(
        /^curl -sS? '?(http:\/\/127\.0\.0\.1:401[01][^' ]+)'? -H '(Authorization: Bearer any)' -H '(Prefer: dynamic=true, seed=\d+)'\n# (\{.*\})$/gm,
      ),
    ];
    expect(shown.length).toBeGreaterThanOrEqual(3);
    const system = createMockEngines();
    for (const [, url, , prefer, answer] of shown) {
      const engine = url!.includes(":4010") ? system.kombo : system.kinde;
      const response = await settledCall(engine, "GET", url!, { authorization: "Bearer any", prefer: prefer!.slice("Prefer: ".length) });
      expect(response.body, `${url} ${prefer}`).toBe(answer);
    }
  });
});
