/**
 * Mock JWTs: well formed (base64url `header.payload.signature`), so clients that decode them to read
 * `aud` and `exp` work, but not signed for real. The signature segment says so; nothing can verify it.
 * Hand-written because a JWT library would sign (needing a key and node:crypto or async Web Crypto),
 * and the engine is synchronous and runtime-free.
 */

const header = { alg: "RS256", typ: "JWT", kid: "connect-contracts-mock" };
const signature = "mock-signature-not-verifiable";

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(segment: string): string {
  const binary = atob(segment.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (character) => character.charCodeAt(0)));
}

export function encodeMockJwt(payload: Readonly<Record<string, unknown>>): string {
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}.${base64Url(signature)}`;
}

/** The payload of any JWT (unverified), or undefined when `token` is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(fromBase64Url(parts[1]));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
