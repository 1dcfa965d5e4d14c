import kindeDocument from "../generated/kinde/spec.js";
import komboDocument from "../generated/kombo/spec.js";
import type { OpenApiDocument } from "../openapi/document.js";
import { basePathOf } from "../openapi/spec-index.js";
import type { ProviderId } from "./registry.js";

/** Each provider's spec as data (`npm run generate` writes it from `specs/`). */
export const providerDocuments: Readonly<Record<ProviderId, OpenApiDocument>> = {
  kombo: komboDocument as unknown as OpenApiDocument,
  kinde: kindeDocument as unknown as OpenApiDocument,
};

/** The API's base path, from the spec's first server: `/v1` for Kombo, `` for Kinde. */
export function providerBasePath(id: ProviderId): string {
  return basePathOf(providerDocuments[id]);
}
