import { describe, expect, test } from "vitest";
import kindeDocument from "../../generated/kinde/spec.js";
import komboDocument from "../../generated/kombo/spec.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec, type CompiledMediaType, type SpecIndex } from "../../openapi/spec-index.js";
import { formatIssue } from "../../openapi/validation.js";

const kombo = compileSpec(komboDocument as unknown as OpenApiDocument);
const kinde = compileSpec(kindeDocument as unknown as OpenApiDocument);
const specs: [string, SpecIndex][] = [
  ["kombo", kombo],
  ["kinde", kinde],
];

interface Body {
  where: string;
  media: CompiledMediaType;
}

/** Every request body and response body media type of a spec, named like `POST /connect/create-link 400 application/json`. */
function bodiesOf(index: SpecIndex): Body[] {
  const bodies: Body[] = [];
  for (const operation of index.operations) {
    const name = `${operation.method} ${operation.pathTemplate}`;
    for (const [mediaType, media] of operation.requestBody?.content ?? []) {
      bodies.push({ where: `${name} request ${mediaType}`, media });
    }
    for (const [status, response] of operation.responses) {
      for (const [mediaType, media] of response.content) bodies.push({ where: `${name} ${status} ${mediaType}`, media });
    }
  }
  return bodies;
}

/** Schema-level `examples: [...]` / `example` anywhere in the document, with the schema that holds them. */
function schemaExamples(node: unknown, at: string, found: { at: string; schema: Record<string, unknown>; value: unknown }[] = []) {
  if (typeof node !== "object" || node === null) return found;
  if (Array.isArray(node)) {
    node.forEach((item, index) => schemaExamples(item, `${at}/${index}`, found));
    return found;
  }
  const record = node as Record<string, unknown>;
  const isSchema = "type" in record || "$ref" in record || "properties" in record || "enum" in record;
  if (isSchema && Array.isArray(record.examples)) {
    record.examples.forEach((value, index) => found.push({ at: `${at}/examples/${index}`, schema: record, value }));
  }
  if (isSchema && "example" in record) found.push({ at: `${at}/example`, schema: record, value: record.example });
  for (const [key, value] of Object.entries(record)) {
    // Media-type and request/response `examples` maps are checked through the compiled spec instead.
    if (key === "examples" && !Array.isArray(value)) continue;
    schemaExamples(value, `${at}/${key}`, found);
  }
  return found;
}

describe.each(specs)("%s spec examples", (_name, index) => {
  test("every request body and every response with a body has at least one example", () => {
    const bodies = bodiesOf(index);
    expect(bodies.length).toBeGreaterThan(0);
    const withoutExample = bodies.filter(({ media }) => media.examples.size === 0).map(({ where }) => where);
    expect(withoutExample).toEqual([]);
  });

  test("every named example validates against its schema (ajv, formats on)", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { where, media } of bodiesOf(index)) {
      for (const [name, value] of media.examples) {
        checked++;
        for (const issue of media.validate(value)) failures.push(`${where} example "${name}": ${formatIssue(issue)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(index.operations.length);
  });

  test("every schema-level example validates against the schema that holds it", () => {
    const found = schemaExamples(index.document, "#");
    expect(found.length).toBeGreaterThan(0);
    const failures = found.flatMap(({ at, schema, value }) =>
      index.compileSchema(schema)(value).map((issue) => `${at}: ${formatIssue(issue)}`),
    );
    expect(failures).toEqual([]);
  });

  test("the example check can fail: an example without its required fields is rejected", () => {
    const [first] = bodiesOf(index).filter(({ media }) => media.examples.size > 0);
    expect(first).toBeDefined();
    expect(first?.media.validate({}).length).toBeGreaterThan(0);
  });
});

describe("kombo error examples", () => {
  const errorStatuses = ["400", "401", "403", "404", "429", "500"];

  function codesOf(operationId: string, status: string): unknown[] {
    const examples = kombo.byOperationId(operationId).responses.get(status)?.content.get("application/json")?.examples;
    return [...(examples?.values() ?? [])].map((value) => (value as { error: { code: unknown } }).error.code);
  }

  test.each(kombo.operations.map((operation) => operation.operationId))(
    "%s: each error status has examples with a PLATFORM code of its own, and default has the all-null minimal error",
    (operationId) => {
      const seen = new Map<unknown, string>();
      for (const status of errorStatuses) {
        const codes = codesOf(operationId, status);
        expect(codes.length, `${status} examples`).toBeGreaterThan(0);
        for (const code of codes) {
          expect(String(code), `${status} code`).toMatch(/^PLATFORM\.[A-Z_]+$/);
          expect(seen.get(code), `${String(code)} is used by ${seen.get(code)} and ${status}`).toBeUndefined();
          seen.set(code, status);
        }
      }
      expect(codesOf(operationId, "default")).toContain(null);
    },
  );
});
