import { describe, expect, it } from "vitest";
import { createEngine } from "../engine/engine.js";
import { komboConnectPagePath, komboProvider } from "../behaviour/kombo.js";
import { bearer, call, json, jsonHeaders, komboBase, validCreateLink } from "./helpers.js";

// `connectLinks: "inline"` (what setupMockWorker picks): the link carries the Connect page itself.

describe("Kombo inline Connect links", () => {
  const engine = createEngine(komboProvider({ connectLinks: "inline" }));

  it("create-link answers a spec-valid data: URL whose page completes the flow on the mock's origin", () => {
    const created = call(engine, "POST", `${komboBase}/connect/create-link`, jsonHeaders, { ...validCreateLink, integration_tool: "personio" });
    expect(created.status).toBe(200);
    expect(created.headers["x-mock-drift"]).toBeUndefined();
    const link = json(created).data.link as string;
    const prefix = "data:text/html;charset=utf-8,";
    expect(link.startsWith(prefix)).toBe(true);
    const html = decodeURIComponent(link.slice(prefix.length));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    // showKomboConnect appends ?sdkv=...; the page ends in an open comment so that text stays hidden.
    expect(html.endsWith("<!--")).toBe(true);
    expect(html).toContain("Acme GmbH");
    const completeUrl = /"completeUrl":"([^"]+)"/.exec(html)?.[1];
    expect(completeUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:4010${komboConnectPagePath}\\?token=[A-Za-z0-9_-]+$`));

    const completed = call(engine, "POST", completeUrl!, { "content-type": "application/json", accept: "application/json" }, {});
    expect(completed.status).toBe(200);
    const integration = call(engine, "GET", `${komboBase}/connect/integration-by-token/${json(completed).token}`, bearer);
    expect(json(integration).data).toMatchObject({ tool: "personio", end_user_organization_name: "Acme GmbH" });
  });

  it("served links stay the default", () => {
    const served = createEngine(komboProvider());
    const link = json(call(served, "POST", `${komboBase}/connect/create-link`, jsonHeaders, validCreateLink)).data.link as string;
    expect(link.startsWith(`http://127.0.0.1:4010${komboConnectPagePath}?token=`)).toBe(true);
  });
});
