import { readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { packageRoot } from "../providers/files.js";
import { providerIds, providers, type ProviderId } from "../providers/registry.js";
import { compareOperations } from "./compare-operation.js";
import { DriftContext } from "./context.js";
import { DocumentView, parseOpenApi, readSource, shownSource } from "./document.js";
import { driftClasses, summarise, type DriftChange, type DriftReport, type ProviderDriftReport } from "./model.js";
import { readOurSpec } from "./spec-lines.js";

export interface DriftInput {
  provider: ProviderId;
  /** Our spec: its YAML text and the name to show for it (e.g. `specs/kombo.yaml`). */
  ours: { file: string; text: string };
  /** The provider's published document: its text (JSON or YAML, OpenAPI 3.0 or 3.1) and where it came from. */
  published: { source: string; text: string };
}

/*
 * Written by hand, not on an OpenAPI diff library (evaluated 2026-11-30): `openapi-diff` 0.24 (Atlassian)
 * refuses OpenAPI 3.1 documents (its swagger-parser supports 3.0.x only), and `@useoptic/openapi-utilities`
 * 1.0.9 yields a raw JSON-pointer diff of dereferenced documents that does not normalise 3.0 against 3.1
 * (`nullable` vs type lists), does not know requests from responses, and knows no renames; classing,
 * departure marks and normalisation would all still be ours to write. What drift needs is a walk of our
 * operations and the schemas they reach, side by side with the published ones.
 */
export function driftOf(input: DriftInput): ProviderDriftReport {
  const ours = readOurSpec(input.ours.text, input.ours.file);
  const published = parseOpenApi(input.published.text, input.published.source);
  const context = new DriftContext(input.provider, new DocumentView(ours.root), new DocumentView(published), input.ours.file, ours.lineOf);
  compareOperations(context);
  const info = published.info as { version?: unknown } | undefined;
  const order = (value: Pick<DriftChange, "class" | "spec">) => [driftClasses.indexOf(value.class), value.spec.line ?? 0] as const;
  const changes = context.changes().sort((left, right) => {
    const [leftClass, leftLine] = order(left);
    const [rightClass, rightLine] = order(right);
    return leftClass - rightClass || leftLine - rightLine;
  });
  return {
    provider: input.provider,
    source: input.published.source,
    publishedVersion: typeof info?.version === "string" ? info.version : undefined,
    ourSpec: input.ours.file,
    changes,
  };
}

/** The folder holding our specs: `specs/` at the package root (source or built). */
export function specsDirectory(): string {
  return join(packageRoot(), "specs");
}

/** Loads our spec and each given published document (file or URL), and compares them. */
export async function runDrift(sources: Partial<Record<ProviderId, string>>, specs: string = specsDirectory()): Promise<DriftReport> {
  const reports: ProviderDriftReport[] = [];
  for (const provider of providerIds) {
    const source = sources[provider];
    if (source === undefined) continue;
    const file = join(specs, basename(providers[provider].specFile));
    const [ourText, publishedText] = await Promise.all([readFile(file, "utf8"), readSource(source)]);
    const shownFile = relative(process.cwd(), file) || file;
    reports.push(driftOf({ provider, ours: { file: shownFile, text: ourText }, published: { source: shownSource(source), text: publishedText } }));
  }
  return summarise(reports);
}
