import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/draw/random-stream.ts';
import { allocateQuotas, sampleUniform, sampleWeighted } from '../../src/core/draw/sample.ts';
import { fromHex } from '../../src/core/draw/ports.ts';

const seedOf = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());

/** Pearson's chi-square statistic against equal expected counts. */
export function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}
/** Upper 0.1% critical value of chi-square with k degrees of freedom (Wilson–Hilferty). */
export function chiSquareCritical(k: number): number {
  const z = 3.0902; // one-sided 0.999 normal quantile
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

describe('the generator', () => {
  it('is the RFC 8439 ChaCha20 keystream: it matches OpenSSL byte for byte', () => {
    const seed = seedOf('keystream');
    const stream = new RandomStream(seed);
    const ours = Array.from({ length: 20_000 }, () => stream.nextUint48());
    // OpenSSL's chacha20 takes a 16-byte IV: the 32-bit block counter (little-endian) then the 12-byte nonce.
    const openssl = createCipheriv('chacha20', seed, new Uint8Array(16)).update(new Uint8Array(6 * 20_000));
    const theirs = Array.from({ length: 20_000 }, (_, i) => openssl.readUIntBE(6 * i, 6));
    expect(ours).toEqual(theirs);
  });

  it('draws unbiased integers in a range, rejecting the tail', () => {
    const stream = new RandomStream(seedOf('uniform'));
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[stream.uniform(7)]++;
    expect(chiSquare(counts)).toBeLessThan(chiSquareCritical(6));
    expect(() => stream.uniform(0)).toThrow(RangeError);
    expect(() => stream.uniform(2 ** 48 + 1)).toThrow(RangeError);
    // m = 2^47 + 1: almost half of all 48-bit values are rejected, and the result stays in range.
    for (let i = 0; i < 100; i++) expect(stream.uniform(2 ** 47 + 1)).toBeLessThan(2 ** 47 + 1);
  });

  it('refuses a seed that is not 32 bytes', () => {
    expect(() => new RandomStream(fromHex('00'))).toThrow(RangeError);
  });
});

describe('sampling', () => {
  it('gives every item of a list the same chance (Fisher–Yates, 3 of 12, 12,000 draws)', () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const counts = new Array(12).fill(0);
    const firsts = new Array(12).fill(0);
    for (let run = 0; run < 12_000; run++) {
      const picked = sampleUniform(items, 3, new RandomStream(seedOf(`fy-${run}`)));
      expect(new Set(picked).size).toBe(3);
      for (const p of picked) counts[p]++;
      firsts[picked[0]!]++;
    }
    expect(chiSquare(counts)).toBeLessThan(chiSquareCritical(11));
    expect(chiSquare(firsts)).toBeLessThan(chiSquareCritical(11));
  });

  it('takes a few of a long list without copying it, and draws exactly what the written-down shuffle draws', () => {
    // The plain definition (docs/draw-algorithm.md §4): copy, then k steps of Fisher–Yates.
    const plain = (items: readonly number[], k: number, random: RandomStream) => {
      const a = [...items];
      for (let i = 0; i < k; i++) {
        const j = i + random.uniform(a.length - i);
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a.slice(0, k);
    };
    for (const [n, k] of [[1000, 7], [1000, 249], [1000, 250], [40, 39], [5, 5]] as const) {
      const items = Array.from({ length: n }, (_, i) => i);
      for (let run = 0; run < 20; run++) {
        const a = new RandomStream(seedOf(`sparse-${n}-${k}-${run}`));
        const b = new RandomStream(seedOf(`sparse-${n}-${k}-${run}`));
        expect(sampleUniform(items, k, a)).toEqual(plain(items, k, b));
        expect(a.consumed).toBe(b.consumed);
      }
    }
  });

  it('draws in proportion to integer weights, without replacement', () => {
    const counts = [0, 0, 0];
    for (let run = 0; run < 9_000; run++) {
      const picked = sampleWeighted(['a', 'b', 'c'], [1, 2, 3], 1, new RandomStream(seedOf(`w-${run}`)))[0]!;
      counts['abc'.indexOf(picked)]! += 1;
    }
    // Expected 1:2:3 of 9,000.
    const expected = [1500, 3000, 4500];
    const stat = counts.reduce((s, c, i) => s + (c - expected[i]!) ** 2 / expected[i]!, 0);
    expect(stat).toBeLessThan(chiSquareCritical(2));
    const all = sampleWeighted(['a', 'b', 'c', 'd'], [5, 0, 1, 7], 4, new RandomStream(seedOf('all')));
    expect([...all].sort()).toEqual(['a', 'c', 'd']); // weight 0 is never drawn
  });

  it('allocates quotas by largest remainder, within capacities, summing to the seats', () => {
    expect(allocateQuotas(10, [{ mass: 1, capacity: 99 }, { mass: 1, capacity: 99 }, { mass: 1, capacity: 99 }])).toEqual([4, 3, 3]);
    expect(allocateQuotas(10, [{ mass: 6, capacity: 99 }, { mass: 3, capacity: 99 }, { mass: 1, capacity: 99 }])).toEqual([6, 3, 1]);
    expect(allocateQuotas(10, [{ mass: 9, capacity: 2 }, { mass: 1, capacity: 99 }])).toEqual([2, 8]);
    expect(allocateQuotas(5, [{ mass: 0, capacity: 9 }, { mass: 2, capacity: 9 }])).toEqual([0, 5]);
    expect(allocateQuotas(50, [{ mass: 3, capacity: 4 }, { mass: 1, capacity: 5 }])).toEqual([4, 5]);
    for (let k = 0; k < 40; k++) {
      const q = allocateQuotas(k, [{ mass: 7, capacity: 11 }, { mass: 2, capacity: 30 }, { mass: 5, capacity: 3 }]);
      expect(q.reduce((s, x) => s + x, 0)).toBe(Math.min(k, 44));
    }
  });
});
