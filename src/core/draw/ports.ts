import type { Result } from '../result.ts';
import type { RulePackHooks } from '../rules/facts.ts';

/**
 * What the draw needs from outside, as plain functions (the server passes node:crypto's;
 * a verifier in the browser could pass @noble/hashes'). SHA-256 is standard: any implementation
 * gives the same bytes.
 */
/**
 * Re-creates a pack's hooks from their source text (a draw export's `pack.hooks`), isolated from
 * everything but JavaScript's built-ins, so that the text alone decides what they do. `docs` are
 * the documents a hook's refusal may cite. The SDK's runs them in a fresh node:vm realm
 * (src/rulepacks/sdk/isolate-hooks.ts); a server may refuse text that is not a loaded pack's.
 */
export type HookIsolator = (
  sources: Readonly<Record<string, string>>,
  docs: ReadonlySet<string>,
) => Result<RulePackHooks, readonly { readonly hook: string; readonly message: string }[]>;

export interface DrawPorts {
  readonly sha256: (data: Uint8Array) => Uint8Array;
  /** Incremental SHA-256, for snapshots too large to hold as one string; optional. */
  readonly createSha256?: () => { update(data: Uint8Array): void; digest(): Uint8Array };
  /** Needed to verify a draw whose pack has hooks; optional. */
  readonly isolateHooks?: HookIsolator;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new RangeError('expected lowercase hex with an even number of digits');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
