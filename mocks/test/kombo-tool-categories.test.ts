import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServers, type RunningMockServers } from "../adapters/node/server.js";
import { komboToolCategories } from "../behaviour/kombo-tool-categories.js";
import { createMockEngines } from "../behaviour/index.js";

const spec = createMockEngines().kombo.spec;
const body = spec.byOperationId("PostConnectCreateLink").requestBody?.content.get("application/json")?.schema as { $ref?: string } | undefined;
const schemas = (spec.document as unknown as { components: { schemas: Record<string, { properties: Record<string, { enum?: (string | null)[] }> }> } }).components.schemas;
const schemaName = (body?.$ref ?? "").split("/").at(-1) ?? "";
const specTools = (schemas[schemaName]?.properties.integration_tool?.enum ?? []).filter((tool): tool is string => tool !== null);
const specCategories = (schemas[schemaName]?.properties.integration_category?.enum ?? []).filter((category): category is string => category !== null);

describe("the Connect page's tools per category", () => {
  it("the table names every tool of the spec's enum, nothing else, each in categories the spec has", () => {
    expect(specTools.length).toBeGreaterThan(100);
    expect(Object.keys(komboToolCategories).sort()).toEqual([...specTools].sort());
    for (const [tool, categories] of Object.entries(komboToolCategories)) {
      expect(categories.length, tool).toBeGreaterThan(0);
      for (const category of categories) expect(specCategories, tool).toContain(category);
    }
  });

  describe("over HTTP", () => {
    let mocks: RunningMockServers;
    beforeAll(async () => {
      mocks = await startMockServers({ komboPort: 0, kindePort: 0, quiet: true });
    });
    afterAll(() => mocks.close());

    async function pickerOptions(request: Record<string, unknown>): Promise<string[]> {
      const created = await fetch(`${mocks.kombo.baseUrl}/connect/create-link`, {
        method: "POST",
        headers: { authorization: "Bearer k", "content-type": "application/json" },
        body: JSON.stringify({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme GmbH", ...request }),
      });
      const link = ((await created.json()) as { data: { link: string } }).data.link;
      const html = await (await fetch(link)).text();
      return [...html.matchAll(/<option value="([^"]+)"( selected)?>/g)].map((match) => `${match[1]}${match[2] ?? ""}`);
    }

    it("an HRIS link (the default) lists HR systems, not an ATS-only or learning tool, and preselects none", async () => {
      const options = await pickerOptions({});
      expect(options).toContain("personio");
      expect(options).toContain("hibob");
      expect(options).not.toContain("greenhouse");
      expect(options).not.toContain("360learning");
      expect(options.filter((option) => option.endsWith(" selected"))).toEqual([]);
    });

    it("an ATS link lists recruiting tools, and an LMS link learning platforms", async () => {
      const ats = await pickerOptions({ integration_category: "ATS" });
      expect(ats).toContain("greenhouse");
      expect(ats).not.toContain("hibob");
      const lms = await pickerOptions({ integration_category: "LMS" });
      expect(lms).toContain("360learning");
      expect(lms).not.toContain("greenhouse");
    });

    it("a link that names its tool shows that tool and no picker", async () => {
      expect(await pickerOptions({ integration_tool: "personio" })).toEqual([]);
    });
  });
});
