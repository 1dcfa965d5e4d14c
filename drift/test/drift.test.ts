import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { summarise, type DriftChange } from "../model.js";
import { brief, changesOf, driftAgainst, publishedFromOurs, type Doc } from "./fixtures.js";

const createLinkBody = (published: Doc): Doc => published.components.schemas.PostConnectCreateLinkRequestBody;
const byTokenData = (published: Doc): Doc => published.components.schemas.GetConnectIntegrationByTokenTokenPositiveResponse.properties.data;
const kindePath = (published: Doc, name: string): Doc => published.paths[`/api/v1/connected_apps/${name}`];

/** The one change a mutation causes, checked for class, kind and the words of its message. */
function onlyChange(changes: DriftChange[]): DriftChange {
  expect(changes.map(brief)).toHaveLength(1);
  return changes[0] as DriftChange;
}

describe("a published document derived from our spec, every departure undone", () => {
  test.each(["kombo", "kinde"] as const)("%s: no change on the wire; only digested text reads as obsolete marks", (provider) => {
    const report = driftAgainst(provider, () => {}, provider === "kinde" ? "yaml" : "json");
    expect(changesOf(report).map(brief)).toEqual([]);
    expect(report.changes.every((change) => change.class === "cosmetic" && change.kind === "departure-obsolete")).toBe(true);
    expect(summarise([report]).exitCode).toBe(0);
  });
});

describe("Kombo", () => {
  test("a new tool is named, and our spec is behind, although we list 13 tools of our own", () => {
    const change = onlyChange(changesOf(driftAgainst("kombo", (published) => createLinkBody(published).properties.integration_tool.enum.push("workdaynext"))));
    expect(change).toMatchObject({ class: "behind", kind: "enum-value-added", published: "workdaynext", operations: ["POST /connect/create-link"] });
    expect(change.message).toBe("Kombo now lists integration_tool `workdaynext`");
    expect(change.fix).toBe('add "workdaynext" to the enum');
    expect(change.spec).toMatchObject({
      file: "specs/kombo.yaml",
      pointer: "/components/schemas/PostConnectCreateLinkRequestBody/properties/integration_tool/enum",
    });
    expect(change.spec.line).toBeGreaterThan(200);
  });

  test("any set of new tools and dropped tools: each named, new ones behind, dropped ones promises", () => {
    const ourTools = createLinkBody(publishedFromOurs("kombo")).properties.integration_tool.enum as unknown[];
    const newTool = fc.stringMatching(/^[a-z][a-z0-9]{2,15}$/).filter((tool) => !ourTools.includes(tool) && !["greenhousev3", "docebo"].includes(tool));
    fc.assert(
      fc.property(fc.uniqueArray(newTool, { maxLength: 4 }), fc.subarray(ourTools.slice(0, 40) as string[], { maxLength: 3 }), (added, dropped) => {
        const report = driftAgainst("kombo", (published) => {
          const tools = createLinkBody(published).properties.integration_tool;
          tools.enum = [...tools.enum.filter((tool: unknown) => !dropped.includes(tool as string)), ...added];
        });
        const changes = changesOf(report);
        expect(changes.map(brief).sort()).toEqual(
          [
            ...added.map((tool) => `behind enum-value-added: Kombo now lists integration_tool \`${tool}\``),
            ...dropped.map((tool) => `promises enum-value-removed: Kombo no longer lists integration_tool \`${tool}\``),
          ].sort(),
        );
        expect(summarise([report]).exitCode).toBe(added.length + dropped.length > 0 ? 1 : 0);
      }),
      { numRuns: 15, seed: 11 },
    );
  });

  test("a tool we added from the SDKs, now published, is no drift: the mark is reported obsolete", () => {
    const changes = changesOf(driftAgainst("kombo", (published) => createLinkBody(published).properties.integration_tool.enum.push("greenhousev3")));
    expect(onlyChange(changes)).toMatchObject({ class: "cosmetic", kind: "departure-obsolete" });
    expect(changes[0]?.message).toContain("greenhousev3");
  });

  test("a dropped request field: our spec promises what Kombo no longer takes", () => {
    const change = onlyChange(changesOf(driftAgainst("kombo", (published) => delete createLinkBody(published).properties.scope_config_id)));
    expect(change).toMatchObject({ class: "promises", kind: "property-removed", where: "request body › scope_config_id" });
    expect(change.message).toBe("Kombo no longer accepts scope_config_id");
  });

  test("a new optional request field: behind; a new required one: promises", () => {
    const optional = onlyChange(
      changesOf(driftAgainst("kombo", (published) => (createLinkBody(published).properties.theme = { type: "string", enum: ["light", "dark"] }))),
    );
    expect(optional).toMatchObject({ class: "behind", kind: "property-added", published: "theme" });
    const required = onlyChange(
      changesOf(
        driftAgainst("kombo", (published) => {
          createLinkBody(published).properties.tenant_id = { type: "string", format: "uuid" };
          createLinkBody(published).required.push("tenant_id");
        }),
      ),
    );
    expect(required).toMatchObject({ class: "promises", kind: "property-added" });
    expect(required.message).toContain("now requires tenant_id");
  });

  test("a request field renamed with its schema unchanged reads as one rename", () => {
    const change = onlyChange(
      changesOf(
        driftAgainst("kombo", (published) => {
          const body = createLinkBody(published);
          body.properties.origin_reference = body.properties.end_user_origin_id;
          delete body.properties.end_user_origin_id;
        }),
      ),
    );
    expect(change).toMatchObject({ class: "promises", kind: "property-renamed", ours: "end_user_origin_id", published: "origin_reference" });
  });

  test("a request field no longer required: behind (the mock refuses requests the API takes)", () => {
    const change = onlyChange(changesOf(driftAgainst("kombo", (published) => (createLinkBody(published).required = ["end_user_organization_name"]))));
    expect(change).toMatchObject({ class: "behind", kind: "required", where: "request body › end_user_email" });
  });

  test("a response field that may now be null: behind", () => {
    const change = onlyChange(
      changesOf(driftAgainst("kombo", (published) => (byTokenData(published).properties.end_user_organization_name.type = ["string", "null"]))),
    );
    expect(change).toMatchObject({ class: "behind", kind: "nullability" });
    expect(change.message).toBe("Kombo now allows `null` for end_user_organization_name");
  });

  test("a response enum value dropped: promises; a new default: promises; a format dropped: behind", () => {
    const dropped = onlyChange(changesOf(driftAgainst("kombo", (published) => byTokenData(published).properties.setup_status.enum.splice(1, 1))));
    expect(dropped).toMatchObject({ class: "promises", kind: "enum-value-removed", ours: "FINAL_SYNC_PENDING" });
    const defaulted = onlyChange(changesOf(driftAgainst("kombo", (published) => (createLinkBody(published).properties.link_type.default = "MAGIC_LINK"))));
    expect(defaulted).toMatchObject({ class: "promises", kind: "default", ours: "EMBEDDED", published: "MAGIC_LINK" });
    const unformatted = onlyChange(
      changesOf(
        driftAgainst("kombo", (published) => delete published.components.schemas.PostConnectCreateLinkPositiveResponse.properties.data.properties.link.format),
      ),
    );
    expect(unformatted).toMatchObject({ class: "behind", kind: "format", ours: "uri", published: null });
  });

  test("a tighter constraint: promises; a looser one: behind", () => {
    const tighter = onlyChange(
      changesOf(driftAgainst("kombo", (published) => (createLinkBody(published).properties.end_user_organization_name.maxLength = 100))),
    );
    expect(tighter).toMatchObject({ class: "promises", kind: "constraint" });
    const looser = onlyChange(
      changesOf(driftAgainst("kombo", (published) => delete createLinkBody(published).properties.end_user_organization_name.minLength)),
    );
    expect(looser).toMatchObject({ class: "behind", kind: "constraint" });
  });

  test("a new method on one of our paths: behind; our operation gone: promises; moved: promises", () => {
    const added = onlyChange(
      changesOf(
        driftAgainst(
          "kombo",
          (published) => (published.paths["/connect/create-link"].get = { operationId: "GetLinks", responses: { "200": { description: "ok" } } }),
        ),
      ),
    );
    expect(added).toMatchObject({ class: "behind", kind: "operation-added", operations: ["GET /connect/create-link"] });
    const gone = onlyChange(changesOf(driftAgainst("kombo", (published) => delete published.paths["/connect/create-link"])));
    expect(gone).toMatchObject({ class: "promises", kind: "operation-removed" });
    const moved = onlyChange(
      changesOf(
        driftAgainst("kombo", (published) => {
          published.paths["/connect/links"] = published.paths["/connect/create-link"];
          delete published.paths["/connect/create-link"];
        }),
      ),
    );
    expect(moved).toMatchObject({ class: "promises", kind: "operation-moved" });
    expect(moved.message).toContain("POST /connect/links");
  });

  test("a new status: behind, and the statuses we declared ourselves stay silent", () => {
    const change = onlyChange(
      changesOf(driftAgainst("kombo", (published) => (published.paths["/connect/create-link"].post.responses["409"] = { description: "Conflict" }))),
    );
    expect(change).toMatchObject({ class: "behind", kind: "status-added", published: "409" });
  });

  test("an API key header instead of bearer: behind for the new way, promises for the old, at each operation's `security`", () => {
    const changes = changesOf(
      driftAgainst("kombo", (published) => (published.components.securitySchemes.ApiKey = { type: "apiKey", in: "header", name: "X-API-Key" })),
    );
    expect(changes.map((change) => `${change.class} ${change.operations.join()}: ${change.message}`).sort()).toEqual([
      "behind GET /connect/integration-by-token/{token}: Kombo now accepts API key in header X-API-Key; the mock refuses it",
      "behind POST /connect/create-link: Kombo now accepts API key in header X-API-Key; the mock refuses it",
      "promises GET /connect/integration-by-token/{token}: Kombo no longer accepts HTTP bearer",
      "promises POST /connect/create-link: Kombo no longer accepts HTTP bearer",
    ]);
    expect(changes.map((change) => change.spec.pointer)).toContain("/paths/~1connect~1create-link/post/security");
  });

  test("reworded descriptions and changed examples are cosmetic: exit 0", () => {
    const report = driftAgainst("kombo", (published) => {
      createLinkBody(published).properties.integration_tool.description = "Pick the tool this link is for.";
      published.paths["/connect/create-link"].post.requestBody.content["application/json"].examples.example1.value.language = "de";
    });
    expect(
      changesOf(report)
        .map((change) => `${change.class} ${change.kind}`)
        .sort(),
    ).toEqual(["cosmetic description", "cosmetic example"]);
    expect(summarise([report]).exitCode).toBe(0);
  });

  test("a marked text that moves again is reported, with the digest to record", () => {
    const change = onlyChange(changesOf(driftAgainst("kombo", (published) => (published.paths["/connect/create-link"].post.description = "New words."))));
    expect(change).toMatchObject({ class: "cosmetic", kind: "description" });
    expect(change.fix).toMatch(/set `published.description` of the x-departure to "sha256:[0-9a-f]{16}"/);
  });
});

describe("Kinde (published as OpenAPI 3.0)", () => {
  test("the auth_url answer gains a required field: named, and our spec is behind", () => {
    const change = onlyChange(
      changesOf(
        driftAgainst("kinde", (published) => {
          const schema = published.components.schemas.connected_apps_auth_url;
          schema.properties.expires_at = { type: "string", format: "date-time", nullable: false };
          schema.required = ["expires_at"];
        }),
      ),
    );
    expect(change).toMatchObject({
      class: "behind",
      kind: "property-added",
      where: "200 response › expires_at",
      operations: ["GET /api/v1/connected_apps/auth_url"],
    });
    expect(change.message).toBe("Kinde now sends expires_at (string, always); our types and mock lack it");
  });

  test("a changed type: promises; nullable in 3.0 terms: behind", () => {
    const retyped = onlyChange(
      changesOf(
        driftAgainst("kinde", (published) => (published.components.schemas.connected_apps_access_token.properties.access_token_expiry.type = "integer")),
      ),
    );
    expect(retyped).toMatchObject({ class: "promises", kind: "type", ours: "string", published: "integer" });
    const nullable = onlyChange(
      changesOf(driftAgainst("kinde", (published) => (published.components.schemas.connected_apps_access_token.properties.access_token.nullable = true))),
    );
    expect(nullable).toMatchObject({ class: "behind", kind: "nullability" });
  });

  test("a published format where we recorded none is reported, naming the mark", () => {
    const change = onlyChange(
      changesOf(
        driftAgainst("kinde", (published) => (published.components.schemas.connected_apps_access_token.properties.access_token_expiry.format = "unix-time")),
      ),
    );
    expect(change).toMatchObject({ class: "promises", kind: "format", ours: "date-time", published: "unix-time" });
    expect(change.message).toContain("the x-departure records the published `format` as null");
  });

  test("a new status: behind; a dropped status: promises", () => {
    const changes = changesOf(
      driftAgainst("kinde", (published) => {
        kindePath(published, "token").get.responses["404"] = { description: "Not found." };
        delete kindePath(published, "revoke").post.responses["405"];
      }),
    );
    expect(changes.map((change) => `${change.class} ${change.kind} ${change.operations.join()}`)).toEqual([
      "promises status-removed POST /api/v1/connected_apps/revoke",
      "behind status-added GET /api/v1/connected_apps/token",
    ]);
  });

  test("a new required query parameter: promises; a renamed one: promises; a new optional one: behind", () => {
    const required = onlyChange(
      changesOf(
        driftAgainst("kinde", (published) =>
          kindePath(published, "auth_url").get.parameters.push({ name: "client_id", in: "query", required: true, schema: { type: "string" } }),
        ),
      ),
    );
    expect(required).toMatchObject({ class: "promises", kind: "parameter-added", where: "query parameter client_id" });
    const renamed = onlyChange(changesOf(driftAgainst("kinde", (published) => (kindePath(published, "revoke").post.parameters[0].name = "sid"))));
    expect(renamed).toMatchObject({ class: "promises", kind: "parameter-renamed", ours: "session_id", published: "sid" });
    const optional = onlyChange(
      changesOf(
        driftAgainst("kinde", (published) => kindePath(published, "token").get.parameters.push({ name: "refresh", in: "query", schema: { type: "boolean" } })),
      ),
    );
    expect(optional).toMatchObject({ class: "behind", kind: "parameter-added" });
  });

  test("the user_id parameter back to a required integer (the 2023 shape): required and type, both promises", () => {
    const changes = changesOf(
      driftAgainst("kinde", (published) => {
        const userId = kindePath(published, "auth_url").get.parameters.find((parameter: Doc) => parameter.name === "user_id");
        userId.required = true;
        userId.schema.type = "integer";
      }),
    );
    expect(changes.map((change) => `${change.class} ${change.kind}`).sort()).toEqual(["promises required", "promises type"]);
  });

  test("revoke answering a new shape (`result` instead of `message`, `code`): a rename", () => {
    const change = onlyChange(
      changesOf(
        driftAgainst("kinde", (published) => {
          const schema = published.components.schemas.success_response;
          schema.properties = { result: { type: "string", example: "Success" }, code: schema.properties.code };
        }),
      ),
    );
    expect(change).toMatchObject({ class: "promises", kind: "property-renamed", ours: "message", published: "result" });
  });

  test("a scope change: promises; a dropped media type: promises", () => {
    const scope = onlyChange(changesOf(driftAgainst("kinde", (published) => (kindePath(published, "auth_url").get["x-scope"] = "read:connected_apps_urls"))));
    expect(scope).toMatchObject({ class: "promises", kind: "security", published: "read:connected_apps_urls" });
    const media = onlyChange(
      changesOf(driftAgainst("kinde", (published) => delete kindePath(published, "token").get.responses["200"].content["application/json; charset=utf-8"])),
    );
    expect(media).toMatchObject({ class: "promises", kind: "media-type-removed", ours: "application/json; charset=utf-8" });
  });

  test("the revoke scope, now published as we have it: the mark is obsolete, nothing else", () => {
    const change = onlyChange(changesOf(driftAgainst("kinde", (published) => (kindePath(published, "revoke").post["x-scope"] = "create:connected_apps"))));
    expect(change).toMatchObject({ class: "cosmetic", kind: "departure-obsolete" });
  });
});
