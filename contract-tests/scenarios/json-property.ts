/** `json[name]` when `json` is an object, else undefined. */
export function propertyOf(json: unknown, name: string): unknown {
  return typeof json === "object" && json !== null ? (json as Record<string, unknown>)[name] : undefined;
}
