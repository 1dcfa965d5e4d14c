import type { Client, ClientPathsWithMethod, FetchResponse, MaybeOptionalInit } from "openapi-fetch";

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;

/** The operation's init type (params, body and fetch options), `| undefined` when nothing in it is required. */
type InitOf<PathItem, Method extends HttpMethod> =
  PathItem extends Record<Method, {}> ? MaybeOptionalInit<PathItem, Method> : never;

/** The init argument may be left out exactly when nothing in it is required. */
type InitArgument<Init> = undefined extends Init ? [init?: Init] : [init: Init];

type ResponseOf<PathItem, Method extends HttpMethod, Media extends MediaType> =
  PathItem extends Record<Method, infer Operation extends Record<string | number, unknown>>
    ? FetchResponse<Operation, NonNullable<InitOf<PathItem, Method>>, Media>
    : never;

/**
 * openapi-fetch infers `init` as a type parameter of its own, so TypeScript never checks it for excess
 * properties and a misspelled query parameter or body field compiles. Here `init` takes the operation's
 * own type once the path is known, so such a call is a compile error.
 */
type StrictClientMethod<Paths extends {}, Method extends HttpMethod, Media extends MediaType> = <
  Path extends ClientPathsWithMethod<Client<Paths, Media>, Method>,
>(
  url: Path,
  ...init: InitArgument<InitOf<Paths[Path], Method>>
) => Promise<ResponseOf<Paths[Path], Method, Media>>;

/**
 * openapi-fetch's client (the same object at run time), typed so that every call is checked against the
 * spec, unknown keys in `params` and `body` included.
 */
export interface StrictClient<Paths extends {}, Media extends MediaType = "application/json">
  extends Omit<Client<Paths, Media>, "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE"> {
  GET: StrictClientMethod<Paths, "get", Media>;
  PUT: StrictClientMethod<Paths, "put", Media>;
  POST: StrictClientMethod<Paths, "post", Media>;
  DELETE: StrictClientMethod<Paths, "delete", Media>;
  OPTIONS: StrictClientMethod<Paths, "options", Media>;
  HEAD: StrictClientMethod<Paths, "head", Media>;
  PATCH: StrictClientMethod<Paths, "patch", Media>;
  TRACE: StrictClientMethod<Paths, "trace", Media>;
}
