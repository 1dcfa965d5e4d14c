import fc from "fast-check";
import { describe, expect, it } from "vitest";
import kindeDocument from "../../generated/kinde/spec.js";
import komboDocument from "../../generated/kombo/spec.js";
import { arbitraryFromSchema, sampleSeeded, UnsatisfiableSchemaError } from "../scenarios/arbitrary.js";
import type { JsonSchema, OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { formatIssue, type Validator } from "../../openapi/validation.js";

const documents = { kombo: komboDocument, kinde: kindeDocument } as unknown as Record<string, OpenApiDocument>;
const samplesPerSchema = 1500;

interface Target {
  name: string;
  schema: JsonSchema;
  validate: Validator;
}

function targetsOf(provider: string): Target[] {
  const document = documents[provider] as OpenApiDocument;
  const index = compileSpec(document);
  const targets: Target[] = [];
  for (const operation of index.operations) {
    for (const parameter of operation.parameters) {
      if (parameter.schema !== undefined)
        targets.push({ name: `${operation.operationId} ${parameter.in} ${parameter.name}`, schema: parameter.schema, validate: parameter.validate });
    }
    for (const media of operation.requestBody?.content.values() ?? []) {
      if (media.schema !== undefined) targets.push({ name: `${operation.operationId} body ${media.mediaType}`, schema: media.schema, validate: media.validate });
    }
    for (const response of operation.responses.values()) {
      for (const media of response.content.values()) {
        if (media.schema !== undefined)
          targets.push({ name: `${operation.operationId} ${response.status} ${media.mediaType}`, schema: media.schema, validate: media.validate });
      }
    }
  }
  return targets;
}

describe.each(["kombo", "kinde"])("arbitraryFromSchema over every %s schema", (provider) => {
  const document = documents[provider] as OpenApiDocument;
  it.each(targetsOf(provider).map((target) => [target.name, target] as const))("%s: every sample validates", (_name, target) => {
    for (const optionalProperties of ["some", "all", "none"] as const) {
      const arbitrary = arbitraryFromSchema(target.schema, { document, optionalProperties });
      const samples = fc.sample(arbitrary, { seed: 42, numRuns: samplesPerSchema / 3 });
      for (const sample of samples) {
        const issues = target.validate(sample);
        expect(issues.map(formatIssue), JSON.stringify(sample)).toEqual([]);
      }
    }
  });
});

describe("arbitraryFromSchema keywords", () => {
  const index = compileSpec(komboDocument as unknown as OpenApiDocument);
  const check = (schema: JsonSchema, runs = 500): unknown[] => {
    const validate = index.compileSchema(schema);
    const samples = fc.sample(arbitraryFromSchema(schema, { stringCharacters: "unicode" }), { seed: 7, numRuns: runs });
    for (const sample of samples) expect(validate(sample).map(formatIssue), JSON.stringify(sample)).toEqual([]);
    return samples;
  };

  it("honours a pattern with lookaheads", () => {
    const samples = check({ type: "string", pattern: "^(?!x)[a-z]{2,5}$" });
    expect(samples.every((value) => typeof value === "string" && !value.startsWith("x"))).toBe(true);
  });

  it("honours lengths in code points, formats, numbers, arrays and nullable types", () => {
    check({ type: "string", minLength: 3, maxLength: 6 });
    check({ type: "string", format: "email", maxLength: 40 });
    check({ type: "string", format: "uri" });
    check({ type: "string", format: "date-time" });
    check({ type: "integer", minimum: 5, exclusiveMaximum: 50, multipleOf: 5 });
    check({ type: "number", exclusiveMinimum: 0, maximum: 1 });
    check({ type: "array", items: { type: ["string", "null"], enum: ["a", null] }, minItems: 1, maxItems: 3, uniqueItems: true });
    check({ type: "object", properties: { a: { const: 1 } }, required: ["a", "b"] });
    const nullable = check({ type: ["string", "null"] }, 200);
    expect(nullable).toContain(null);
    expect(nullable.some((value) => typeof value === "string")).toBe(true);
  });

  it("resolves local $ref, allOf and oneOf", () => {
    const document = komboDocument as unknown as OpenApiDocument;
    const schema = { allOf: [{ $ref: "#/components/schemas/ErrorResponse" }, { properties: { extra: { type: "boolean" } } }] };
    const validate = index.compileSchema(schema);
    for (const sample of fc.sample(arbitraryFromSchema(schema, { document }), { seed: 1, numRuns: 300 })) expect(validate(sample)).toEqual([]);
    const either = { oneOf: [{ type: "integer" }, { type: "string", enum: ["x"] }] };
    const values = fc.sample(arbitraryFromSchema(either), { seed: 3, numRuns: 200 });
    expect(values.some((value) => value === "x") && values.some((value) => typeof value === "number")).toBe(true);
  });

  it("is repeatable for a seed and says why a schema cannot be satisfied", () => {
    const arbitrary = arbitraryFromSchema({ type: "string", format: "email" });
    expect(sampleSeeded(arbitrary, 99, 5)).toEqual(sampleSeeded(arbitrary, 99, 5));
    expect(sampleSeeded(arbitrary, 99, 5)).not.toEqual(sampleSeeded(arbitrary, 100, 5));
    expect(() => arbitraryFromSchema({ type: "string", enum: [1, 2] })).toThrow(UnsatisfiableSchemaError);
    expect(() => arbitraryFromSchema({ $ref: "#/components/schemas/X" })).toThrow(/options.document/);
  });
});
