import {
  escapePointerToken,
  httpMethods,
  resolveReference,
  type JsonSchema,
  type MediaTypeObject,
  type OpenApiDocument,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
  type SecurityRequirement,
  type SecuritySchemeObject,
} from "./document.js";
import { SchemaCompiler, type PrecompiledValidators, type Validator } from "./validation.js";

export interface CompiledMediaType {
  mediaType: string;
  schema: JsonSchema | undefined;
  validate: Validator;
  /** Named examples in spec order, values resolved. */
  examples: ReadonlyMap<string, unknown>;
}

export interface CompiledResponse {
  /** `"200"`, `"404"`, or `"default"`. */
  status: string;
  description: string;
  /** Empty when the response has no body. */
  content: ReadonlyMap<string, CompiledMediaType>;
  /** The same media types as a list, in spec order. */
  media: readonly CompiledMediaType[];
}

export interface CompiledParameter {
  name: string;
  in: ParameterObject["in"];
  required: boolean;
  schema: JsonSchema | undefined;
  validate: Validator;
}

export interface CompiledRequestBody {
  required: boolean;
  content: ReadonlyMap<string, CompiledMediaType>;
}

export interface CompiledOperation {
  operationId: string;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** As in the spec, e.g. `/connect/integration-by-token/{token}`. */
  pathTemplate: string;
  summary: string;
  /** Path parameters by name when `path` (without the base path) fits the template, else undefined. */
  match(path: string): Record<string, string> | undefined;
  parameters: readonly CompiledParameter[];
  requestBody: CompiledRequestBody | undefined;
  responses: ReadonlyMap<string, CompiledResponse>;
  /** Effective security requirements (operation's own, else the document's). */
  security: readonly SecurityRequirement[];
}

interface RouteMatch {
  operation: CompiledOperation;
  pathParams: Record<string, string>;
}

export interface SpecIndex {
  document: OpenApiDocument;
  title: string;
  /** Path part of the first server URL, without trailing slash: `/v1` for Kombo, `` for Kinde. */
  basePath: string;
  operations: readonly CompiledOperation[];
  securitySchemes: Readonly<Record<string, SecuritySchemeObject>>;
  byOperationId(operationId: string): CompiledOperation;
  /** The operation for `method` at `path` (path relative to basePath), or the methods the path allows. */
  route(method: string, path: string): RouteMatch | { allowedMethods: string[] } | undefined;
  /** Compiles any schema against this document's components, once. */
  compileSchema(schema: JsonSchema): Validator;
}

function pointer(...tokens: string[]): string {
  return tokens.map((token) => `/${escapePointerToken(token)}`).join("");
}

function compilePathMatcher(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const found = regex.exec(path);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    names.forEach((name, index) => {
      const raw = found[index + 1] ?? "";
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return params;
  };
}

/** Path part of the first server URL (variables at their defaults), without trailing slash: `/v1`, or `` at the root. */
export function basePathOf(document: OpenApiDocument): string {
  const url = document.servers?.[0]?.url;
  if (!url) return "";
  const withDefaults = url.replace(/\{([^}]+)\}/g, (_, name: string) => document.servers?.[0]?.variables?.[name]?.default ?? name);
  try {
    return new URL(withDefaults).pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

/**
 * The spec, indexed and its schemas compiled once. `precompiled` (from `npm run generate`) spares compiling
 * them at all; `compiler` is the generator's, which keeps the compiled source.
 */
export function compileSpec(document: OpenApiDocument, options: { precompiled?: PrecompiledValidators | undefined; compiler?: SchemaCompiler } = {}): SpecIndex {
  const compiler = options.compiler ?? new SchemaCompiler(document, { precompiled: options.precompiled });

  const compileContent = (
    content: Record<string, MediaTypeObject> | undefined,
    at: string,
  ): ReadonlyMap<string, CompiledMediaType> => {
    const compiled = new Map<string, CompiledMediaType>();
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      const examples = new Map<string, unknown>();
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        examples.set(name, resolveReference(document, example).value);
      }
      if (examples.size === 0 && media.example !== undefined) examples.set("example", media.example);
      compiled.set(mediaType, {
        mediaType,
        schema: media.schema,
        validate: media.schema === undefined ? () => [] : compiler.compileAt(`${at}${pointer(mediaType, "schema")}`),
        examples,
      });
    }
    return compiled;
  };

  // A $ref'd response or body is compiled where it is defined, so shared components compile once.
  const locate = (value: unknown, fallback: string): string =>
    typeof value === "object" && value !== null && "$ref" in value ? String((value as { $ref: string }).$ref).slice(1) : fallback;

  const operations: CompiledOperation[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths)) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (!operation) continue;
      const at = pointer("paths", pathTemplate, method);
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((entry, index) => {
        const parameter = resolveReference<ParameterObject>(document, entry);
        const schemaAt = `${locate(entry, `${at}/parameters/${index}`)}/schema`;
        return {
          name: parameter.name,
          in: parameter.in,
          required: parameter.required === true,
          schema: parameter.schema,
          validate: parameter.schema === undefined ? () => [] : compiler.compileAt(schemaAt),
        } satisfies CompiledParameter;
      });
      let requestBody: CompiledRequestBody | undefined;
      if (operation.requestBody) {
        const body = resolveReference<RequestBodyObject>(document, operation.requestBody);
        const bodyAt = locate(operation.requestBody, `${at}/requestBody`);
        requestBody = { required: body.required === true, content: compileContent(body.content, `${bodyAt}/content`) };
      }
      const responses = new Map<string, CompiledResponse>();
      for (const [status, entry] of Object.entries(operation.responses ?? {})) {
        const response = resolveReference<ResponseObject>(document, entry);
        const responseAt = locate(entry, `${at}${pointer("responses", status)}`);
        const content = compileContent(response.content, `${responseAt}/content`);
        responses.set(status, { status, description: response.description ?? "", content, media: [...content.values()] });
      }
      operations.push({
        operationId: operation.operationId ?? `${method.toUpperCase()} ${pathTemplate}`,
        method: method.toUpperCase(),
        pathTemplate,
        summary: operation.summary ?? "",
        match: compilePathMatcher(pathTemplate),
        parameters,
        requestBody,
        responses,
        security: operation.security ?? document.security ?? [],
      });
    }
  }

  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  return {
    document,
    title: document.info.title,
    basePath: basePathOf(document),
    operations,
    securitySchemes: document.components?.securitySchemes ?? {},
    byOperationId(operationId) {
      const found = byId.get(operationId);
      if (!found) throw new Error(`No operation "${operationId}" in ${document.info.title}`);
      return found;
    },
    route(method, path) {
      const allowedMethods: string[] = [];
      for (const operation of operations) {
        const pathParams = operation.match(path);
        if (!pathParams) continue;
        if (operation.method === method.toUpperCase()) return { operation, pathParams };
        allowedMethods.push(operation.method);
      }
      return allowedMethods.length > 0 ? { allowedMethods } : undefined;
    },
    compileSchema: (schema) => compiler.compileDetached(schema),
  };
}

/**
 * The key of the response the spec declares for `status`: the status itself, else its range (`4XX`),
 * else `default`; undefined when none applies.
 */
export function declaredStatusKey(operation: CompiledOperation, status: number): string | undefined {
  const exact = String(status);
  if (operation.responses.has(exact)) return exact;
  const range = `${exact[0]}XX`;
  if (operation.responses.has(range)) return range;
  return operation.responses.has("default") ? "default" : undefined;
}

/** The response the spec declares for `status`: exact, then a range like `4XX`, then `default`. */
export function declaredResponse(operation: CompiledOperation, status: number): CompiledResponse | undefined {
  const key = declaredStatusKey(operation, status);
  return key === undefined ? undefined : operation.responses.get(key);
}

/** `200, 400, 401, default`: the statuses an operation declares, for messages. */
export function describeStatuses(operation: CompiledOperation): string {
  return [...operation.responses.keys()].join(", ");
}

/**
 * The path under the spec's base path (`/v1/connect/create-link` -> `/connect/create-link`, the base path
 * itself -> `/`), or undefined when `pathname` lies outside it.
 */
export function apiPath(spec: Pick<SpecIndex, "basePath">, pathname: string): string | undefined {
  const basePath = spec.basePath;
  if (basePath === "") return pathname;
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  return pathname.slice(basePath.length) || "/";
}
