import type { InspectorFacts } from '../rules/facts.ts';
import type { RandomStream } from './random-stream.ts';

/** First index in a sorted array whose value is ≥ x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The candidates of one kind of seat (a sector's eligible inspectors, own only or all,
 * specialists or not), in id order, with the positions of those at the lowest load kept
 * apart. A seat is drawn in the lowest-load tier without scanning everyone: the tier is
 * rebuilt only when it empties, once per round of the list (amortised O(1) per seat).
 * It gives exactly the draws of the plain definition in docs/draw-algorithm.md.
 */
export class SeatPool {
  readonly position = new Map<string, number>();
  private level = -1;
  private tier: number[] = [];

  constructor(
    readonly items: readonly InspectorFacts[],
    private readonly load: ReadonlyMap<string, number>,
  ) {
    items.forEach((i, p) => this.position.set(i.id, p));
  }

  private loadAt(p: number): number {
    return this.load.get(this.items[p]!.id) ?? 0;
  }

  private rebuild(): void {
    let least = Number.POSITIVE_INFINITY;
    for (let p = 0; p < this.items.length; p++) least = Math.min(least, this.loadAt(p));
    this.level = least;
    this.tier = [];
    for (let p = 0; p < this.items.length; p++) if (this.loadAt(p) === least) this.tier.push(p);
  }

  /** An inspector's load went up (after a team was completed). */
  raised(id: string): void {
    const p = this.position.get(id);
    if (p === undefined) return;
    const at = lowerBound(this.tier, p);
    if (this.tier[at] === p) this.tier.splice(at, 1);
  }

  /**
   * Draws one seat among the candidates not in `excluded` (positions, sorted) with the fewest
   * teams: uniform(tier size), the tier in id order. Returns undefined when nobody is left.
   */
  draw(excluded: readonly number[], random: RandomStream): InspectorFacts | undefined {
    if (this.items.length === excluded.length) return undefined;
    if (this.tier.length === 0) this.rebuild();
    const skipped = excluded.filter((p) => this.tier[lowerBound(this.tier, p)] === p);
    if (skipped.length === this.tier.length) return this.drawSlowly(excluded, random);
    const k = random.uniform(this.tier.length - skipped.length);
    // The k-th tier position that is not excluded.
    let index = k;
    for (const p of skipped) {
      if (lowerBound(this.tier, p) <= index) index++;
      else break;
    }
    return this.items[this.tier[index]!];
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
