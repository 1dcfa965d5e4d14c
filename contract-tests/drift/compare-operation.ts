import { compareSchema } from "./compare-schema.js";
import { within, type DriftContext, type Site } from "./context.js";
import { collapseWhitespace } from "./departures.js";
import { escapeToken, isObject, type DocumentView, type JsonObject, type Located } from "./document.js";
import { schemaFingerprint } from "./fingerprint.js";

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Path templates match whatever their parameters are called: `/a/{id}` is `/a/{token}`. */
function pathShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

const textCanonical = (value: unknown): string => (typeof value === "string" ? collapseWhitespace(value) : "");

/** Holds every operation of our spec against the published document; the provider's other operations are not looked at. */
export function compareOperations(context: DriftContext): void {
  const ourPaths: Located = { node: context.ours.root.paths, pointer: "/paths" };
  const theirPaths: Located = { node: context.published.root.paths, pointer: "/paths" };
  const theirByShape = new Map<string, string>();
  const theirById = new Map<string, string>();
  for (const [path, item] of Object.entries(theirPaths.node as JsonObject)) {
    theirByShape.set(pathShape(path), path);
    for (const method of httpMethods) {
      const operation = isObject(item) ? item[method] : undefined;
      if (isObject(operation) && typeof operation.operationId === "string") theirById.set(operation.operationId, `${method.toUpperCase()} ${path}`);
    }
  }
  for (const [path, item] of Object.entries(ourPaths.node as JsonObject)) {
    if (!isObject(item)) continue;
    const theirPath = theirByShape.get(pathShape(path));
    const theirItem = theirPath === undefined ? undefined : context.published.child(theirPaths, theirPath);
    for (const method of httpMethods) {
      if (!isObject(item[method])) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const site: Site = { operation: name, path: [], direction: "request" };
      const ours = context.ours.child(ourPaths, path, method);
      const theirs = theirItem && isObject(theirItem.node) && isObject(theirItem.node[method]) ? context.published.child(theirItem, method) : undefined;
      const oursOnly = context.mark(ours)?.oursOnly ?? false;
      if (!theirs) {
        if (oursOnly) continue;
        const operationId = isObject(ours.node) && typeof ours.node.operationId === "string" ? ours.node.operationId : undefined;
        const movedTo = operationId === undefined ? undefined : theirById.get(operationId);
        context.report(site, {
          class: "promises",
          kind: movedTo ? "operation-moved" : "operation-removed",
          message: movedTo ? `${context.title} now serves ${operationId} at ${movedTo}, not ${name}` : `${context.title} no longer publishes ${name}`,
          fix: movedTo ? `move the operation to ${movedTo}` : "remove the operation, or mark it `ours-only: true` in an x-departure",
          pointer: ours.pointer,
        });
        continue;
      }
      if (oursOnly) context.obsolete(site, ours, "ours-only", name);
      compareOperation(context, ours, theirs, site, { ours: item, published: theirItem?.node });
    }
    if (theirItem && isObject(theirItem.node)) {
      for (const method of httpMethods) {
        if (isObject(theirItem.node[method]) && !isObject(item[method])) {
          const name = `${method.toUpperCase()} ${path}`;
          context.report({ operation: name, path: [], direction: "request" }, {
            class: "behind",
            kind: "operation-added",
            message: `${context.title} now publishes ${name}; the mock refuses it`,
            fix: `add the ${method} operation to the path`,
            pointer: `/paths/${escapeToken(path)}`,
          });
        }
      }
    }
  }
}

function compareOperation(context: DriftContext, ours: Located, theirs: Located, site: Site, pathItems: { ours: unknown; published: unknown }): void {
  const our = ours.node as JsonObject;
  const their = theirs.node as JsonObject;
  if (typeof their.operationId === "string" && their.operationId !== our.operationId) {
    context.report(site, {
      class: "cosmetic",
      kind: "operation-id",
      message: `${context.title} renamed the operation id ${String(our.operationId)} to ${their.operationId}`,
      fix: `set \`operationId: ${their.operationId}\` (generated client names follow it)`,
      pointer: `${ours.pointer}/operationId`,
    });
  }
  for (const keyword of ["summary", "description"] as const) {
    if (their[keyword] === undefined && !(keyword in (context.mark(ours)?.published ?? {}))) continue;
    context.keyword(site, {
      node: ours,
      keyword,
      ours: our[keyword],
      published: their[keyword],
      canonical: textCanonical,
      change: () => ({
        class: "cosmetic",
        kind: keyword,
        message: `${context.title} reworded the ${keyword} of ${site.operation}`,
        fix: `review \`${keyword}\``,
        pointer: `${ours.pointer}/${keyword}`,
        ours: our[keyword],
        published: their[keyword],
      }),
    });
  }
  if ((their.deprecated === true) !== (our.deprecated === true)) {
    context.report(site, {
      class: "cosmetic",
      kind: "deprecated",
      message: `${context.title} ${their.deprecated === true ? "now marks" : "no longer marks"} ${site.operation} deprecated`,
      fix: their.deprecated === true ? "set `deprecated: true`" : "remove `deprecated`",
      pointer: `${ours.pointer}/deprecated`,
    });
  }
  compareSecurity(context, ours, theirs, site);
  compareParameters(context, ours, theirs, site, pathItems);
  compareRequestBody(context, ours, theirs, within(site, "request body"));
  compareResponses(context, ours, theirs, { ...site, direction: "response" });
}

function securityAlternatives(document: DocumentView, operation: JsonObject): Set<string> {
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(document.root.security) ? document.root.security : [];
  const schemes = isObject(document.root.components) && isObject(document.root.components.securitySchemes) ? document.root.components.securitySchemes : {};
  const describe = (name: string): string => {
    const scheme = document.resolve(schemes[name], `/components/securitySchemes/${escapeToken(name)}`).node;
    if (!isObject(scheme)) return `undeclared scheme ${name}`;
    if (scheme.type === "http") return `HTTP ${String(scheme.scheme ?? "").toLowerCase()}`;
    if (scheme.type === "apiKey") return `API key in ${String(scheme.in)} ${String(scheme.name)}`;
    if (scheme.type === "oauth2") return `OAuth2 (${isObject(scheme.flows) ? Object.keys(scheme.flows).sort().join(", ") : "no flows"})`;
    return String(scheme.type);
  };
  const alternatives = new Set<string>();
  for (const requirement of requirements.length > 0 ? requirements : [{}]) {
    const parts = Object.entries(isObject(requirement) ? requirement : {})
      .map(([name, scopes]) => `${describe(name)}${Array.isArray(scopes) && scopes.length > 0 ? ` with scopes ${[...scopes].sort().join(", ")}` : ""}`)
      .sort();
    alternatives.add(parts.length > 0 ? parts.join(" + ") : "no credentials");
  }
  return alternatives;
}

function compareSecurity(context: DriftContext, ours: Located, theirs: Located, site: Site): void {
  const our = securityAlternatives(context.ours, ours.node as JsonObject);
  const their = securityAlternatives(context.published, theirs.node as JsonObject);
  const where = within(site, "security");
  for (const alternative of their) {
    if (our.has(alternative)) continue;
    context.report(where, {
      class: "behind",
      kind: "security",
      message: `${context.title} now accepts ${alternative}; the mock refuses it`,
      fix: `add the security requirement (${alternative})`,
      pointer: `${ours.pointer}/security`,
      published: [...their],
    });
  }
  for (const alternative of our) {
    if (their.has(alternative)) continue;
    context.report(where, {
      class: "promises",
      kind: "security",
      message: `${context.title} no longer accepts ${alternative}`,
      fix: `replace the security requirement (${alternative}) by ${[...their].join(" or ")}`,
      pointer: `${ours.pointer}/security`,
      ours: [...our],
    });
  }
  // Kinde names the scope an operation needs in `x-scope`, beside a scope-less bearer requirement.
  const ourScope = (ours.node as JsonObject)["x-scope"];
  const theirScope = (theirs.node as JsonObject)["x-scope"];
  context.keyword(where, {
    node: ours,
    keyword: "x-scope",
    ours: ourScope,
    published: theirScope,
    change: () => ({
      class: theirScope === undefined ? "behind" : "promises",
      kind: "security",
      message:
        theirScope === undefined
          ? `${context.title} no longer names a scope for ${site.operation} (ours: ${String(ourScope)})`
          : `${context.title} now requires the scope ${String(theirScope)} for ${site.operation} (ours: ${ourScope === undefined ? "none" : String(ourScope)})`,
      fix: theirScope === undefined ? "remove `x-scope`" : `set \`x-scope: ${String(theirScope)}\``,
      pointer: `${ours.pointer}/x-scope`,
      ours: ourScope ?? null,
      published: theirScope ?? null,
    }),
  });
}

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

function compareParameters(context: DriftContext, ours: Located, theirs: Located, site: Site, pathItems: { ours: unknown; published: unknown }): void {
  const parentPointer = (pointer: string) => pointer.slice(0, pointer.lastIndexOf("/"));
  const our = parametersOf(context.ours, ours, pathItems.ours, parentPointer(ours.pointer));
  const their = parametersOf(context.published, theirs, pathItems.published, parentPointer(theirs.pointer));
  const gone = [...our.values()].filter((parameter) => !their.has(parameter.key));
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
    if (context.mark(parameter.located)?.oursOnly) continue;
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

function compareRequestBody(context: DriftContext, operation: Located, theirOperation: Located, site: Site): void {
  const ours = context.ours.child(operation, "requestBody");
  const theirs = context.published.child(theirOperation, "requestBody");
  const our = isObject(ours.node) ? ours.node : undefined;
  const their = isObject(theirs.node) ? theirs.node : undefined;
  if (!our && !their) return;
  if (!our || !their) {
    if (our && context.mark(ours)?.oursOnly) return;
    const required = their?.required === true;
    context.report(site, {
      class: our ? "promises" : required ? "promises" : "behind",
      kind: our ? "body-removed" : "body-added",
      message: our
        ? `${context.title} no longer takes a request body for ${site.operation}`
        : `${context.title} now takes a${required ? " required" : "n optional"} request body for ${site.operation}`,
      fix: our ? "remove `requestBody`" : "add the published `requestBody`",
      pointer: our ? ours.pointer : operation.pointer,
    });
    return;
  }
  context.keyword(site, {
    node: ours,
    keyword: "required",
    ours: our.required === true,
    published: their.required === true,
    change: () => ({
      class: their.required === true ? "promises" : "behind",
      kind: "required",
      message: their.required === true ? `${context.title} now requires a request body` : `${context.title} no longer requires a request body; the mock refuses requests without one`,
      fix: `set \`required: ${their.required === true}\``,
      pointer: `${ours.pointer}/required`,
      ours: our.required === true,
      published: their.required === true,
    }),
  });
  compareContent(context, ours, theirs, site);
}

function compareResponses(context: DriftContext, operation: Located, theirOperation: Located, site: Site): void {
  const ours = context.ours.child(operation, "responses");
  const theirs = context.published.child(theirOperation, "responses");
  const our = isObject(ours.node) ? ours.node : {};
  const their = isObject(theirs.node) ? theirs.node : {};
  for (const status of Object.keys(their)) {
    if (status in our) continue;
    context.report(within(site, `${status} response`), {
      class: "behind",
      kind: "status-added",
      message: `${context.title} now declares ${status === "default" ? "a default response" : `status ${status}`} for ${site.operation}; our checks refuse it`,
      fix: `declare \`${status}\` under \`responses\``,
      pointer: ours.pointer,
      published: status,
    });
  }
  for (const status of Object.keys(our)) {
    const ourResponse = context.ours.child(ours, status);
    const where = within(site, `${status} response`);
    const oursOnly = context.mark(ourResponse)?.oursOnly ?? false;
    if (!(status in their)) {
      if (oursOnly) continue;
      context.report(where, {
        class: "promises",
        kind: "status-removed",
        message: `${context.title} no longer declares ${status === "default" ? "a default response" : `status ${status}`} for ${site.operation}`,
        fix: `remove \`${status}\` from \`responses\`, or mark the response \`ours-only: true\` in an x-departure`,
        pointer: `${ours.pointer}/${escapeToken(status)}`,
        ours: status,
      });
      continue;
    }
    if (oursOnly) context.obsolete(where, ourResponse, "ours-only", `status ${status}`);
    const theirResponse = context.published.child(theirs, status);
    const theirDescription = isObject(theirResponse.node) ? theirResponse.node.description : undefined;
    if (theirDescription !== undefined || "description" in (context.mark(ourResponse)?.published ?? {})) {
      context.keyword(where, {
        node: ourResponse,
        keyword: "description",
        ours: isObject(ourResponse.node) ? ourResponse.node.description : undefined,
        published: theirDescription,
        canonical: textCanonical,
        change: () => ({
          class: "cosmetic",
          kind: "description",
          message: `${context.title} reworded the description of the ${status} response of ${site.operation}`,
          fix: "review `description`",
          pointer: `${ourResponse.pointer}/description`,
          published: theirDescription,
        }),
      });
    }
    compareContent(context, ourResponse, theirResponse, where);
  }
}

/** Media types, their schemas and their examples, of a request body or a response. */
function compareContent(context: DriftContext, ours: Located, theirs: Located, site: Site): void {
  const ourContent = context.ours.child(ours, "content");
  const theirContent = context.published.child(theirs, "content");
  const our = isObject(ourContent.node) ? ourContent.node : {};
  const their = isObject(theirContent.node) ? theirContent.node : {};
  const mediaKey = (type: string) => type.toLowerCase().replace(/\s+/g, "");
  const ourByKey = new Map(Object.keys(our).map((type) => [mediaKey(type), type]));
  const theirByKey = new Map(Object.keys(their).map((type) => [mediaKey(type), type]));
  const response = site.direction === "response";
  if (ourByKey.size === 0 && theirByKey.size > 0) {
    context.report(site, {
      class: "behind",
      kind: "body-added",
      message: `${context.title} now ${response ? "sends" : "takes"} a body (${[...theirByKey.values()].join(", ")}) with the ${site.path.join(" › ")}`,
      fix: "add the published `content`",
      pointer: ours.pointer,
    });
    return;
  }
  if (theirByKey.size === 0 && ourByKey.size > 0) {
    if (context.mark(ourContent)?.oursOnly) return;
    context.report(site, {
      class: "promises",
      kind: "body-removed",
      message: `${context.title} no longer ${response ? "sends" : "takes"} a body with the ${site.path.join(" › ")}`,
      fix: "remove `content`",
      pointer: ourContent.pointer,
    });
    return;
  }
  for (const [key, type] of theirByKey) {
    if (ourByKey.has(key)) continue;
    context.report(site, {
      class: "behind",
      kind: "media-type-added",
      message: `${context.title} now ${response ? "sends" : "accepts"} ${type} in the ${site.path.join(" › ")}`,
      fix: `add \`${type}\` under \`content\``,
      pointer: ourContent.pointer,
      published: type,
    });
  }
  for (const [key, type] of ourByKey) {
    const ourMedia = context.ours.child(ourContent, type);
    const theirType = theirByKey.get(key);
    if (theirType === undefined) {
      if (context.mark(ourMedia)?.oursOnly) continue;
      context.report(site, {
        class: "promises",
        kind: "media-type-removed",
        message: `${context.title} no longer ${response ? "sends" : "accepts"} ${type} in the ${site.path.join(" › ")}`,
        fix: `remove \`${type}\` from \`content\``,
        pointer: ourMedia.pointer,
        ours: type,
      });
      continue;
    }
    const theirMedia = context.published.child(theirContent, theirType);
    const ourSchema = context.ours.child(ourMedia, "schema");
    const theirSchema = context.published.child(theirMedia, "schema");
    if (ourSchema.node !== undefined && theirSchema.node !== undefined) compareSchema(context, ourSchema, theirSchema, site);
    compareExamples(context, ourMedia, theirMedia, site);
  }
}

/** Published examples, by name: one we lack, or whose value differs from ours, is cosmetic. Examples only we have are ours to add. */
function compareExamples(context: DriftContext, ourMedia: Located, theirMedia: Located, site: Site): void {
  const ourExamples = context.ours.child(ourMedia, "examples");
  const theirExamples = context.published.child(theirMedia, "examples");
  const our = isObject(ourExamples.node) ? ourExamples.node : {};
  const their = isObject(theirExamples.node) ? theirExamples.node : {};
  for (const name of Object.keys(their)) {
    const theirExample = context.published.child(theirExamples, name);
    const theirValue = isObject(theirExample.node) ? theirExample.node.value : undefined;
    if (!(name in our)) {
      context.report(site, {
        class: "cosmetic",
        kind: "example",
        message: `${context.title} publishes the example "${name}" for the ${site.path.join(" › ")}, which our spec lacks`,
        fix: `add the example "${name}" under \`examples\``,
        pointer: ourExamples.pointer,
        published: theirValue,
      });
      continue;
    }
    const ourExample = context.ours.child(ourExamples, name);
    context.keyword(site, {
      node: ourExample,
      keyword: "value",
      ours: isObject(ourExample.node) ? ourExample.node.value : undefined,
      published: theirValue,
      change: () => ({
        class: "cosmetic",
        kind: "example",
        message: `${context.title} changed the example "${name}" of the ${site.path.join(" › ")}`,
        fix: `review the example "${name}"`,
        pointer: `${ourExample.pointer}/value`,
        published: theirValue,
      }),
    });
  }
}
