import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/core/draw/draw.ts';
import { fromHex } from '../../src/core/draw/ports.ts';
import { RandomStream } from '../../src/core/draw/random-stream.ts';
import { commitmentOf } from '../../src/core/draw/seed.ts';
import type { DrawTask } from '../../src/core/draw/types.ts';
import type { Rules } from '../../src/core/rules/schema.ts';
import { datedPlan, simulate, YearSimulator, type SimulationPack } from '../../src/core/simulation/index.ts';
import { demoSnapshot } from '../../src/demo/demo-snapshot.ts';
import { NODE_DRAW_PORTS as ports } from '../../src/server/draw-ports.ts';
import { builtIn } from '../rulepacks/load.ts';

/**
 * 规则模拟 (issue 21, 6): the simulation draws with the engine, reproducibly from its seed, its
 * chances are the engine's stated probabilities, and a change of cap shows in the report.
 */

const wolong = await builtIn('wolong');
const pack: SimulationPack = { key: 'wolong@1.0.0', name: wolong.meta.name, rules: wolong.rules, hooks: wolong.hooks };
const cap3: SimulationPack = { key: 'wolong@cap3', name: '卧龙（上限3次）', rules: { ...wolong.rules, cap: { ...wolong.rules.cap!, perYear: 3 } }, hooks: wolong.hooks };
/** A small county where the cap binds: 10 monthly tasks of 40 among about 400 enterprises. */
const county = (() => {
  const { history: _history, ...directory } = demoSnapshot({ enterprises: 400, inspectors: 40, experts: 5 });
  return directory;
})();
const monthly = Array.from({ length: 10 }, (_, i) => ({ month: i + 1, size: 40 }));

describe('a simulation is reproducible from its seed', () => {
  it('gives the same report for the same seed and another for another seed', () => {
    const input = { pack, directory: county, plan: monthly.slice(0, 4), years: 15, seed: '卧龙-2026' };
    const a = simulate(input, ports);
    const b = simulate(input, ports);
    const c = simulate({ ...input, seed: '卧龙-2027' }, ports);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(b.value).toEqual(a.value);
    expect(c.value.highest).not.toEqual(a.value.highest);
  });
});

describe('the simulation’s draws are the engine’s', () => {
  it('picks what runDraw picks for the same task, snapshot and random stream, items and teams included', () => {
    const secret = '5e'.repeat(32);
    const plan = datedPlan({ plan: [{ month: 3, size: 25, itemsPerInspection: 2 }], years: 1, directory: county }, 2026);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const task: DrawTask = plan.value[0]!.task;
    const record = runDraw({ snapshot: { ...county, history: {} }, task, pack: { key: pack.key, contentHash: wolong.contentHash, rules: wolong.rules }, hooks: wolong.hooks, seed: { secret, commitment: commitmentOf(secret, ports), entropy: ['beacon'] } }, ports);
    expect(record.ok).toBe(true);
    if (!record.ok) return;
    // The simulation given the stream of runDraw's derived seed draws the very same.
    const year = new YearSimulator(pack, county, plan.value, () => new RandomStream(fromHex(record.value.seed))).run(0);
    const drawn = year.draws[0]!.selection!;
    expect(drawn.picks).toEqual(record.value.picks);
    expect(drawn.strata).toEqual(record.value.strata);
    expect(drawn.picks.length).toBe(25);
    expect(drawn.picks.every((p) => p.items.length === 2 && p.team.leader !== '')).toBe(true);
  });

  it('carries the year’s history from task to task: under 卧龙’s cap nobody outside its exceptions is drawn a third time', () => {
    const plan = datedPlan({ plan: monthly, years: 1, directory: county }, 2026);
    if (!plan.ok) throw new Error(plan.error.message);
    const sim = new YearSimulator(pack, county, plan.value, (y, t) => new RandomStream(ports.sha256(new TextEncoder().encode(`${y}/${t}`))));
    const exempt = new Set(county.enterprises.filter((e) => e.keyHighDanger || e.creditLevel === 'DISHONEST' || e.creditLevel === 'SERIOUSLY_DISHONEST' || e.records.length > 0).map((e) => e.uscc));
    let capped = 0;
    for (let y = 0; y < 5; y++) {
      const counts = new Map<string, number>();
      for (const d of sim.run(y).draws) {
        capped += d.capped.length;
        for (const p of d.selection?.picks ?? []) counts.set(p.uscc, (counts.get(p.uscc) ?? 0) + 1);
      }
      for (const [uscc, n] of counts) if (!exempt.has(uscc)) expect(n, uscc).toBeLessThanOrEqual(2);
    }
    expect(capped).toBeGreaterThan(0);
  });
});

describe('per-stratum chances are the ratios’ exact inclusion probabilities', () => {
  it('each member’s yearly chance is within 5σ of the stratum’s stated p/q, and the stratum’s mean is exactly it', () => {
    const { history: _h, ...directory } = demoSnapshot({ enterprises: 1500, inspectors: 30, experts: 3 });
    const cite = { doc: 'credit', clause: '国市监信发〔2022〕6号 三' };
    const rules: Rules = { strata: { by: ['riskLevel'], ratios: [{ when: { riskLevel: ['MAJOR', 'HIGH'] }, percent: 20 }, { when: { riskLevel: ['GENERAL'] }, percent: 5 }, { when: { riskLevel: ['LOW'] }, percent: 2 }], cite } };
    const ratios: SimulationPack = { key: 'ratios@1.0.0', name: '分层比例', rules };
    // The engine's own statement of each stratum's probability, from one draw.
    const secret = '77'.repeat(32);
    const open = directory.enterprises.filter((e) => e.operatingStatus !== 'CLOSED');
    const quota = (level: string[], pct: number) => Math.ceil((open.filter((e) => level.includes(e.riskLevel)).length * pct) / 100);
    const size = quota(['MAJOR'], 20) + quota(['HIGH'], 20) + quota(['GENERAL'], 5) + quota(['LOW'], 2);
    const task: DrawTask = { id: 'S-1', year: 2026, inspectionDate: '2026-05-15', sectors: [], covert: false, joint: false, special: false, size };
    const record = runDraw({ snapshot: { ...directory, history: {} }, task, pack: { key: ratios.key, contentHash: 'ab'.repeat(32), rules }, seed: { secret, commitment: commitmentOf(secret, ports), entropy: [] } }, ports);
    if (!record.ok) throw new Error(record.error.map((s) => s.message).join());
    const years = 400;
    const report = simulate({ pack: ratios, directory, plan: [{ month: 5, size }], years, seed: 'ratios', enterprises: { top: 0, uscc: open.map((e) => e.uscc).slice(0, 100) } }, ports);
    if (!report.ok) throw new Error(report.error.message);
    const stated = new Map(record.value.strata.map((s) => [s.stratum, s.inclusion!]));
    for (const s of report.value.strata.filter((x) => stated.has(x.stratum))) {
      const [p, q] = stated.get(s.stratum)!.split('/').map(Number) as [number, number];
      expect(s.chance.a, s.label).toBeCloseTo(p / q, 10);
    }
    const strataOf = new Map(report.value.strata.map((s) => [s.stratum, s]));
    for (const e of report.value.lookedUp) {
      const [p, q] = stated.get(e.stratum)!.split('/').map(Number) as [number, number];
      const sigma = Math.sqrt(((p / q) * (1 - p / q)) / years);
      expect(Math.abs(e.chance.a - p / q), `${e.uscc} in ${strataOf.get(e.stratum)!.label}`).toBeLessThanOrEqual(5 * sigma + 1e-12);
    }
    expect(report.value.lookedUp).toHaveLength(100);
  });
});

describe('卧龙 against 卧龙 with a cap of 3 (the done-when case)', () => {
  const result = simulate({ pack, compare: cap3, directory: county, plan: monthly, years: 60, seed: 'cap-3' }, ports);
  if (!result.ok) throw new Error(result.error.message);
  const report = result.value;

  it('counts fewer cap hits under a cap of 3, and says so first', () => {
    const [two, three] = report.packs as [(typeof report.packs)[0], (typeof report.packs)[0]];
    expect(two.cap.perYear).toBe(2);
    expect(three.cap.perYear).toBe(3);
    expect(two.cap.hitsPerYear).toBeGreaterThan(10);
    expect(three.cap.hitsPerYear).toBeLessThan(two.cap.hitsPerYear / 2);
    expect(report.differences[0]).toMatch(/^抽查上限：每年不超过 2 次 → 每年不超过 3 次/);
  });

  it('shows an enterprise’s chance fall where repeats are allowed: fewer distinct enterprises, some stratum marked lower', () => {
    const [two, three] = report.packs as [(typeof report.packs)[0], (typeof report.packs)[0]];
    expect(three.distinctPerYear).toBeLessThan(two.distinctPerYear);
    const lower = report.strata.filter((s) => s.chance.differs && s.chance.delta! < 0);
    expect(lower.length).toBeGreaterThan(0);
    expect(report.differences.some((l) => l.startsWith(`分层「${lower[0]!.label}」`))).toBe(true);
    expect(report.strata.every((s) => !/=/.test(s.label))).toBe(true);
  });

  it('reports inspector load and no refused draw for a feasible plan', () => {
    for (const p of report.packs) {
      expect(p.infeasible).toEqual([]);
      expect(p.load.meanInspections).toBeGreaterThan(0);
      expect(p.load.maxInspections).toBeGreaterThanOrEqual(p.load.meanInspections);
      expect(p.load.distribution.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 9);
    }
  });
});

describe('obligations’ chances, measured by the compliance engine on each simulated year', () => {
  it('meets 卧龙’s joint inspection (第十三条) only in years whose plan has a joint task, and its 5% every year here', () => {
    const without = simulate({ pack, directory: county, plan: monthly.slice(0, 3), years: 5, seed: 'j' }, ports);
    const joint = simulate({ pack, directory: county, plan: [...monthly.slice(0, 2), { month: 3, size: 40, joint: true }], years: 5, seed: 'j' }, ports);
    if (!without.ok || !joint.ok) throw new Error('refused');
    const chance = (r: typeof without, id: string) => r.ok && r.value.obligations.find((o) => o.id === id);
    expect(chance(without, 'joint')).toMatchObject({ clause: '第十三条', chance: { a: 0 } });
    expect(chance(joint, 'joint')).toMatchObject({ clause: '第十三条', chance: { a: 1 } });
    expect(chance(joint, 'entities-drawn')).toMatchObject({ clause: '第六条', chance: { a: 1 } });
  });
});

describe('refusals', () => {
  it('counts an infeasible task with its shortfall code, year by year', () => {
    const report = simulate({ pack, directory: county, plan: [{ month: 2, size: 20 }, { title: '超大任务', month: 4, size: 5000 }], years: 3, seed: 's' }, ports);
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.packs[0]!.infeasible).toEqual([expect.objectContaining({ task: 1, title: '超大任务', code: 'POOL_TOO_SMALL', years: 3 })]);
  });

  it('refuses too many years, a bad date and a budget beyond the limit, naming the field', () => {
    const base = { pack, directory: county, plan: monthly, seed: 's' };
    expect(simulate({ ...base, years: 1001 }, ports)).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOO_MUCH', field: 'years', message: expect.stringContaining('1 至 1000') }) });
    expect(simulate({ ...base, years: 1, plan: [{ date: '02-30', size: 1 }] }, ports)).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_PLAN', field: 'tasks[0].date' }) });
    const big = { ...county, enterprises: Array.from({ length: 30 }, () => county.enterprises).flat() };
    expect(simulate({ ...base, directory: big, compare: cap3, years: 1000 }, ports)).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOO_MUCH', message: expect.stringContaining('上限为 200,000,000') }) });
  });
});
