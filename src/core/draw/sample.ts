import type { RandomStream } from './random-stream.ts';

/**
 * Picks k of the items uniformly without replacement, in the order drawn: the first k steps of
 * a Fisher–Yates shuffle (step i swaps position i with i + uniform(n − i)). The input order
 * must be canonical; the input is not modified.
 */
export function sampleUniform<T>(items: ArrayLike<T>, k: number, random: RandomStream): T[] {
  const n = items.length;
  const take = Math.min(k, n);
  if (take * 4 < n) return sampleSparse(items, take, random);
  const a = Array.from(items);
  for (let i = 0; i < take; i++) {
    const j = i + random.uniform(n - i);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, take);
}

/**
 * The same steps without copying a large list: only the displaced positions are remembered
 * (step i never reads positions below i again, so position i need not be written back).
 */
function sampleSparse<T>(items: ArrayLike<T>, take: number, random: RandomStream): T[] {
  const n = items.length;
  const moved = new Map<number, T>();
  const at = (i: number) => (moved.has(i) ? moved.get(i)! : items[i]!);
  const out: T[] = [];
  for (let i = 0; i < take; i++) {
    const j = i + random.uniform(n - i);
    const picked = at(j);
    if (j !== i) moved.set(j, at(i));
    out.push(picked);
  }
  return out;
}

/**
 * Picks k items without replacement with chances proportional to integer weights: each step
 * draws r = uniform(remaining total weight) and takes the item whose cumulative weight range
 * (in input order) holds r, then removes it. A Fenwick tree makes each step O(log n).
 */
export function sampleWeighted<T>(items: ArrayLike<T>, weights: readonly number[], k: number, random: RandomStream): T[] {
  const n = items.length;
  const tree = new Array<number>(n + 1).fill(0);
  let total = 0;
  const add = (i: number, delta: number) => {
    for (let x = i + 1; x <= n; x += x & -x) tree[x]! += delta;
  };
  weights.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights are whole numbers ≥ 0, got ${w}`);
    add(i, w);
    total += w;
  });
  let high = 1;
  while (high * 2 <= n) high *= 2;
  const picked: T[] = [];
  const left = weights.slice();
  for (let step = 0; step < k && total > 0; step++) {
    let r = random.uniform(total);
    // Find the smallest index whose prefix sum exceeds r.
    let pos = 0;
    for (let bit = high; bit > 0; bit >>= 1) {
      const next = pos + bit;
      if (next <= n && tree[next]! <= r) {
        pos = next;
        r -= tree[next]!;
      }
    }
    picked.push(items[pos]!);
    add(pos, -left[pos]!);
    total -= left[pos]!;
    left[pos] = 0;
  }
  return picked;
}

/**
 * Splits k seats among groups in proportion to their sizes (integer mass), by largest remainder:
 * each gets floor(k·mass/total), the seats left go to the largest remainders (ties: the earlier
 * group). No group gets more than its capacity; seats it cannot take are shared again among the
 * others the same way.
 */
export function allocateQuotas(k: number, groups: readonly { readonly mass: number; readonly capacity: number }[]): number[] {
  const quotas = groups.map(() => 0);
  let seats = Math.min(k, groups.reduce((s, g) => s + g.capacity, 0));
  while (seats > 0) {
    const open = groups.map((g, i) => i).filter((i) => quotas[i]! < groups[i]!.capacity && groups[i]!.mass > 0);
    if (open.length === 0) break;
    const mass = open.reduce((s, i) => s + groups[i]!.mass, 0);
    const shares = open.map((i) => ({ i, floor: Math.floor((seats * groups[i]!.mass) / mass), rem: (seats * groups[i]!.mass) % mass }));
    let given = 0;
    for (const s of shares) {
      const room = groups[s.i]!.capacity - quotas[s.i]!;
      const take = Math.min(s.floor, room);
      quotas[s.i]! += take;
      given += take;
    }
    let left = seats - given;
    for (const s of [...shares].sort((a, b) => b.rem - a.rem || a.i - b.i)) {
      if (left === 0) break;
      if (quotas[s.i]! < groups[s.i]!.capacity && s.rem > 0) {
        quotas[s.i]! += 1;
        left -= 1;
      }
    }
    if (left === seats) {
      // Nothing moved (all remainders 0, floors capped): give seats one by one in order.
      for (const i of open) if (left > 0 && quotas[i]! < groups[i]!.capacity) { quotas[i]! += 1; left -= 1; }
    }
    seats = left;
  }
  return quotas;
}
