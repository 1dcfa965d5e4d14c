/** Media types: how a Content-Type header is read and which declared media type it stands for. */

export const formMediaType = "application/x-www-form-urlencoded";

/** The media type without parameters, lower case: `application/json; charset=utf-8` -> `application/json`; "" when absent. */
export function mediaTypeEssence(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** `application/json`, `application/problem+json`, ...: a body of this media type is JSON text. */
export function isJsonMediaType(mediaType: string | undefined): boolean {
  return /[/+]json$/.test(mediaTypeEssence(mediaType));
}

/** A Content-Type header's essence and its `charset` parameter (lower case, quotes removed), if any. */
export function contentTypeParts(header: string): { essence: string; charset: string | undefined } {
  const [essence = "", ...parameters] = header.split(";");
  let charset: string | undefined;
  for (const parameter of parameters) {
    const [name = "", value = ""] = parameter.split("=");
    if (name.trim().toLowerCase() === "charset") charset = value.trim().replace(/^"|"$/g, "").toLowerCase();
  }
  return { essence: essence.trim().toLowerCase(), charset };
}

function spacingAside(value: string): string {
  return value.toLowerCase().replace(/\s+/g, "");
}

/**
 * The declared media type a Content-Type stands for: the one written the same (case and spacing aside),
 * else the first with the same essence (parameters such as `charset=utf-8` aside).
 */
export function matchingMediaType<Media extends { mediaType: string }>(declared: Iterable<Media>, contentType: string | undefined): Media | undefined {
  if (contentType === undefined) return undefined;
  // A route's declared list meets the same few Content-Types answer after answer: each match is worked out once.
  const known = matchesByList.get(declared);
  if (known?.has(contentType)) return (known.get(contentType) ?? undefined) as Media | undefined;
  const found = findMatchingMediaType([...declared], contentType);
  const matches = known ?? new Map<string, { mediaType: string } | null>();
  if (matches.size >= matchesKeptPerList) matches.clear();
  matches.set(contentType, found ?? null);
  matchesByList.set(declared, matches);
  return found;
}

/** Content-Types remembered per declared list: a few, so arbitrary upstream or client headers cannot pile up. */
const matchesKeptPerList = 16;
const matchesByList = new WeakMap<object, Map<string, { mediaType: string } | null>>();

function findMatchingMediaType<Media extends { mediaType: string }>(candidates: readonly Media[], contentType: string): Media | undefined {
  const written = spacingAside(contentType);
  const essence = mediaTypeEssence(contentType);
  return candidates.find((media) => spacingAside(media.mediaType) === written) ?? candidates.find((media) => mediaTypeEssence(media.mediaType) === essence);
}

/** The media type to answer with: the first declared one the `Accept` header names, else the first. */
export function acceptedMediaType<Media extends { mediaType: string }>(declared: readonly Media[], accept: string | undefined): Media | undefined {
  if (declared.length <= 1 || accept === undefined) return declared[0];
  const wanted = accept.toLowerCase();
  return declared.find((media) => wanted.includes(media.mediaType.toLowerCase())) ?? declared[0];
}
