import { within, type DriftContext, type Site } from "./context.js";
import { escapeToken, isObject, type DocumentView, type JsonObject, type Located } from "./document.js";

/** Each way an operation accepts credentials, as one comparable line: scheme definitions, not their names, count. */
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

export function compareSecurity(context: DriftContext, ours: Located, theirs: Located, site: Site): void {
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
