/**
 * What a property's name says its value is, read the way a person reads it: by the words of the name
 * (`end_user_organization_name` -> end, user, organization, name), the last word being the head noun
 * ("a name"), the others qualifying it ("of an organization"). These are English words, not a list
 * of any spec's properties, so a new property gets a believable value without a code change.
 */
export type ValueKind =
  | "email"
  | "organization"
  | "personName"
  | "firstName"
  | "lastName"
  | "url"
  | "identifier"
  | "token"
  | "code"
  | "text"
  | "expiry"
  | "moment"
  | "phone"
  | "city"
  | "country"
  | "address"
  | "count"
  | "unknown";

/** `end_user_organization_name`, `endUserEmail`, `log-url` -> lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

const organizationWords = new Set(["organization", "organisation", "org", "company", "business", "tenant", "employer", "account"]);
const textHeads = new Set(["message", "title", "description", "summary", "detail", "details", "reason", "hint", "label", "text", "comment", "note"]);
const identifierHeads = new Set(["id", "ids", "uuid", "guid", "ref", "reference", "key", "handle", "slug"]);
const momentHeads = new Set(["at", "date", "time", "timestamp", "created", "updated", "modified", "since", "until", "on"]);

/** The kind a property's name points to; `"unknown"` when the words say nothing a generator can use. */
export function kindFromName(name: string | undefined): ValueKind {
  if (name === undefined) return "unknown";
  const words = nameWords(name);
  const head = words.at(-1);
  if (head === undefined) return "unknown";
  const has = (...wanted: string[]): boolean => wanted.some((word) => words.includes(word));
  if (words.some((word) => word.startsWith("expir")) || (has("valid") && has("until"))) return "expiry";
  if (head === "email" || head === "mail" || (head === "address" && has("email", "mail"))) return "email";
  if (head === "name") {
    if (words.some((word) => organizationWords.has(word))) return "organization";
    if (has("first", "given")) return "firstName";
    if (has("last", "family", "sur")) return "lastName";
    return "personName";
  }
  if (organizationWords.has(head) || head === "organizations" || head === "companies") return "organization";
  if (head === "url" || head === "uri" || head === "link" || head === "href" || head === "website" || head === "homepage") return "url";
  if (head === "token" || head === "secret" || (head === "key" && has("api", "access", "secret"))) return "token";
  if (identifierHeads.has(head)) return "identifier";
  if (head === "code") return "code";
  if (textHeads.has(head)) return "text";
  if (momentHeads.has(head)) return "moment";
  if (head === "phone" || head === "mobile" || (head === "number" && has("phone", "mobile"))) return "phone";
  if (head === "city" || head === "town") return "city";
  if (head === "country") return "country";
  if (head === "address" || head === "street") return "address";
  if (head === "count" || head === "total" || head === "size" || head === "limit" || head === "age") return "count";
  return "unknown";
}
