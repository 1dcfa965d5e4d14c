/**
 * Webhook signatures as Kombo makes them: HMAC-SHA256 of the raw request body, keyed with the webhook
 * secret, written as base64url without the trailing `=` padding (docs.kombo.dev/webhooks). WebCrypto
 * (`globalThis.crypto.subtle`) only, so it runs in Node, browsers and edge runtimes alike; no library
 * does this one HMAC in all three without pulling in Node's `crypto`.
 */

/** The raw body exactly as it arrived: the text or its bytes, before any JSON parsing. */
export type RawBody = string | Uint8Array;

const encoder = new TextEncoder();

function bytesOf(body: RawBody): Uint8Array<ArrayBuffer> {
  return typeof body === "string" ? encoder.encode(body) : new Uint8Array(body);
}

async function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A SHA-256 digest is 32 bytes: 43 base64url characters, no padding, nothing else. */
const unpaddedDigest = /^[A-Za-z0-9_-]{43}$/;

function digestBytes(signature: string): Uint8Array<ArrayBuffer> | undefined {
  if (!unpaddedDigest.test(signature)) return undefined;
  const binary = atob(signature.replace(/-/g, "+").replace(/_/g, "/") + "=");
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The signature header's value for `body`: base64url(HMAC-SHA256(secret, body)) without padding. */
export async function signWebhookBody(body: RawBody, secret: string): Promise<string> {
  const signature = await globalThis.crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), bytesOf(body));
  return base64url(new Uint8Array(signature));
}

/**
 * True only when `signature` is the body's signature under `secret`, written exactly as Kombo writes it:
 * false for a missing, padded, re-encoded or modified signature, a modified body or an empty secret.
 * WebCrypto's `verify` compares in constant time, so the answer's timing says nothing of the signature.
 */
export async function verifyWebhookSignature(body: RawBody, signature: string | null | undefined, secret: string): Promise<boolean> {
  if (typeof signature !== "string" || secret === "") return false;
  const expected = digestBytes(signature.trim() === signature ? signature : "");
  if (expected === undefined) return false;
  return globalThis.crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), expected, bytesOf(body));
}
