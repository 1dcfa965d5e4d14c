// Spectral function (run on the unresolved document): in a document served from `serverHost`, every
// error answer (4xx, 5xx, `default`) of every operation must have a body, and each of its media types
// must use exactly `schemaRef` as its schema.
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function resolveLocal(document, value) {
  let current = value;
  for (let hops = 0; hops < 10 && current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
    if (!current.$ref.startsWith("#/")) return current;
    current = current.$ref
      .slice(2)
      .split("/")
      .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((node, token) => (node && typeof node === "object" ? node[token] : undefined), document);
  }
  return current;
}

function isErrorStatus(status) {
  return status === "default" || /^[45](\d\d|XX)$/.test(status);
}

export default function errorsUseSharedSchema(document, options) {
  const { serverHost, schemaRef } = options;
  const servers = Array.isArray(document?.servers) ? document.servers : [];
  if (!servers.some((server) => typeof server?.url === "string" && server.url.includes(serverHost))) return [];
  const results = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const operation = pathItem?.[method];
      if (!operation || typeof operation !== "object") continue;
      const name = `${method.toUpperCase()} ${pathTemplate}`;
      for (const [status, entry] of Object.entries(operation.responses ?? {})) {
        if (!isErrorStatus(status)) continue;
        const at = ["paths", pathTemplate, method, "responses", status];
        const response = resolveLocal(document, entry);
        const content = response && typeof response === "object" ? response.content : undefined;
        if (!content || typeof content !== "object" || Object.keys(content).length === 0) {
          results.push({ message: `${name} ${status} has no body: error answers carry ${schemaRef}`, path: at });
          continue;
        }
        for (const [mediaType, media] of Object.entries(content)) {
          const got = media?.schema?.$ref;
          if (got !== schemaRef) {
            results.push({
              message: `${name} ${status} ${mediaType}: schema must be {$ref: ${schemaRef}}, got ${got ? `$ref ${got}` : "an inline schema"}`,
              path: at,
            });
          }
        }
      }
    }
  }
  return results;
}
