import { describe, expect, it } from "vitest";
import { providerDocuments, providerValidators } from "../../providers/documents.js";
import { providerIds } from "../../providers/registry.js";
import type { OpenApiDocument } from "../document.js";
import { compileSpec, type SpecIndex } from "../spec-index.js";
import { SchemaCompiler, type Validator } from "../validation.js";

/** Values that break schemas in many ways: wrong types, missing and extra properties, bad formats and lengths. */
function variantsOf(value: unknown): unknown[] {
  const variants: unknown[] = [value, null, 7, "text", [], {}, [value]];
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      const { [key]: dropped, ...without } = value as Record<string, unknown>;
      variants.push(without, { ...value, [key]: null }, { ...value, [key]: 42 }, { ...value, [key]: "not a uri or email", extra: true });
      if (typeof dropped === "object" && dropped !== null) for (const inner of variantsOf(dropped).slice(1, 5)) variants.push({ ...value, [key]: inner });
    }
  }
  return variants;
}

/** Every validator of a compiled spec, by where it sits, with the values to try on it. */
function validatorsOf(spec: SpecIndex): { where: string; validate: Validator; values: unknown[] }[] {
  return spec.operations.flatMap((operation) => [
    ...operation.parameters.map((parameter) => ({ where: `${operation.operationId} ${parameter.in}.${parameter.name}`, validate: parameter.validate, values: ["x", "", "1", 3, null] })),
    ...[...(operation.requestBody?.content.values() ?? []), ...[...operation.responses.values()].flatMap((response) => response.media)].map((media) => ({
      where: `${operation.operationId} ${media.mediaType}`,
      validate: media.validate,
      values: [...media.examples.values()].flatMap(variantsOf),
    })),
  ]);
}

describe("validators compiled ahead of time (npm run generate)", () => {
  for (const id of providerIds) {
    it(`${id}: judge every example and broken variant exactly as validators compiled at start`, () => {
      const ahead = validatorsOf(compileSpec(providerDocuments[id], { precompiled: providerValidators[id] }));
      const atStart = validatorsOf(compileSpec(providerDocuments[id]));
      let broken = 0;
      for (const [index, { where, validate, values }] of ahead.entries()) {
        for (const value of values) {
          const issues = validate(value);
          expect(issues, `${where}: ${JSON.stringify(value)}`).toEqual(atStart[index]?.validate(value));
          if (issues.length > 0) broken++;
        }
      }
      expect(broken).toBeGreaterThan(100);
    });

    it(`${id}: cover every schema the spec compiles, so the mock compiles none at start`, () => {
      const compiler = new SchemaCompiler(providerDocuments[id], { precompiled: providerValidators[id] });
      compileSpec(providerDocuments[id], { compiler });
      expect(Object.keys(compiler.compiledReferences()).sort()).toEqual(Object.keys(providerValidators[id].byPointer).sort());
      expect(compiler.compiledWithAjv()).toEqual([]);
    });
  }

  it("are not used for another document, even a copy of the spec", () => {
    const copy = structuredClone(providerDocuments.kombo) as OpenApiDocument;
    const compiler = new SchemaCompiler(copy, { precompiled: providerValidators.kombo });
    compileSpec(copy, { compiler });
    expect(compiler.compiledWithAjv().length).toBe(Object.keys(providerValidators.kombo.byPointer).length);
  });
});
