import standaloneCode from "ajv/dist/standalone/index.js";
import type { OpenApiDocument } from "../../openapi/document.js";
import { compileSpec } from "../../openapi/spec-index.js";
import { SchemaCompiler } from "../../openapi/validation.js";

// ajv's standalone/index.js is CommonJS with a default export that NodeNext sees as the module namespace.
type StandaloneCode = (ajv: SchemaCompiler["ajv"], references: Record<string, string>) => string;
const moduleCode = ((standaloneCode as unknown as { default?: unknown }).default ?? standaloneCode) as StandaloneCode;

/** ajv's runtime helpers and ajv-formats' formats, as the standalone code `require`s them. */
const requirePattern = /require\("(ajv\/dist\/runtime\/[a-z0-9_]+|ajv-formats\/dist\/formats)"\)/g;

/**
 * `generated/<provider>/validators.ts`: every schema `compileSpec` compiles (parameters, bodies, answers),
 * compiled ahead of time as ajv's standalone code, so neither the mock server nor the browser compiles one at
 * start. Its `require`s become imports (the code is an ES module); CommonJS defaults are read either way a
 * runtime or bundler hands them over.
 */
export function validatorsModule(document: OpenApiDocument, banner: string, specModule: string): string {
  const compiler = new SchemaCompiler(document, { keepSource: true });
  compileSpec(document, { compiler });
  const references = compiler.compiledReferences();
  const pointers = Object.keys(references);
  const names = Object.fromEntries(pointers.map((pointer, index) => [`v${index}`, references[pointer] as string]));
  const imports = new Map<string, string>();
  const code = moduleCode(compiler.ajv, names)
    .replace(/^"use strict";/, "")
    .replace(/export const (v\d+) = /g, "const $1 = ")
    .replace(requirePattern, (_: string, path: string) => {
      const name = `module${imports.size}`;
      if (!imports.has(path)) imports.set(path, name);
      return `cjsDefault(${imports.get(path)})`;
    });
  const importLines = [...imports].map(([path, name]) => `import * as ${name} from "${path}.js";`);
  const table = pointers.map((pointer, index) => `    ${JSON.stringify(pointer)}: v${index},`).join("\n");
  return `${banner}// @ts-nocheck: ajv's standalone code, not written for TypeScript.
/* eslint-disable */
import type { PrecompiledValidators } from "../../openapi/validation.js";
import document from "${specModule}";
${importLines.join("\n")}

/** A CommonJS module's \`module.exports\` (ajv's \`require\`), whether handed over as the namespace or as its default. */
const cjsDefault = (namespace) => (typeof namespace.default === "object" && namespace.default !== null ? namespace.default : namespace);

${code}

/** Every schema of the spec that the mock and the suite check, by JSON pointer, compiled by \`npm run generate\`. */
export const validators: PrecompiledValidators = {
  document,
  byPointer: {
${table}
  },
};
`;
}
