import type { InspectorFacts } from '../rules/facts.ts';
import type { RandomStream } from './random-stream.ts';

/**
 * Which positions of a list are in a set, with counting and selection by rank in O(log n): a
 * Fenwick tree of 0/1 flags.
 */
class RankedSet {
  private readonly tree: Int32Array;
  private readonly flags: Uint8Array;
  private readonly high: number;
  size = 0;

  constructor(private readonly n: number) {
    this.tree = new Int32Array(n + 1);
    this.flags = new Uint8Array(n);
    let high = 1;
    while (high * 2 <= n) high *= 2;
    this.high = n === 0 ? 0 : high;
  }

  has(p: number): boolean {
    return this.flags[p] === 1;
  }

  private add(p: number, delta: number): void {
    for (let x = p + 1; x <= this.n; x += x & -x) this.tree[x]! += delta;
  }

  insert(p: number): void {
    if (this.flags[p] === 1) return;
    this.flags[p] = 1;
    this.size++;
    this.add(p, 1);
  }

  remove(p: number): void {
    if (this.flags[p] !== 1) return;
    this.flags[p] = 0;
    this.size--;
    this.add(p, -1);
  }

  /** How many members come before position p. */
  rank(p: number): number {
    let sum = 0;
    for (let x = p; x > 0; x -= x & -x) sum += this.tree[x]!;
    return sum;
  }

  /** The position of the member of rank k (0-based). */
  select(k: number): number {
    let pos = 0;
    let left = k;
    for (let bit = this.high; bit > 0; bit >>= 1) {
      const next = pos + bit;
      if (next <= this.n && this.tree[next]! <= left) {
        pos = next;
        left -= this.tree[next]!;
      }
    }
    return pos;
  }
}

/**
 * The candidates of one kind of seat (a sector's eligible inspectors, own only or all,
 * specialists or not), in id order, with the positions of those at the lowest load kept
 * apart (the tier). A seat is drawn in the tier without scanning everyone: the tier is rebuilt
 * only when it empties, once per round of the list, and leaving it or finding its k-th member
 * is O(log n). It gives exactly the draws of the plain definition in docs/draw-algorithm.md.
 */
export class SeatPool {
  readonly position: ReadonlyMap<string, number>;
  private readonly tier: RankedSet;

  constructor(
    readonly items: readonly InspectorFacts[],
    private readonly load: ReadonlyMap<string, number>,
    /** Each item's position by id, when made beforehand for these items (a task's setup, teams.ts). */
    position?: ReadonlyMap<string, number>,
  ) {
    this.position = position ?? new Map(items.map((i, p) => [i.id, p]));
    this.tier = new RankedSet(items.length);
  }

  private loadAt(p: number): number {
    return this.load.get(this.items[p]!.id) ?? 0;
  }

  private rebuild(): void {
    let least = Number.POSITIVE_INFINITY;
    for (let p = 0; p < this.items.length; p++) least = Math.min(least, this.loadAt(p));
    for (let p = 0; p < this.items.length; p++) if (this.loadAt(p) === least) this.tier.insert(p);
  }

  /** An inspector's load went up (after a team was completed): it leaves the lowest tier. */
  raised(id: string): void {
    const p = this.position.get(id);
    if (p !== undefined) this.tier.remove(p);
  }

  /**
   * Draws one seat among the candidates not in `excluded` (positions, sorted) with the fewest
   * teams: uniform(tier size), the tier in id order. Returns undefined when nobody is left.
   */
  draw(excluded: readonly number[], random: RandomStream): InspectorFacts | undefined {
    if (this.items.length === excluded.length) return undefined;
    if (this.tier.size === 0) this.rebuild();
    const skipped = excluded.filter((p) => this.tier.has(p));
    if (skipped.length === this.tier.size) return this.drawSlowly(excluded, random);
    const k = random.uniform(this.tier.size - skipped.length);
    // The k-th tier position that is not excluded.
    let index = k;
    for (const p of skipped) {
      if (this.tier.rank(p) <= index) index++;
      else break;
    }
    return this.items[this.tier.select(index)];
  }

  /** The tier is all excluded: the lowest load among the others is higher; scan for it. */
  private drawSlowly(excluded: readonly number[], random: RandomStream): InspectorFacts | undefined {
    const out = new Set(excluded);
    let least = Number.POSITIVE_INFINITY;
    for (let p = 0; p < this.items.length; p++) if (!out.has(p)) least = Math.min(least, this.loadAt(p));
    const tier: number[] = [];
    for (let p = 0; p < this.items.length; p++) if (!out.has(p) && this.loadAt(p) === least) tier.push(p);
    return tier.length === 0 ? undefined : this.items[tier[random.uniform(tier.length)]!];
  }

  /**
   * A uniform sample of k ids of the candidates not excluded, in drawn order: Fisher–Yates over
   * the virtual list (items minus excluded positions) with the swaps kept in a map, so that the
   * list is never copied. Same results as sampleUniform on the materialised list.
   */
  sample(excluded: readonly number[], k: number, random: RandomStream): string[] {
    const n = this.items.length - excluded.length;
    const at = (v: number) => {
      let p = v;
      for (const e of excluded) {
        if (e <= p) p++;
        else break;
      }
      return this.items[p]!.id;
    };
    const swapped = new Map<number, number>();
    const picked: string[] = [];
    for (let i = 0; i < Math.min(k, n); i++) {
      const j = i + random.uniform(n - i);
      const vj = swapped.get(j) ?? j;
      swapped.set(j, swapped.get(i) ?? i);
      picked.push(at(vj));
    }
    return picked;
  }
}
