import { compareSchema } from "./compare-schema.js";
import { within, type DriftContext, type Site } from "./context.js";
import { escapeToken, isObject, type Located } from "./document.js";
import { schemaFingerprint } from "./fingerprint.js";
import { describeTypes, viewSchema, type SchemaView } from "./schema-view.js";

/** An object schema's properties: added, removed or renamed, required or not, each compared in turn. */
export function compareProperties(
  context: DriftContext,
  ours: Located,
  published: Located,
  our: SchemaView,
  their: SchemaView,
  site: Site,
  stack: Set<string>,
): void {
  const request = site.direction === "request";
  const mark = context.mark(ours);
  const ourNames = Object.keys(our.properties);
  const theirNames = Object.keys(their.properties);
  // Properties marked ours-only are ours to have: never reported gone, never taken for the old name of a rename.
  const gone = ourNames.filter((name) => !(name in their.properties) && !context.mark(context.ours.child(ours, "properties", name))?.oursOnly);
  const added = theirNames.filter((name) => !(name in our.properties));
  const slot = (name: string) => `${ours.pointer}/properties/${escapeToken(name)}`;

  const sameRequiredness = (oldName: string, newName: string) => our.required.has(oldName) === their.required.has(newName);
  for (const [oldName, newName] of renames(context, ours, published, gone, added, sameRequiredness)) {
    gone.splice(gone.indexOf(oldName), 1);
    added.splice(added.indexOf(newName), 1);
    context.report(within(site, oldName), {
      class: "promises",
      kind: "property-renamed",
      message: `${context.title} renamed ${oldName} to ${newName}: ${oldName} is gone and ${newName}, with the same schema, is new`,
      fix: `rename property \`${oldName}\` to \`${newName}\``,
      pointer: slot(oldName),
      ours: oldName,
      published: newName,
    });
  }
  for (const name of added) {
    const required = their.required.has(name);
    const type = describeTypes(viewSchema(context.published.child(published, "properties", name).node).types);
    context.report(within(site, name), {
      class: request && required ? "promises" : "behind",
      kind: "property-added",
      message: request
        ? required
          ? `${context.title} now requires ${name} (${type}); our clients and mock never send it`
          : `${context.title} now accepts ${name} (${type}, optional); the mock and the typed client refuse it`
        : `${context.title} now sends ${name} (${type}${required ? ", always" : ", optional"}); our types and mock lack it`,
      fix: `add property \`${name}\` (${type})${required ? " and list it in `required`" : ""}`,
      pointer: `${ours.pointer}/properties`,
      published: name,
    });
  }
  for (const name of gone) {
    context.report(within(site, name), {
      class: "promises",
      kind: "property-removed",
      message: request ? `${context.title} no longer accepts ${name}` : `${context.title} no longer sends ${name}`,
      fix: `remove property \`${name}\`${our.required.has(name) ? " (and from `required`)" : ""}, or mark it \`ours-only: true\` in an x-departure`,
      pointer: slot(name),
      ours: name,
    });
  }
  for (const name of ourNames.filter((candidate) => candidate in their.properties)) {
    const ourProperty = context.ours.child(ours, "properties", name);
    const theirProperty = context.published.child(published, "properties", name);
    if (context.mark(ourProperty)?.oursOnly) context.obsolete(within(site, name), ourProperty, "ours-only", name);
    compareRequired(context, ours, our, their, name, within(site, name), mark?.requiredAdded ?? [], mark?.requiredRemoved ?? []);
    compareSchema(context, ourProperty, theirProperty, within(site, name), stack);
  }
}

function compareRequired(
  context: DriftContext,
  ours: Located,
  our: SchemaView,
  their: SchemaView,
  name: string,
  site: Site,
  requiredAdded: string[],
  requiredRemoved: string[],
): void {
  const request = site.direction === "request";
  const ourRequired = our.required.has(name);
  const theirRequired = their.required.has(name);
  if (ourRequired === theirRequired) {
    if (requiredAdded.includes(name)) context.obsolete(site, ours, `required-added: ${name}`, `${name} as required`);
    if (requiredRemoved.includes(name)) context.obsolete(site, ours, `required-removed: ${name}`, `${name} as optional`);
    return;
  }
  if (ourRequired && requiredAdded.includes(name)) return;
  if (theirRequired && requiredRemoved.includes(name)) return;
  context.report(site, {
    class: request === theirRequired ? "promises" : "behind",
    kind: "required",
    message: theirRequired
      ? request
        ? `${context.title} now requires ${name}`
        : `${context.title} now always sends ${name}`
      : request
        ? `${context.title} no longer requires ${name}; the mock refuses requests without it`
        : `${context.title} no longer promises to send ${name}`,
    fix: theirRequired ? `add \`${name}\` to \`required\`` : `remove \`${name}\` from \`required\`, or list it under \`required-added\` in an x-departure`,
    pointer: `${ours.pointer}/required`,
    ours: ourRequired,
    published: theirRequired,
  });
}

/** Pairs of (our name, published name) whose schemas are the same contract, each matched one to one. */
function renames(
  context: DriftContext,
  ours: Located,
  published: Located,
  gone: string[],
  added: string[],
  compatible: (oldName: string, newName: string) => boolean,
): [string, string][] {
  if (gone.length === 0 || added.length === 0) return [];
  const fingerprint = (view: "ours" | "published", name: string) => {
    const document = view === "ours" ? context.ours : context.published;
    const parent = view === "ours" ? ours : published;
    const properties = isObject(parent.node) && isObject(parent.node.properties) ? parent.node.properties : {};
    return schemaFingerprint(document, properties[name], `${parent.pointer}/properties/${escapeToken(name)}`);
  };
  const addedPrints = new Map(added.map((name) => [name, fingerprint("published", name)]));
  const pairs: [string, string][] = [];
  for (const oldName of gone) {
    const print = fingerprint("ours", oldName);
    const matches = added.filter((name) => addedPrints.get(name) === print && compatible(oldName, name));
    const rivals = gone.filter((name) => fingerprint("ours", name) === print);
    const [match] = matches;
    if (matches.length === 1 && rivals.length === 1 && match !== undefined) pairs.push([oldName, match]);
  }
  return pairs;
}
