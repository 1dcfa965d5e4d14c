import { compareSchema } from "./compare-schema.js";
import { within, type DriftContext, type Site } from "./context.js";
import { textCanonical } from "./canonical.js";
import type { DocumentView, JsonObject, Located } from "./document.js";
import { isObject } from "./document.js";
import { schemaFingerprint } from "./fingerprint.js";

interface Parameter {
  key: string;
  label: string;
  located: Located;
  node: JsonObject;
  required: boolean;
}

function parametersOf(document: DocumentView, operation: Located, pathItem: unknown, pathItemPointer: string): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  const add = (list: unknown, pointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, index) => {
      const located = document.resolve(entry, `${pointer}/${index}`);
      if (!isObject(located.node) || typeof located.node.name !== "string") return;
      const place = String(located.node.in);
      const name = place === "header" ? located.node.name.toLowerCase() : located.node.name;
      parameters.set(`${place}:${name}`, {
        key: `${place}:${name}`,
        label: `${place} parameter ${located.node.name}`,
        located,
        node: located.node,
        required: place === "path" || located.node.required === true,
      });
    });
  };
  add(isObject(pathItem) ? pathItem.parameters : undefined, `${pathItemPointer}/parameters`);
  add((operation.node as JsonObject).parameters, `${operation.pointer}/parameters`);
  return parameters;
}

/** Parameters by place and name (path-level ones included): added, removed, renamed, required, schema, description. */
export function compareParameters(context: DriftContext, ours: Located, theirs: Located, site: Site, pathItems: { ours: unknown; published: unknown }): void {
  const parentPointer = (pointer: string) => pointer.slice(0, pointer.lastIndexOf("/"));
  const our = parametersOf(context.ours, ours, pathItems.ours, parentPointer(ours.pointer));
  const their = parametersOf(context.published, theirs, pathItems.published, parentPointer(theirs.pointer));
  // Parameters marked ours-only are ours to have: never reported gone, never taken for the old name of a rename.
  const gone = [...our.values()].filter((parameter) => !their.has(parameter.key) && !context.mark(parameter.located)?.oursOnly);
  const added = [...their.values()].filter((parameter) => !our.has(parameter.key));
  const print = (document: DocumentView, parameter: Parameter) =>
    `${String(parameter.node.in)}|${parameter.required}|${schemaFingerprint(document, parameter.node.schema, `${parameter.located.pointer}/schema`)}`;

  for (const old of [...gone]) {
    const matches = added.filter((candidate) => print(context.published, candidate) === print(context.ours, old));
    const [match] = matches;
    if (matches.length !== 1 || match === undefined || gone.filter((other) => print(context.ours, other) === print(context.ours, old)).length !== 1) continue;
    gone.splice(gone.indexOf(old), 1);
    added.splice(added.indexOf(match), 1);
    context.report(within(site, old.label), {
      class: "promises",
      kind: "parameter-renamed",
      message: `${context.title} renamed ${old.label} to ${String(match.node.name)}`,
      fix: `rename the parameter to \`${String(match.node.name)}\``,
      pointer: `${old.located.pointer}/name`,
      ours: old.node.name,
      published: match.node.name,
    });
  }
  for (const parameter of added) {
    context.report(within(site, parameter.label), {
      class: parameter.required ? "promises" : "behind",
      kind: "parameter-added",
      message: parameter.required
        ? `${context.title} now requires ${parameter.label}; our clients never send it`
        : `${context.title} now accepts ${parameter.label} (optional); the typed client cannot send it`,
      fix: `add the ${parameter.label}${parameter.required ? " (required: true)" : ""} to \`parameters\``,
      pointer: `${ours.pointer}/parameters`,
      published: parameter.node.name,
    });
  }
  for (const parameter of gone) {
    context.report(within(site, parameter.label), {
      class: "promises",
      kind: "parameter-removed",
      message: `${context.title} no longer accepts ${parameter.label}`,
      fix: "remove the parameter, or mark it `ours-only: true` in an x-departure",
      pointer: parameter.located.pointer,
      ours: parameter.node.name,
    });
  }
  for (const parameter of our.values()) {
    const counterpart = their.get(parameter.key);
    if (!counterpart) continue;
    const where = within(site, parameter.label);
    if (context.mark(parameter.located)?.oursOnly) context.obsolete(where, parameter.located, "ours-only", parameter.label);
    context.keyword(where, {
      node: parameter.located,
      keyword: "required",
      ours: parameter.required,
      published: counterpart.required,
      change: () => ({
        class: counterpart.required ? "promises" : "behind",
        kind: "required",
        message: counterpart.required
          ? `${context.title} now requires ${parameter.label}`
          : `${context.title} no longer requires ${parameter.label}; the mock refuses requests without it`,
        fix: `set \`required: ${counterpart.required}\``,
        pointer: `${parameter.located.pointer}/required`,
        ours: parameter.required,
        published: counterpart.required,
      }),
    });
    if (counterpart.node.description !== undefined || "description" in (context.mark(parameter.located)?.published ?? {})) {
      context.keyword(where, {
        node: parameter.located,
        keyword: "description",
        ours: parameter.node.description,
        published: counterpart.node.description,
        canonical: textCanonical,
        change: () => ({
          class: "cosmetic",
          kind: "description",
          message: `${context.title} reworded the description of ${parameter.label}`,
          fix: "review `description`",
          pointer: `${parameter.located.pointer}/description`,
          ours: parameter.node.description,
          published: counterpart.node.description,
        }),
      });
    }
    compareSchema(context, context.ours.child(parameter.located, "schema"), context.published.child(counterpart.located, "schema"), where);
  }
}
