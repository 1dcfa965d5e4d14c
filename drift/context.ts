import { readDeparture, type Departure } from "../openapi/marks.js";
import { canonicalJson, digest, digestedKeywords } from "./canonical.js";
import type { DocumentView, Located } from "./document.js";
import { providers, type ProviderId } from "../providers/registry.js";
import type { ChangeKind, DriftChange, DriftClass } from "./model.js";

/** Where a comparison stands: the operation, the path inside it, and whether it is what clients send or what they receive. */
export interface Site {
  operation: string;
  path: string[];
  direction: "request" | "response";
}

export function within(site: Site, ...segments: string[]): Site {
  return { ...site, path: [...site.path, ...segments] };
}

export interface ChangeDraft {
  class: DriftClass;
  kind: ChangeKind;
  message: string;
  fix: string;
  /** JSON pointer, in our spec, of the node to edit. */
  pointer: string;
  ours?: unknown;
  published?: unknown;
}

export interface KeywordComparison {
  /** Our node, which may carry a mark recording the keyword's published value. */
  node: Located;
  keyword: string;
  ours: unknown;
  published: unknown;
  /** Turns a value (ours, published, or a mark's record of it) into a comparable string. */
  canonical?: (value: unknown) => string;
  /** The change to report when the published value differs and no mark records it. */
  change: () => ChangeDraft;
}

/** Collects the changes of one provider, merges the ones a shared component causes in several places, and applies marks. */
export class DriftContext {
  private readonly found = new Map<string, DriftChange>();

  constructor(
    readonly provider: ProviderId,
    readonly ours: DocumentView,
    readonly published: DocumentView,
    private readonly ourFile: string,
    private readonly lineOf: (pointer: string) => number | undefined,
  ) {}

  get title(): string {
    return providers[this.provider].title;
  }

  mark(node: Located): Departure | undefined {
    return readDeparture(node.node, node.pointer);
  }

  report(site: Site, draft: ChangeDraft): void {
    const where = site.path.join(" › ");
    const key = `${draft.kind}\u0000${draft.pointer}\u0000${draft.message}`;
    const existing = this.found.get(key);
    if (existing) {
      if (!existing.operations.includes(site.operation)) existing.operations.push(site.operation);
      return;
    }
    const change: DriftChange = {
      provider: this.provider,
      class: draft.class,
      kind: draft.kind,
      operations: [site.operation],
      where,
      message: draft.message,
      fix: draft.fix,
      spec: { file: this.ourFile, pointer: draft.pointer, line: this.lineOf(draft.pointer) },
    };
    if ("ours" in draft) change.ours = draft.ours;
    if ("published" in draft) change.published = draft.published;
    this.found.set(key, change);
  }

  /** A mark entry that no longer marks a difference: the provider now publishes what we have. */
  obsolete(site: Site, node: Located, entry: string, detail: string): void {
    this.report(site, {
      class: "cosmetic",
      kind: "departure-obsolete",
      message: `${this.title} now publishes ${detail} as our spec has it; the x-departure entry \`${entry}\` is no longer needed`,
      fix: `remove \`${entry}\` from the x-departure (and its row in specs/README.md)`,
      pointer: `${node.pointer}/x-departure`,
    });
  }

  /** Compares one keyword of a node, silent where the node's mark records the published value. */
  keyword(site: Site, comparison: KeywordComparison): void {
    const canonical = comparison.canonical ?? canonicalJson;
    const same = canonical(comparison.ours) === canonical(comparison.published);
    const mark = this.mark(comparison.node);
    if (!mark || !(comparison.keyword in mark.published)) {
      if (!same) this.report(site, comparison.change());
      return;
    }
    const recorded = mark.published[comparison.keyword];
    if (same) {
      this.obsolete(site, comparison.node, `published.${comparison.keyword}`, `the \`${comparison.keyword}\` of ${site.path.at(-1) ?? site.operation}`);
      return;
    }
    const matches = digestedKeywords.has(comparison.keyword)
      ? recorded === (comparison.published === undefined ? null : digest(comparison.published))
      : canonical(recorded === null ? undefined : recorded) === canonical(comparison.published);
    if (matches) return;
    const draft = comparison.change();
    const shown =
      digestedKeywords.has(comparison.keyword) && comparison.published !== undefined ? digest(comparison.published) : (comparison.published ?? null);
    this.report(site, {
      ...draft,
      message: `${draft.message} (the x-departure records the published \`${comparison.keyword}\` as ${JSON.stringify(recorded)})`,
      fix: `${draft.fix}, then set \`published.${comparison.keyword}\` of the x-departure to ${JSON.stringify(shown)}`,
    });
  }

  changes(): DriftChange[] {
    return [...this.found.values()];
  }
}
