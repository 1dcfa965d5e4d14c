/** What a drift run finds: changes between our spec and a provider's published document, and how each is classed. */

import type { ProviderId } from "../providers/registry.js";

/**
 * - `behind`: the provider accepts or sends more than our spec says; the mock or the types would refuse real traffic.
 * - `promises`: our spec promises what the provider no longer does (a field, a type, a status, a way to authenticate).
 * - `cosmetic`: descriptions, summaries, examples, operation ids, obsolete departure marks; no effect on traffic.
 */
export type DriftClass = "behind" | "promises" | "cosmetic";

/** In the order reports list them: what breaks clients first. */
export const driftClasses: readonly DriftClass[] = ["promises", "behind", "cosmetic"];

export type ChangeKind =
  | "operation-added"
  | "operation-removed"
  | "operation-moved"
  | "status-added"
  | "status-removed"
  | "media-type-added"
  | "media-type-removed"
  | "body-added"
  | "body-removed"
  | "parameter-added"
  | "parameter-removed"
  | "parameter-renamed"
  | "required"
  | "property-added"
  | "property-removed"
  | "property-renamed"
  | "type"
  | "nullability"
  | "format"
  | "default"
  | "enum-value-added"
  | "enum-value-removed"
  | "constraint"
  | "composition"
  | "security"
  | "description"
  | "summary"
  | "example"
  | "operation-id"
  | "deprecated"
  | "departure-obsolete";

export interface DriftChange {
  provider: ProviderId;
  class: DriftClass;
  kind: ChangeKind;
  /** The operations it touches, as `METHOD /path`. */
  operations: string[];
  /** Where inside the operation, e.g. `request body › integration_tool`. */
  where: string;
  /** One sentence naming the change, e.g. "Kombo now lists tool `x` in integration_tool". */
  message: string;
  /** What to change in our spec. */
  fix: string;
  /** The file of our spec, its JSON pointer to the node to edit, and that node's line. */
  spec: { file: string; pointer: string; line: number | undefined };
  ours?: unknown;
  published?: unknown;
}

export interface ProviderDriftReport {
  provider: ProviderId;
  /** Where the published document came from (file or URL), and its `info.version`. */
  source: string;
  publishedVersion: string | undefined;
  ourSpec: string;
  changes: DriftChange[];
}

export interface DriftReport {
  providers: ProviderDriftReport[];
  counts: Record<DriftClass, number>;
  /** 0: nothing but cosmetics; 1: drift. */
  exitCode: 0 | 1;
}

export function summarise(providers: ProviderDriftReport[]): DriftReport {
  const counts: Record<DriftClass, number> = { behind: 0, promises: 0, cosmetic: 0 };
  for (const change of providers.flatMap((provider) => provider.changes)) counts[change.class] += 1;
  return { providers, counts, exitCode: counts.behind + counts.promises > 0 ? 1 : 0 };
}
