import kindeDocument from "../generated/kinde/spec.js";
import { validators as kindeValidators } from "../generated/kinde/validators.js";
import komboDocument from "../generated/kombo/spec.js";
import { validators as komboValidators } from "../generated/kombo/validators.js";
import type { OpenApiDocument } from "../openapi/document.js";
import type { PrecompiledValidators } from "../openapi/validation.js";
import { basePathOf } from "../openapi/spec-index.js";
import type { ProviderId } from "./registry.js";

/** Each provider's spec as data (`npm run generate` writes it from `specs/`). */
export const providerDocuments: Readonly<Record<ProviderId, OpenApiDocument>> = {
  kombo: komboDocument as unknown as OpenApiDocument,
  kinde: kindeDocument as unknown as OpenApiDocument,
};

/** Each spec's schemas compiled ahead of time by `npm run generate` (`compileSpec(document, { precompiled })`). */
export const providerValidators: Readonly<Record<ProviderId, PrecompiledValidators>> = {
  kombo: komboValidators,
  kinde: kindeValidators,
};

/** The API's base path, from the spec's first server: `/v1` for Kombo, `` for Kinde. */
export function providerBasePath(id: ProviderId): string {
  return basePathOf(providerDocuments[id]);
}
