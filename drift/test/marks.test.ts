import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { driftOf } from "../drift.js";
import { brief, type Doc } from "./fixtures.js";

/** A one-operation spec of ours whose marks use every kind of entry; `published` is what the provider publishes. */
function ours(): Doc {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "ListThings",
          parameters: [
            { name: "page", in: "query", schema: { type: "integer" } },
            { name: "trace", in: "header", schema: { type: "string" }, "x-departure": { reason: "our debugging header", "ours-only": true } },
          ],
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      colour: { type: "string", enum: ["red", "green"], "x-departure": { reason: "we leave blue out", "enum-removed": ["blue"] } },
                      size: { type: "integer" },
                      mock_only: { type: "boolean", "x-departure": { reason: "only the mock sends it", "ours-only": true } },
                    },
                    required: ["colour"],
                    "x-departure": { reason: "size is not always there, whatever the provider says", "required-removed": ["size"] },
                  },
                },
              },
            },
          },
        },
      },
      "/ours": {
        post: {
          operationId: "Ours",
          "x-departure": { reason: "not in the provider's document", "ours-only": true },
          responses: { "204": { description: "done" } },
        },
      },
    },
  };
}

function published(): Doc {
  const document = ours();
  delete document.paths["/ours"];
  const list = document.paths["/things"].get;
  list.parameters = list.parameters.slice(0, 1);
  const schema = list.responses["200"].content["application/json"].schema;
  schema.properties.colour = { type: "string", enum: ["red", "green", "blue"] };
  delete schema.properties.mock_only;
  schema.required = ["colour", "size"];
  delete schema["x-departure"];
  return document;
}

function drift(change: (document: Doc) => void = () => {}): string[] {
  const document = published();
  change(document);
  const report = driftOf({
    provider: "kinde",
    ours: { file: "ours.yaml", text: stringify(ours()) },
    published: { source: "p.json", text: JSON.stringify(document) },
  });
  return report.changes.map(brief).sort();
}

describe("every kind of mark entry", () => {
  test("ours-only (operation, parameter, property), enum-removed and required-removed silence exactly what they name", () => {
    expect(drift()).toEqual([]);
  });

  test("what a mark does not name is still reported", () => {
    expect(
      drift((document) => {
        const schema = document.paths["/things"].get.responses["200"].content["application/json"].schema;
        schema.properties.colour.enum.push("black");
        schema.required.push("colour_code");
        schema.properties.colour_code = { type: "string" };
      }),
    ).toEqual([
      "behind enum-value-added: Kinde now lists colour `black`",
      "behind property-added: Kinde now sends colour_code (string, always); our types and mock lack it",
    ]);
  });

  test("an ours-only property or parameter is never taken for the old name of a rename", () => {
    expect(
      drift((document) => {
        document.paths["/things"].get.responses["200"].content["application/json"].schema.properties.is_new = { type: "boolean" };
        document.paths["/things"].get.parameters.push({ name: "x-request-id", in: "header", schema: { type: "string" } });
      }),
    ).toEqual([
      "behind parameter-added: Kinde now accepts header parameter x-request-id (optional); the typed client cannot send it",
      "behind property-added: Kinde now sends is_new (boolean, optional); our types and mock lack it",
    ]);
  });

  test("a mark the provider caught up with is reported obsolete, and only as cosmetic", () => {
    expect(
      drift((document) => {
        const schema = document.paths["/things"].get.responses["200"].content["application/json"].schema;
        schema.properties.colour.enum = ["red", "green"];
        schema.required = ["colour"];
        document.paths["/ours"] = { post: { responses: { "204": { description: "done" } } } };
      }),
    ).toEqual([
      "cosmetic departure-obsolete: Kinde now publishes POST /ours as our spec has it; the x-departure entry `ours-only` is no longer needed",
      'cosmetic departure-obsolete: Kinde now publishes colour without "blue" as our spec has it; the x-departure entry `enum-removed: "blue"` is no longer needed',
      "cosmetic departure-obsolete: Kinde now publishes size as optional as our spec has it; the x-departure entry `required-removed: size` is no longer needed",
    ]);
  });
});
