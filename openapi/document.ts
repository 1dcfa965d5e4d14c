/** The slice of OpenAPI 3.1 that the engine and the contract checks read. Everything else in a spec is ignored. */
export type JsonSchema = Record<string, unknown> | boolean;

export interface Reference {
  $ref: string;
}

export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: unknown;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  examples?: Record<string, ExampleObject | Reference>;
  example?: unknown;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  description?: string;
}

export interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

interface OperationObject {
  operationId?: string;
  summary?: string;
  parameters?: (ParameterObject | Reference)[];
  requestBody?: RequestBodyObject | Reference;
  responses?: Record<string, ResponseObject | Reference>;
  security?: SecurityRequirement[];
  /** The scope an operation needs (Kinde's Management API). */
  "x-scope"?: string;
}

export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
type HttpMethod = (typeof httpMethods)[number];

type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & {
  parameters?: (ParameterObject | Reference)[];
};

export interface SecuritySchemeObject {
  type: string;
  scheme?: string;
  bearerFormat?: string;
  name?: string;
  in?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  security?: SecurityRequirement[];
  paths: Record<string, PathItemObject>;
  /** OpenAPI 3.1 webhooks: the requests the provider sends to its users, by event type. */
  webhooks?: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    responses?: Record<string, ResponseObject | Reference>;
    parameters?: Record<string, ParameterObject | Reference>;
    examples?: Record<string, ExampleObject | Reference>;
    requestBodies?: Record<string, RequestBodyObject | Reference>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
  };
}

export function isReference(value: unknown): value is Reference {
  return typeof value === "object" && value !== null && typeof (value as Reference).$ref === "string";
}

function unescapePointerToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Escapes one JSON Pointer token (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Follows local `#/...` references until it reaches a value that is not one. */
export function resolveReference<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local references are supported, got "${ref}"`);
    if (seen.has(ref)) throw new Error(`Circular reference "${ref}"`);
    seen.add(ref);
    let target: unknown = document;
    for (const token of ref.slice(2).split("/").map(unescapePointerToken)) {
      if (typeof target !== "object" || target === null || !(token in target)) {
        throw new Error(`Reference "${ref}" does not resolve`);
      }
      target = (target as Record<string, unknown>)[token];
    }
    current = target;
  }
  return current as T;
}
