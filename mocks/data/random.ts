const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// One getRandomValues call per id cost a tenth of a create-link answer; drawing ids from a pool
// refilled 4 KiB at a time keeps the same source of randomness at a fraction of the cost.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomBytes(length: number): Uint8Array {
  if (length > pool.length) return globalThis.crypto.getRandomValues(new Uint8Array(length));
  if (poolOffset + length > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return bytes;
}

const alphabetCodes = Array.from(alphabet, (character) => character.charCodeAt(0));

/** Random letters and digits from the Web Crypto API (Node 20+ and browsers alike). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  const codes = new Array<number>(length);
  for (let index = 0; index < length; index += 1) codes[index] = alphabetCodes[(bytes[index] as number) % alphabetCodes.length] as number;
  // One flat string. Appending character by character built a rope that every Map lookup of the id
  // (state is keyed by it) had to flatten first; over HTTP that was several µs per create-link.
  let id = "";
  for (let start = 0; start < length; start += 4096) id += String.fromCharCode(...codes.slice(start, start + 4096));
  return id;
}

/** A 32-bit seed from any text (FNV-1a), so `Prefer: seed=abc` repeats. */
export function seedFromText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
