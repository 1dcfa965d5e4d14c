import type { CompiledMediaType, CompiledOperation } from "../../openapi/spec-index.js";
import { formMediaType, mediaTypeEssence } from "../../openapi/media-type.js";

/** How a request body of one declared media type is written, and read back the way a server reads it. */
export interface RequestMedia {
  mediaType: string;
  media: CompiledMediaType;
  /** JSON can be malformed; a form body cannot. */
  isJson: boolean;
  encode(value: unknown): string;
  /** The value a server gets after parsing the text (a form turns every value into text). */
  decode(text: string): unknown;
}

function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType);
  return essence === "application/json" || essence.endsWith("+json");
}

function formEncode(value: unknown): string {
  if (typeof value !== "object" || value === null) return String(value ?? "");
  const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined && entry !== null);
  return new URLSearchParams(entries.map(([name, entry]) => [name, typeof entry === "string" ? entry : JSON.stringify(entry)])).toString();
}

/**
 * The request body's media type the suite writes: the first JSON one the operation declares, else a form,
 * else none. Adding an operation with a JSON or form body needs no code in the cases.
 */
export function requestMedia(operation: CompiledOperation): RequestMedia | undefined {
  const declared = [...(operation.requestBody?.content.values() ?? [])];
  const json = declared.find((media) => isJsonMediaType(media.mediaType));
  if (json) return { mediaType: json.mediaType, media: json, isJson: true, encode: (value) => JSON.stringify(value), decode: (text) => JSON.parse(text) as unknown };
  const form = declared.find((media) => mediaTypeEssence(media.mediaType) === formMediaType);
  if (form) {
    return { mediaType: form.mediaType, media: form, isJson: false, encode: formEncode, decode: (text) => Object.fromEntries(new URLSearchParams(text)) };
  }
  return undefined;
}

/**
 * True when `value` breaks the schema and a server reads exactly `value` back: a form carries only text, so
 * a wrong-type break (`12345` becomes "12345") would arrive as some other break, or none.
 */
export function breaksTheSchemaAsSent(media: RequestMedia, value: unknown): boolean {
  if (media.media.validate(value).length === 0) return false;
  return media.isJson || JSON.stringify(media.decode(media.encode(value))) === JSON.stringify(value);
}
