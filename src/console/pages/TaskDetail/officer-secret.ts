/**
 * The draw officer's own commitment (docs/draw-algorithm.md §2): 32 random bytes S from the
 * browser's CSPRNG, and commitment = hex(SHA-256(S)) over the bytes themselves (not their hex).
 * The secret never leaves this tab until the officer reveals it at the draw.
 */

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(hex.length / 2));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export const SECRET_PATTERN = /^[0-9a-f]{64}$/;

/** A new secret: 32 bytes from crypto.getRandomValues, as 64 lowercase hex digits. */
export function newSecret(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/** hex(SHA-256(S)) for a secret of 64 hex digits, as the server checks it at the draw. */
export async function commitmentOf(secretHex: string): Promise<string> {
  const secret = secretHex.trim().toLowerCase();
  if (!SECRET_PATTERN.test(secret)) throw new RangeError('the secret is 32 bytes (64 hex digits)');
  const bytes = fromHex(secret);
  // SubtleCrypto exists only in a secure context (https, or this machine); a bureau's intranet
  // server on plain http gets the same hash from @noble/hashes, loaded only then.
  if (globalThis.crypto?.subtle) return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return toHex(sha256(bytes));
}

/** A key for drawTask: the same key again (a retried request) gets the same draw back. */
export function newIdempotencyKey(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Secrets made in this tab, by task id, so the draw form can offer the one just made. Memory only:
 * never sessionStorage or localStorage; a reload forgets it and the officer types it from their copy.
 */
export const SECRETS_OF_THIS_TAB = new Map<string, string>();
