import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { digestedKeywords } from "../canonical.js";
import { driftOf, specsDirectory } from "../drift.js";
import type { ProviderId } from "../../providers/registry.js";
import type { DriftChange, ProviderDriftReport } from "../model.js";

// Plain parsed YAML/JSON, edited in place by the tests; `any` stays inside the test folder.
export type Doc = Record<string, any>;

export function ourSpecText(provider: ProviderId): string {
  return readFileSync(join(specsDirectory(), `${provider}.yaml`), "utf8");
}

function isObject(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function target(root: Doc, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, token) => (isObject(node) || Array.isArray(node) ? (node as Doc)[token] : undefined), root);
}

function oursOnly(node: unknown): boolean {
  return isObject(node) && isObject(node["x-departure"]) && node["x-departure"]["ours-only"] === true;
}

/**
 * A document like the provider's published one, derived from our spec: every known departure undone
 * (ours-only nodes and references to them dropped, added enum values and `required` names removed,
 * recorded keyword values put back). Text recorded only as a digest (descriptions, example values)
 * cannot be put back and stays ours. Kinde's comes out as OpenAPI 3.0, as Kinde publishes it.
 */
export function publishedFromOurs(provider: ProviderId): Doc {
  const document = parse(ourSpecText(provider), { maxAliasCount: -1 }) as Doc;
  const dropReferencesToOursOnly = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) {
        const entry: unknown = node[index];
        if (isObject(entry) && typeof entry.$ref === "string" && oursOnly(target(document, entry.$ref))) node.splice(index, 1);
        else dropReferencesToOursOnly(entry);
      }
    } else if (isObject(node)) {
      for (const [key, entry] of Object.entries(node)) {
        if (isObject(entry) && typeof entry.$ref === "string" && oursOnly(target(document, entry.$ref))) delete node[key];
        else dropReferencesToOursOnly(entry);
      }
    }
  };
  const undo = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) {
        if (oursOnly(node[index])) node.splice(index, 1);
        else undo(node[index]);
      }
      return;
    }
    if (!isObject(node)) return;
    for (const [key, entry] of Object.entries(node)) {
      if (oursOnly(entry)) delete node[key];
      else undo(entry);
    }
    const mark = node["x-departure"];
    if (!isObject(mark)) return;
    const listed = (key: string): string[] => (Array.isArray(mark[key]) ? mark[key].map((value: unknown) => JSON.stringify(value)) : []);
    if (Array.isArray(node.enum)) node.enum = node.enum.filter((value: unknown) => !listed("enum-added").includes(JSON.stringify(value)));
    if (Array.isArray(mark["enum-removed"])) node.enum = [...(node.enum ?? []), ...mark["enum-removed"]];
    if (Array.isArray(node.required)) {
      node.required = node.required.filter((name: string) => !listed("required-added").includes(JSON.stringify(name)));
      if (node.required.length === 0) delete node.required;
    }
    if (Array.isArray(mark["required-removed"])) node.required = [...(node.required ?? []), ...mark["required-removed"]];
    for (const [keyword, value] of Object.entries(isObject(mark.published) ? mark.published : {})) {
      if (digestedKeywords.has(keyword)) continue;
      if (value === null) delete node[keyword];
      else node[keyword] = value;
    }
    delete node["x-departure"];
  };
  dropReferencesToOursOnly(document.paths);
  undo(document);
  return provider === "kinde" ? toOpenApi30(document) : document;
}

/** OpenAPI 3.1 → 3.0 as Kinde writes it: `type: [x, "null"]` → `type: x, nullable: true`, schema `examples: [v]` → `example: v`. */
function toOpenApi30(document: Doc): Doc {
  const convert = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(convert);
    if (!isObject(node)) return;
    if (Array.isArray(node.type)) {
      const types = node.type.filter((type: unknown) => type !== "null");
      if (types.length < node.type.length) node.nullable = true;
      node.type = types[0];
    } else if (typeof node.type === "string") node.nullable = false;
    if (Array.isArray(node.examples) && typeof node.type === "string") {
      node.example = node.examples[0];
      delete node.examples;
    }
    Object.values(node).forEach(convert);
  };
  convert(document);
  document.openapi = "3.0.0";
  return document;
}

/** Drift of our spec against a published-like document, after `mutate` edits it. */
export function driftAgainst(provider: ProviderId, mutate: (published: Doc) => void = () => {}, format: "json" | "yaml" = "json"): ProviderDriftReport {
  const published = publishedFromOurs(provider);
  mutate(published);
  return driftOf({
    provider,
    ours: { file: `specs/${provider}.yaml`, text: ourSpecText(provider) },
    published: { source: `fixture.${format}`, text: format === "json" ? JSON.stringify(published) : stringify(published) },
  });
}

/** The changes a mutation caused: all but the obsolete-mark notes that digested text leaves in every derived document. */
export function changesOf(report: ProviderDriftReport): DriftChange[] {
  return report.changes.filter((change) => !(change.kind === "departure-obsolete" && /published\.(description|summary|value)/.test(change.message)));
}

export function brief(change: DriftChange): string {
  return `${change.class} ${change.kind}: ${change.message}`;
}
