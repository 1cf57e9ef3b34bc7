/**
 * 入选概率 exact inclusion probabilities (double-random/v4, docs/draw-algorithm.md §6a), as
 * reduced fractions "p/q" in decimal: what chance a class had, in numbers anyone can check.
 * BigInt, so that no size makes the arithmetic inexact.
 */

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** k of n, reduced ("0/1" when k is 0, "1/1" when k ≥ n). */
export function fraction(k: number | bigint, n: number | bigint): string {
  const num = BigInt(k);
  const den = BigInt(n);
  if (num <= 0n || den <= 0n) return '0/1';
  if (num >= den) return '1/1';
  const g = gcd(num, den);
  return `${num / g}/${den / g}`;
}

/**
 * A stratum's inclusion probability: exact where its members are drawn uniformly (a ratio
 * stratum always, a weighted one whose weights are all equal), q of n; null for a weighted
 * stratum with unequal weights, whose exact probability without replacement is not stated.
 */
export const stratumInclusion = (quota: number, size: number, uniform: boolean): string | null => (uniform ? fraction(quota, size) : null);

/** The due members' probability: 1/1 when all are taken, else the uniform sample's k of d; null with none due. */
export const dueInclusion = (taken: number, due: number): string | null => (due === 0 ? null : fraction(taken, due));
