import { compareProperties } from "./compare-properties.js";
import { within, type DriftContext, type Site } from "./context.js";
import { canonicalJson, textCanonical } from "./canonical.js";
import { isObject, type Located } from "./document.js";
import type { DriftClass } from "./model.js";
import { describeTypes, lowerBounds, upperBounds, viewSchema, type SchemaView } from "./schema-view.js";

function fieldName(site: Site): string {
  return site.path.at(-1) ?? "the body";
}

function shown(value: unknown): string {
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

const typeCanonical = (value: unknown): string => describeTypes(value instanceof Set ? value : viewSchema({ type: value ?? undefined }).types);
const optionalCanonical = (value: unknown): string => (value === undefined || value === null ? "(none)" : canonicalJson(value));

/** Compares one schema of ours with its published counterpart (both resolved), recursing into properties and items. */
export function compareSchema(context: DriftContext, ours: Located, published: Located, site: Site, stack: Set<string> = new Set()): void {
  const visit = `${ours.pointer}|${published.pointer}`;
  if (stack.has(visit)) return;
  stack.add(visit);
  const our = viewSchema(ours.node);
  const their = viewSchema(published.node);
  compareTypes(context, ours, our, their, site);
  compareEnums(context, ours, our, their, site);
  compareScalars(context, ours, our, their, site);
  compareProperties(context, ours, published, our, their, site, stack);
  compareNested(context, ours, published, site, stack);
  compareWords(context, ours, our, their, site);
  stack.delete(visit);
}

function compareTypes(context: DriftContext, ours: Located, our: SchemaView, their: SchemaView, site: Site): void {
  const field = fieldName(site);
  context.keyword(site, {
    node: ours,
    keyword: "type",
    ours: our.types,
    published: their.types,
    canonical: typeCanonical,
    change: () => {
      const withoutNull = (types: Set<string> | undefined) => (types ? [...types].filter((type) => type !== "null") : undefined);
      const ourTypes = withoutNull(our.types);
      const theirTypes = withoutNull(their.types);
      const sameBesidesNull = canonicalJson(ourTypes?.sort()) === canonicalJson(theirTypes?.sort());
      const publishedList = their.types ? [...their.types] : undefined;
      const fix = publishedList ? `set \`type\` to ${JSON.stringify(publishedList.length === 1 ? publishedList[0] : publishedList)}` : "remove `type`";
      if (sameBesidesNull) {
        const nowNullable = their.types?.has("null") ?? false;
        return {
          class: nowNullable ? "behind" : "promises",
          kind: "nullability",
          message: nowNullable ? `${context.title} now allows \`null\` for ${field}` : `${context.title} no longer allows \`null\` for ${field}`,
          fix,
          pointer: `${ours.pointer}/type`,
          ours: describeTypes(our.types),
          published: describeTypes(their.types),
        };
      }
      const narrowed = their.types !== undefined && (our.types === undefined || [...our.types].some((type) => !their.types?.has(type)));
      return {
        class: narrowed ? "promises" : "behind",
        kind: "type",
        message: `${context.title} now types ${field} as ${describeTypes(their.types)} (ours: ${describeTypes(our.types)})`,
        fix,
        pointer: `${ours.pointer}/type`,
        ours: describeTypes(our.types),
        published: describeTypes(their.types),
      };
    },
  });
}

function compareEnums(context: DriftContext, ours: Located, our: SchemaView, their: SchemaView, site: Site): void {
  const field = fieldName(site);
  const mark = context.mark(ours);
  const pointer = `${ours.pointer}/enum`;
  if (our.enumValues && their.enumValues) {
    const markedAdded = new Set(mark?.enumAdded.map(canonicalJson));
    const markedRemoved = new Set(mark?.enumRemoved.map(canonicalJson));
    for (const [key, value] of their.enumValues) {
      if (our.enumValues.has(key)) {
        if (markedAdded.has(key)) context.obsolete(site, ours, `enum-added: ${key}`, `${field} ${shown(value)}`);
        continue;
      }
      if (markedRemoved.has(key)) continue;
      context.report(site, {
        class: "behind",
        kind: "enum-value-added",
        message: `${context.title} now lists ${field} ${shown(value)}`,
        fix: `add ${JSON.stringify(value)} to the enum`,
        pointer,
        published: value,
      });
    }
    for (const [key, value] of our.enumValues) {
      if (their.enumValues.has(key)) continue;
      if (markedAdded.has(key)) continue;
      context.report(site, {
        class: "promises",
        kind: "enum-value-removed",
        message: `${context.title} no longer lists ${field} ${shown(value)}`,
        fix: `remove ${JSON.stringify(value)} from the enum, or list it under \`enum-added\` in an x-departure`,
        pointer,
        ours: value,
      });
    }
    for (const key of markedRemoved) {
      if (!their.enumValues.has(key)) context.obsolete(site, ours, `enum-removed: ${key}`, `${field} without ${key}`);
    }
    return;
  }
  if (their.enumValues && !our.enumValues) {
    context.report(site, {
      class: "promises",
      kind: "constraint",
      message: `${context.title} now restricts ${field} to ${[...their.enumValues.values()].map(shown).join(", ")}`,
      fix: "add the published `enum`",
      pointer: ours.pointer,
      published: [...their.enumValues.values()],
    });
  } else if (our.enumValues && !their.enumValues) {
    context.report(site, {
      class: "behind",
      kind: "constraint",
      message: `${context.title} no longer restricts ${field} to a list of values`,
      fix: "remove the `enum`",
      pointer,
      ours: [...our.enumValues.values()],
    });
  }
}

function compareScalars(context: DriftContext, ours: Located, our: SchemaView, their: SchemaView, site: Site): void {
  const field = fieldName(site);
  context.keyword(site, {
    node: ours,
    keyword: "format",
    ours: our.format,
    published: their.format,
    canonical: optionalCanonical,
    change: () => ({
      class: their.format === undefined ? "behind" : "promises",
      kind: "format",
      message:
        their.format === undefined
          ? `${context.title} no longer gives ${field} a format (ours: ${our.format ?? "none"})`
          : `${context.title} now gives ${field} the format ${their.format} (ours: ${our.format ?? "none"})`,
      fix: their.format === undefined ? "remove `format`" : `set \`format: ${their.format}\``,
      pointer: `${ours.pointer}/format`,
      ours: our.format ?? null,
      published: their.format ?? null,
    }),
  });
  context.keyword(site, {
    node: ours,
    keyword: "default",
    ours: our.hasDefault ? our.defaultValue : undefined,
    published: their.hasDefault ? their.defaultValue : undefined,
    canonical: optionalCanonical,
    change: () => ({
      class: "promises",
      kind: "default",
      message: their.hasDefault
        ? `${context.title} now defaults ${field} to ${shown(their.defaultValue)} (ours: ${our.hasDefault ? shown(our.defaultValue) : "none"})`
        : `${context.title} no longer gives ${field} a default (ours: ${shown(our.defaultValue)})`,
      fix: their.hasDefault ? `set \`default: ${JSON.stringify(their.defaultValue)}\`` : "remove `default`",
      pointer: `${ours.pointer}/default`,
      ours: our.hasDefault ? our.defaultValue : null,
      published: their.hasDefault ? their.defaultValue : null,
    }),
  });
  for (const keyword of new Set([...Object.keys(our.constraints), ...Object.keys(their.constraints)])) {
    const ourValue = our.constraints[keyword];
    const theirValue = their.constraints[keyword];
    context.keyword(site, {
      node: ours,
      keyword,
      ours: ourValue,
      published: theirValue,
      canonical: optionalCanonical,
      change: () => ({
        class: constraintClass(keyword, ourValue, theirValue),
        kind: "constraint",
        message:
          theirValue === undefined
            ? `${context.title} no longer sets ${keyword} on ${field} (ours: ${shown(ourValue)})`
            : `${context.title} now sets ${keyword} ${shown(theirValue)} on ${field} (ours: ${ourValue === undefined ? "none" : shown(ourValue)})`,
        fix: theirValue === undefined ? `remove \`${keyword}\`` : `set \`${keyword}: ${JSON.stringify(theirValue)}\``,
        pointer: `${ours.pointer}/${keyword}`,
        ours: ourValue ?? null,
        published: theirValue ?? null,
      }),
    });
  }
}

/** A published constraint that allows more than ours puts our spec behind; one that allows less, or other values, makes it promise too much. */
function constraintClass(keyword: string, ours: unknown, published: unknown): DriftClass {
  if (published === undefined) return "behind";
  if (ours === undefined) return "promises";
  if (typeof ours === "number" && typeof published === "number") {
    if (lowerBounds.has(keyword)) return published < ours ? "behind" : "promises";
    if (upperBounds.has(keyword)) return published > ours ? "behind" : "promises";
  }
  return "promises";
}

function compareNested(context: DriftContext, ours: Located, published: Located, site: Site, stack: Set<string>): void {
  const our = isObject(ours.node) ? ours.node : {};
  const their = isObject(published.node) ? published.node : {};
  if (our.items !== undefined && their.items !== undefined) {
    compareSchema(context, context.ours.child(ours, "items"), context.published.child(published, "items"), within(site, "[]"), stack);
  }
  if (isObject(our.additionalProperties) && isObject(their.additionalProperties)) {
    compareSchema(
      context,
      context.ours.child(ours, "additionalProperties"),
      context.published.child(published, "additionalProperties"),
      within(site, "{…}"),
      stack,
    );
  } else if ((our.additionalProperties === false) !== (their.additionalProperties === false)) {
    const closed = their.additionalProperties === false;
    context.report(site, {
      class: closed ? "promises" : "behind",
      kind: "constraint",
      message: `${context.title} ${closed ? "now refuses" : "now allows"} properties beyond the listed ones in ${fieldName(site)}`,
      fix: closed ? "set `additionalProperties: false`" : "remove `additionalProperties: false`",
      pointer: `${ours.pointer}/additionalProperties`,
    });
  }
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    const ourParts = Array.isArray(our[keyword]) ? our[keyword] : [];
    const theirParts = Array.isArray(their[keyword]) ? their[keyword] : [];
    if (ourParts.length === theirParts.length) {
      ourParts.forEach((_part, index) =>
        compareSchema(
          context,
          context.ours.child(ours, keyword, String(index)),
          context.published.child(published, keyword, String(index)),
          within(site, `${keyword}[${index}]`),
          stack,
        ),
      );
    } else {
      context.report(site, {
        class: "promises",
        kind: "composition",
        message: `${context.title} now composes ${fieldName(site)} of ${theirParts.length} ${keyword} schemas (ours: ${ourParts.length})`,
        fix: `rewrite \`${keyword}\` after the published document`,
        pointer: `${ours.pointer}/${keyword}`,
      });
    }
  }
}

function compareWords(context: DriftContext, ours: Located, our: SchemaView, their: SchemaView, site: Site): void {
  const field = fieldName(site);
  const marked = (keyword: string) => keyword in (context.mark(ours)?.published ?? {});
  if (their.description !== undefined || marked("description")) {
    context.keyword(site, {
      node: ours,
      keyword: "description",
      ours: our.description,
      published: their.description,
      canonical: textCanonical,
      change: () => ({
        class: "cosmetic",
        kind: "description",
        message: `${context.title} reworded the description of ${field}`,
        fix: "review `description`",
        pointer: `${ours.pointer}/description`,
        ours: our.description,
        published: their.description,
      }),
    });
  }
  if (their.examples !== undefined || marked("examples")) {
    context.keyword(site, {
      node: ours,
      keyword: "examples",
      ours: our.examples,
      published: their.examples,
      change: () => ({
        class: "cosmetic",
        kind: "example",
        message: `${context.title} changed the examples of ${field}`,
        fix: "review `examples`",
        pointer: `${ours.pointer}/examples`,
        ours: our.examples,
        published: their.examples,
      }),
    });
  }
  if (their.deprecated !== our.deprecated) {
    context.report(site, {
      class: "cosmetic",
      kind: "deprecated",
      message: `${context.title} ${their.deprecated ? "now marks" : "no longer marks"} ${field} deprecated`,
      fix: their.deprecated ? "set `deprecated: true`" : "remove `deprecated`",
      pointer: `${ours.pointer}/deprecated`,
    });
  }
}
