import { compareSchema } from "./compare-schema.js";
import { within, type DriftContext, type Site } from "./context.js";
import { textCanonical } from "./canonical.js";
import { escapeToken, isObject, type Located } from "./document.js";

export function compareRequestBody(context: DriftContext, operation: Located, theirOperation: Located, site: Site): void {
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
      message:
        their.required === true
          ? `${context.title} now requires a request body`
          : `${context.title} no longer requires a request body; the mock refuses requests without one`,
      fix: `set \`required: ${their.required === true}\``,
      pointer: `${ours.pointer}/required`,
      ours: our.required === true,
      published: their.required === true,
    }),
  });
  compareContent(context, ours, theirs, site);
}

export function compareResponses(context: DriftContext, operation: Located, theirOperation: Located, site: Site): void {
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
