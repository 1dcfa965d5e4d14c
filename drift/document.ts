import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { redactedPath } from "../openapi/redact.js";

/** An OpenAPI document (3.0 or 3.1) as plain data, with `$ref` resolution that keeps track of where each node lives. */
export type JsonObject = Record<string, unknown>;

export interface Located {
  node: unknown;
  /** JSON pointer of the node in its document, after following references. */
  pointer: string;
}

export class DocumentError extends Error {}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** A source as reports show it: a URL without user, password or credential-like query values. */
export function shownSource(source: string): string {
  if (!isUrl(source)) return source;
  try {
    const url = new URL(source);
    const credentials = url.username || url.password ? "***@" : "";
    return `${url.protocol}//${credentials}${url.host}${redactedPath(`${url.pathname}${url.search}`, undefined)}`;
  } catch {
    return "(a URL that does not parse)";
  }
}

/** Reads a file, or fetches a URL (http/https), as text. */
export async function readSource(source: string): Promise<string> {
  if (isUrl(source)) {
    const shown = shownSource(source);
    if (/^https?:\/\/[^/?#]*@/i.test(source)) {
      throw new DocumentError(`cannot fetch ${shown}: a user or password in the URL is not supported; download the document and pass the file`);
    }
    let response: Response;
    try {
      response = await fetch(source, { headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.5" }, signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      const reason = `${error instanceof Error ? error.message : String(error)}${cause}`.split(source).join(shown);
      throw new DocumentError(`cannot fetch ${shown}: ${reason}`);
    }
    if (!response.ok) throw new DocumentError(`cannot fetch ${shown}: HTTP ${response.status} ${response.statusText}`);
    return response.text();
  }
  try {
    return await readFile(source, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DocumentError(`cannot read ${source}: ${code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses JSON or YAML text into an OpenAPI 3.x document. */
export function parseOpenApi(text: string, source: string): JsonObject {
  let value: unknown;
  try {
    const body = text.replace(/^\uFEFF/, "");
    value = body.trimStart().startsWith("{") ? JSON.parse(body) : parseYaml(body, { maxAliasCount: -1 });
  } catch (error) {
    throw new DocumentError(`${source} is neither JSON nor YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  if (!isObject(value)) throw new DocumentError(`${source} is not an OpenAPI document (no top-level object)`);
  const version = value.openapi;
  if (typeof version !== "string" || !/^3\.[01]\./.test(version)) {
    const found = typeof value.swagger === "string" ? `Swagger ${value.swagger}` : typeof version === "string" ? `OpenAPI ${version}` : "no `openapi` field";
    throw new DocumentError(`${source} is not OpenAPI 3.0 or 3.1 (${found})`);
  }
  if (!isObject(value.paths)) throw new DocumentError(`${source} has no \`paths\``);
  return value;
}

/** The JSON pointer of a local `$ref` (`#/components/schemas/a%20b`), percent-decoded; a bad escape is the document's fault. */
function decodedFragment(ref: string, at: string): string {
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    throw new DocumentError(`reference ${ref} at ${at} is not a valid URI fragment (a malformed percent escape)`);
  }
}

export class DocumentView {
  constructor(readonly root: JsonObject) {}

  get(pointer: string): unknown {
    let current: unknown = this.root;
    for (const token of pointer.split("/").slice(1).map(unescapeToken)) {
      if (Array.isArray(current)) current = current[Number(token)];
      else if (isObject(current)) current = current[token];
      else return undefined;
    }
    return current;
  }

  /** Follows local references; keywords beside a `$ref` (3.1) override the target's. External references stay as they are. */
  resolve(node: unknown, pointer: string): Located {
    let located: Located = { node, pointer };
    const seen = new Set<string>();
    while (isObject(located.node) && typeof located.node.$ref === "string" && located.node.$ref.startsWith("#")) {
      const ref = located.node.$ref;
      if (seen.has(ref)) break;
      seen.add(ref);
      const targetPointer = decodedFragment(ref, located.pointer);
      const target = this.get(targetPointer);
      if (target === undefined) throw new DocumentError(`reference ${ref} at ${located.pointer} does not resolve`);
      const { $ref: _ref, ...siblings } = located.node;
      located = { node: Object.keys(siblings).length > 0 && isObject(target) ? { ...target, ...siblings } : target, pointer: targetPointer };
    }
    return located;
  }

  child(parent: Located, ...keys: string[]): Located {
    let located = parent;
    for (const key of keys) {
      const container = located.node;
      const value = Array.isArray(container) ? container[Number(key)] : isObject(container) ? container[key] : undefined;
      located = this.resolve(value, `${located.pointer}/${escapeToken(key)}`);
    }
    return located;
  }
}
