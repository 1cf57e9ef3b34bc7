import type { Shortfall } from '../draw/types.ts';
import type { SimulatedYear } from './simulate-year.ts';
import type { CapSummary, InfeasibleDraw, LoadSummary } from './types.ts';

/** Inspector-years with this many inspections or more share the distribution's last bucket. */
const LOAD_BUCKETS = 20;

/**
 * What the simulated years of one pack add up to: per enterprise the years it was inspected and
 * its inspections, per inspector-year the load, the cap's hits and the refused draws.
 */
export class PackTally {
  years = 0;
  readonly inspectedYears: Int32Array;
  readonly inspections: Int32Array;
  private readonly position: Map<string, number>;
  private readonly inspectorIndex: Map<string, number>;
  private distinctSum = 0;
  private inspectionsSum = 0;
  private capHits = 0;
  private yearsWithHits = 0;
  private cappedSum = 0;
  private drawsSum = 0;
  private maxDraws = 0;
  private loadSum = 0;
  private maxLoad = 0;
  private readonly histogram = new Float64Array(LOAD_BUCKETS + 1);
  private readonly refused = new Map<string, { task: number; title: string; code: Shortfall['code']; years: number; example: string }>();
  /** Obligation id → years met. */
  readonly met = new Map<string, number>();
  private readonly seen: Uint8Array;
  private readonly draws: Int32Array;
  private readonly load: Int32Array;

  constructor(usccs: readonly string[], inspectorIds: readonly string[]) {
    this.position = new Map(usccs.map((u, i) => [u, i]));
    this.inspectorIndex = new Map(inspectorIds.map((id, i) => [id, i]));
    this.inspectedYears = new Int32Array(usccs.length);
    this.inspections = new Int32Array(usccs.length);
    this.seen = new Uint8Array(usccs.length);
    this.draws = new Int32Array(inspectorIds.length);
    this.load = new Int32Array(inspectorIds.length);
  }

  add(year: SimulatedYear): void {
    this.years++;
    this.seen.fill(0);
    this.draws.fill(0);
    this.load.fill(0);
    let distinct = 0;
    const capped = new Set<string>();
    let hits = 0;
    for (const d of year.draws) {
      if (!d.selection) {
        // A refusal is counted once per year and code: the codes say what is short.
        for (const code of new Set(d.refused!.map((s) => s.code))) {
          const key = `${d.dated.index}\u0000${code}`;
          const entry = this.refused.get(key);
          if (entry) entry.years++;
          else this.refused.set(key, { task: d.dated.index, title: d.dated.title, code, years: 1, example: d.refused!.find((s) => s.code === code)!.message });
        }
        continue;
      }
      hits += d.capped.length;
      for (const u of d.capped) capped.add(u);
      const servedThisDraw = new Set<number>();
      for (const p of d.selection.picks) {
        const i = this.position.get(p.uscc)!;
        this.inspections[i]!++;
        this.inspectionsSum++;
        if (this.seen[i] === 0) {
          this.seen[i] = 1;
          this.inspectedYears[i]!++;
          distinct++;
        }
        for (const id of [p.team.leader, ...p.team.members]) {
          const k = this.inspectorIndex.get(id);
          if (k === undefined) continue;
          this.load[k]!++;
          servedThisDraw.add(k);
        }
      }
      for (const k of servedThisDraw) this.draws[k]!++;
    }
    this.distinctSum += distinct;
    this.capHits += hits;
    if (hits > 0) this.yearsWithHits++;
    this.cappedSum += capped.size;
    for (let k = 0; k < this.load.length; k++) {
      const l = this.load[k]!;
      const dr = this.draws[k]!;
      this.loadSum += l;
      this.drawsSum += dr;
      if (l > this.maxLoad) this.maxLoad = l;
      if (dr > this.maxDraws) this.maxDraws = dr;
      this.histogram[Math.min(l, LOAD_BUCKETS)]!++;
    }
  }

  countMet(ids: Iterable<string>): void {
    for (const id of ids) this.met.set(id, (this.met.get(id) ?? 0) + 1);
  }

  get distinctPerYear() {
    return this.distinctSum / this.years;
  }

  get inspectionsPerYear() {
    return this.inspectionsSum / this.years;
  }

  cap(perYear: number | null): CapSummary {
    return { perYear, hitsPerYear: this.capHits / this.years, yearsWithHits: this.yearsWithHits / this.years, enterprisesPerYear: this.cappedSum / this.years };
  }

  loadSummary(): LoadSummary {
    const inspectorYears = this.years * this.load.length || 1;
    let last = 0;
    this.histogram.forEach((n, i) => { if (n > 0) last = i; });
    return {
      meanDraws: this.drawsSum / inspectorYears,
      maxDraws: this.maxDraws,
      meanInspections: this.loadSum / inspectorYears,
      maxInspections: this.maxLoad,
      distribution: Array.from(this.histogram.subarray(0, last + 1), (n, i) => ({ inspections: i, orMore: i === LOAD_BUCKETS, share: n / inspectorYears })),
    };
  }

  infeasible(): InfeasibleDraw[] {
    return [...this.refused.values()].sort((a, b) => a.task - b.task || (a.code < b.code ? -1 : 1));
  }
}
