import { chacha20 } from '@noble/ciphers/chacha.js';

// Keystream is made in chunks that start small and double up to 64 KiB: a county draw or a
// simulated task reads a few KiB, and making 64 KiB for each of a simulation's ten thousand draws
// was most of their cost. The keystream is the same whatever the chunks (the block counter runs on).
const FIRST_CHUNK_BLOCKS = 16;
const CHUNK_BLOCKS = 1024;
const TWO_48 = 2 ** 48;

/**
 * The draw's only source of randomness: the ChaCha20 keystream (RFC 8439) with the 32-byte
 * seed as key, a nonce of 12 zero bytes and the block counter from 0, read 6 bytes at a time
 * as big-endian 48-bit integers. No floating point decides anything.
 */
export class RandomStream {
  private buffer = new Uint8Array(0);
  private offset = 0;
  private nextBlock = 0;
  private chunkBlocks = FIRST_CHUNK_BLOCKS;
  private readonly nonce = new Uint8Array(12);
  /** 48-bit values read so far (the verifier reports it, to compare consumption). */
  consumed = 0;

  constructor(private readonly seed: Uint8Array) {
    if (seed.length !== 32) throw new RangeError('the seed is 32 bytes');
  }

  private refill(): void {
    const rest = this.buffer.subarray(this.offset);
    const fresh = chacha20(this.seed, this.nonce, new Uint8Array(this.chunkBlocks * 64), undefined, this.nextBlock);
    this.nextBlock += this.chunkBlocks;
    this.chunkBlocks = Math.min(CHUNK_BLOCKS, this.chunkBlocks * 2);
    const joined = new Uint8Array(rest.length + fresh.length);
    joined.set(rest);
    joined.set(fresh, rest.length);
    this.buffer = joined;
    this.offset = 0;
  }

  /** The next 6 keystream bytes as an integer in [0, 2^48). */
  nextUint48(): number {
    if (this.offset + 6 > this.buffer.length) this.refill();
    const b = this.buffer;
    const o = this.offset;
    this.offset += 6;
    this.consumed += 1;
    return ((b[o]! * 256 + b[o + 1]!) * 256 + b[o + 2]!) * 2 ** 24 + ((b[o + 3]! << 16) | (b[o + 4]! << 8) | b[o + 5]!);
  }

  /** A uniform integer in [0, m), m ≤ 2^48, without bias: values at or above the largest multiple of m are rejected. */
  uniform(m: number): number {
    if (!Number.isSafeInteger(m) || m < 1 || m > TWO_48) throw new RangeError(`uniform(m) needs 1 ≤ m ≤ 2^48, got ${m}`);
    const limit = TWO_48 - (TWO_48 % m);
    for (;;) {
      const x = this.nextUint48();
      if (x < limit) return x % m;
    }
  }
}
