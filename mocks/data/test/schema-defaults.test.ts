import { describe, expect, it } from "vitest";
import komboDocument from "../../../generated/kombo/spec.js";
import type { OpenApiDocument } from "../../../openapi/document.js";
import { withDefaults } from "../schema-defaults.js";

const document = komboDocument as unknown as OpenApiDocument;
const schema = { $ref: "#/components/schemas/PostConnectCreateLinkRequestBody" };

describe("withDefaults", () => {
  it("fills absent properties with their declared defaults and keeps given ones, without touching the input", () => {
    const body = { end_user_email: "jane@acme.example", end_user_organization_name: "Acme", language: "de" };
    const filled = withDefaults(document, schema, body);
    expect(filled).toMatchObject({ end_user_email: "jane@acme.example", language: "de", link_type: "EMBEDDED", enable_filtering: false });
    expect(body).toEqual({ end_user_email: "jane@acme.example", end_user_organization_name: "Acme", language: "de" });
  });

  it("keeps a `__proto__` key of a parsed body as a plain property: no prototype change, defaults still filled", () => {
    const body = JSON.parse('{"__proto__": {"link_type": "MAGIC_LINK"}, "end_user_email": "a@b.example", "end_user_organization_name": "x"}') as Record<string, unknown>;
    const filled = withDefaults(document, schema, body);
    expect(Object.getPrototypeOf(filled)).toBe(Object.prototype);
    expect(Object.hasOwn(filled, "__proto__")).toBe(true);
    expect(Object.hasOwn(filled, "link_type")).toBe(true);
    expect(filled.link_type).toBe("EMBEDDED");
  });
});
