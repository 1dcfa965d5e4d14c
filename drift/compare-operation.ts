import { compareRequestBody, compareResponses } from "./compare-content.js";
import { compareParameters } from "./compare-parameters.js";
import { compareSecurity } from "./compare-security.js";
import { within, type DriftContext, type Site } from "./context.js";
import { textCanonical } from "./canonical.js";
import { escapeToken, isObject, type JsonObject, type Located } from "./document.js";

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Path templates match whatever their parameters are called: `/a/{id}` is `/a/{token}`. */
function pathShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

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
          context.report(
            { operation: name, path: [], direction: "request" },
            {
              class: "behind",
              kind: "operation-added",
              message: `${context.title} now publishes ${name}; the mock refuses it`,
              fix: `add the ${method} operation to the path`,
              pointer: `/paths/${escapeToken(path)}`,
            },
          );
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
