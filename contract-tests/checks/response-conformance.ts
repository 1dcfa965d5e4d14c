import { mediaTypeEssence } from "../../mocks/engine/messages.js";
import { bodyExcerpt, declaredResponse, describeStatuses, matchingMediaType, show } from "./declared.js";
import type { CheckDefinition } from "../model/check.js";

export const notAServerError: CheckDefinition = {
  meaning: "No answer has a 5xx status.",
  run: ({ response }) =>
    response.status >= 500 ? [{ path: "status", expected: "a status below 500", got: bodyExcerpt(response) }] : [],
};

export const statusCodeConformance: CheckDefinition = {
  meaning: "The status is one the operation declares (or the operation declares `default`).",
  run: ({ operation, response }) =>
    declaredResponse(operation, response.status)
      ? []
      : [{ path: "status", expected: `one of the declared statuses ${describeStatuses(operation)}`, got: String(response.status) }],
};

export const contentTypeConformance: CheckDefinition = {
  meaning: "When the declared answer has a body, Content-Type is one of its declared media types (parameters such as charset=utf-8 are fine).",
  run: ({ operation, response }) => {
    const declared = declaredResponse(operation, response.status);
    if (!declared || declared.content.size === 0) return [];
    if (matchingMediaType(declared, response.headers["content-type"])) return [];
    const allowed = [...declared.content.keys()].join(" or ");
    const got = response.headers["content-type"];
    return [{ path: "header content-type", expected: allowed, got: got === undefined ? "no Content-Type header" : show(got) }];
  },
};

export const responseSchemaConformance: CheckDefinition = {
  meaning: "The body validates against the declared schema for its status and media type (additive fields, null where nullable are fine).",
  run: ({ operation, response }) => {
    const declared = declaredResponse(operation, response.status);
    if (!declared || declared.content.size === 0) return [];
    const media = matchingMediaType(declared, response.headers["content-type"]);
    // A media type the spec does not declare is content_type_conformance's finding; JSON is still checked.
    const fallback = [...declared.content.values()].find((entry) => mediaTypeEssence(entry.mediaType).endsWith("json"));
    const target = media ?? fallback;
    if (!target) return [];
    if (response.json === undefined) {
      return [{ path: "$", expected: `a JSON body for ${response.status} (${target.mediaType})`, got: response.jsonError ? `not JSON: ${bodyExcerpt(response)}` : "an empty body" }];
    }
    return target.validate(response.json).map((issue) => ({ path: issue.path, expected: issue.expected, got: show(issue.got) }));
  },
};
