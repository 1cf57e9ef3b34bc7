import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/core/draw/draw.ts';
import { explainCandidate } from '../../src/core/draw/explain-candidate.ts';
import { ratioQuota } from '../../src/core/draw/ratios.ts';
import { ruleLanguageIssues } from '../../src/core/draw/rule-language.ts';
import { commitmentOf } from '../../src/core/draw/seed.ts';
import type { DrawRecord, DrawSnapshot, DrawTask } from '../../src/core/draw/types.ts';
import type { Rules } from '../../src/core/rules/schema.ts';
import { demoSnapshot } from '../../src/demo/demo-snapshot.ts';
import { validatePack } from '../../src/rulepacks/sdk/validate-pack.ts';
import { NODE_DRAW_PORTS as ports } from '../../src/server/draw-ports.ts';
import { builtIn } from '../rulepacks/load.ts';

/**
 * 分层比例 per-stratum ratios, drawn exactly by double-random/v4 (issue 20, 1): the quotas, the
 * rounding, the size they require, and each candidate's stated inclusion probability, checked
 * against counts made here from the snapshot itself, not through the engine's own planning.
 */

const secret = 'c3'.repeat(32);
const seed = (entropy = 'beacon:2026-12-02') => ({ secret, commitment: commitmentOf(secret, ports), entropy: [entropy] });
const task = (size: number, over: Partial<DrawTask> = {}): DrawTask => ({ id: 'T-RATIO-1', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size, ...over });
const cite = { doc: 'credit', clause: '国市监信发〔2022〕6号 三' };
/** 高风险100%、一般5%、低风险2% (MAJOR and HIGH at 100 %, GENERAL 5 %, LOW 2 %). */
const classRules = (over: Partial<NonNullable<Rules['strata']>> = {}): Rules => ({
  strata: { by: ['riskLevel'], ratios: [{ when: { riskLevel: ['MAJOR', 'HIGH'] }, percent: 100 }, { when: { riskLevel: ['GENERAL'] }, percent: 5 }, { when: { riskLevel: ['LOW'] }, percent: 2 }], cite, ...over },
});
const run = (snapshot: DrawSnapshot, rules: Rules, t: DrawTask, entropy?: string) => runDraw({ snapshot, task: t, pack: { key: 'ratios@1.0.0', contentHash: 'ab'.repeat(32), rules }, seed: seed(entropy) }, ports);
const drawn = (snapshot: DrawSnapshot, rules: Rules, t: DrawTask, entropy?: string): DrawRecord => {
  const result = run(snapshot, rules, t, entropy);
  if (!result.ok) throw new Error(result.error.map((s) => s.message).join('\n'));
  return result.value;
};
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const reduced = (p: number, q: number) => (p === 0 ? '0/1' : p >= q ? '1/1' : `${p / gcd(p, q)}/${q / gcd(p, q)}`);

describe('per-class ratios 100/5/2 % in a 10,000-enterprise county (the done-when case)', () => {
  const county = demoSnapshot({ enterprises: 10_000 });
  // Counted here: members are the enterprises not closed (the pool of a pack without other rules).
  const open = county.enterprises.filter((e) => e.operatingStatus !== 'CLOSED');
  const count = (levels: string[]) => open.filter((e) => levels.includes(e.riskLevel)).length;
  const n = { MAJOR: count(['MAJOR']), HIGH: count(['HIGH']), GENERAL: count(['GENERAL']), LOW: count(['LOW']) };
  // 不低于 (at least): rounded up.
  const want = { MAJOR: n.MAJOR, HIGH: n.HIGH, GENERAL: Math.ceil((n.GENERAL * 5) / 100), LOW: Math.ceil((n.LOW * 2) / 100) };
  const required = want.MAJOR + want.HIGH + want.GENERAL + want.LOW;

  it('draws exactly those numbers, by v4, and states each class’s probability', () => {
    expect(open.length).toBeGreaterThan(9_500);
    const record = drawn(county, classRules(), task(required));
    expect(record.algorithm).toBe('double-random/v4');
    const byLevel = new Map<string, number>();
    const level = new Map(county.enterprises.map((e) => [e.uscc, e.riskLevel]));
    for (const p of record.picks) byLevel.set(level.get(p.uscc)!, (byLevel.get(level.get(p.uscc)!) ?? 0) + 1);
    expect(Object.fromEntries(byLevel)).toEqual(want);
    expect(record.strata).toEqual([
      { stratum: 'riskLevel=GENERAL', size: n.GENERAL, weight: n.GENERAL, quota: want.GENERAL, ratio: 1, inclusion: reduced(want.GENERAL, n.GENERAL) },
      { stratum: 'riskLevel=HIGH', size: n.HIGH, weight: n.HIGH, quota: n.HIGH, ratio: 0, inclusion: '1/1' },
      { stratum: 'riskLevel=LOW', size: n.LOW, weight: n.LOW, quota: want.LOW, ratio: 2, inclusion: reduced(want.LOW, n.LOW) },
      { stratum: 'riskLevel=MAJOR', size: n.MAJOR, weight: n.MAJOR, quota: n.MAJOR, ratio: 0, inclusion: '1/1' },
    ]);
    expect(record.dueInclusion).toBeNull();
    // The candidate's explanation states the same probability as the record, per class.
    const pack = { key: 'ratios@1.0.0', contentHash: 'ab'.repeat(32), rules: classRules() };
    for (const lvl of ['MAJOR', 'HIGH', 'GENERAL', 'LOW'] as const) {
      const someone = open.find((e) => e.riskLevel === lvl)!;
      const explained = explainCandidate({ snapshot: county, task: task(required), pack }, someone.uscc)!;
      expect(explained.inclusion).toBe(record.strata.find((s) => s.stratum === `riskLevel=${lvl}`)!.inclusion);
      expect(explained.chance?.exact).toBe(true);
    }
    const closed = county.enterprises.find((e) => e.operatingStatus === 'CLOSED')!;
    expect(explainCandidate({ snapshot: county, task: task(required), pack }, closed.uscc)!.inclusion).toBe('0/1');
  });

  it('refuses a task smaller than the ratios require, naming the strata and the clause, before drawing', () => {
    const result = run(county, classRules(), task(required - 1));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(1);
    expect(result.error[0]).toMatchObject({ code: 'RATIOS_SIZE', needed: required, available: required - 1 });
    expect(result.error[0]!.message).toContain(cite.clause);
    expect(result.error[0]!.message).toContain(`「一般风险」${n.GENERAL} 家抽 ${want.GENERAL} 家`);
    // The explanation states no chance for a task that cannot be drawn, and says why.
    const someone = open.find((e) => e.riskLevel === 'LOW')!;
    const explained = explainCandidate({ snapshot: county, task: task(required - 1), pack: { key: 'ratios@1.0.0', contentHash: 'ab'.repeat(32), rules: classRules() } }, someone.uscc)!;
    expect(explained).toMatchObject({ inPool: true, chance: null, inclusion: null });
    expect(explained.summary).toContain(`本任务不能抽取：分层比例（${cite.clause}）要求至少抽取 ${required} 家企业`);
  });

  it('refuses a larger task when every stratum has a ratio: no stratum can take the extra seats', () => {
    const result = run(county, classRules(), task(required + 1));
    expect(result).toMatchObject({ ok: false, error: [{ code: 'RATIOS_SIZE', needed: required }] });
  });
});

describe('the quota of a ratio stratum, in integers', () => {
  const q = (n: number, entry: Parameters<typeof ratioQuota>[0]) => ratioQuota(entry, n);
  it('rounds up by default (不低于), down, or to the nearest with a half up', () => {
    expect(q(10, { when: {}, percent: 15 })).toBe(2);
    expect(q(10, { when: {}, percent: 15, rounding: 'down' })).toBe(1);
    expect(q(10, { when: {}, percent: 15, rounding: 'nearest' })).toBe(2); // 1.5 → 2
    expect(q(10, { when: {}, percent: 14, rounding: 'nearest' })).toBe(1); // 1.4 → 1
    expect(q(10, { when: {}, percent: 16, rounding: 'nearest' })).toBe(2);
    expect(q(10, { when: {}, percent: 10, rounding: 'up' })).toBe(1); // exact: not rounded further
  });
  it('reads a percent with two decimals exactly, as basis points', () => {
    expect(q(999, { when: {}, percent: 0.5 })).toBe(5); // 4.995
    expect(q(999, { when: {}, percent: 0.5, rounding: 'down' })).toBe(4);
    expect(q(1000, { when: {}, percent: 0.5, rounding: 'down' })).toBe(5);
    expect(q(400, { when: {}, percent: 2.25, rounding: 'down' })).toBe(9);
    expect(q(1_000_000, { when: {}, percent: 0.01, rounding: 'down' })).toBe(100);
    // 0.07 × 100 is 7.000000000000001 in binary64: still 7 basis points.
    expect(q(10_000, { when: {}, percent: 0.07, rounding: 'up' })).toBe(7);
  });
  it('takes a count as it is, raises to the minimum, and never exceeds the stratum', () => {
    expect(q(50, { when: {}, count: 3 })).toBe(3);
    expect(q(2, { when: {}, count: 3 })).toBe(2);
    expect(q(100, { when: {}, percent: 2, min: 5 })).toBe(5);
    expect(q(4, { when: {}, percent: 2, min: 5 })).toBe(4);
    expect(q(1000, { when: {}, percent: 2, min: 5 })).toBe(20);
    expect(q(0, { when: {}, percent: 100 })).toBe(0);
  });
});

describe('ratios alongside weights, and due members first', () => {
  const county = demoSnapshot({ enterprises: 1500 });
  const open = county.enterprises.filter((e) => e.operatingStatus !== 'CLOSED');
  const n = (lvl: string) => open.filter((e) => e.riskLevel === lvl).length;

  it('gives the ratio strata their quotas and shares the rest of the task by weight', () => {
    // MAJOR 100 %, LOW a count of 4 with min 6; HIGH and GENERAL by weights 3 and 1.
    const rules: Rules = { strata: { by: ['riskLevel'], ratios: [{ when: { riskLevel: ['MAJOR'] }, percent: 100 }, { when: { riskLevel: ['LOW'] }, count: 4, min: 6 }], weights: [{ when: { riskLevel: ['HIGH'] }, weight: 3 }], cite } };
    const required = n('MAJOR') + 6;
    const record = drawn(county, rules, task(required + 40));
    const quota = Object.fromEntries(record.strata.map((s) => [s.stratum, s.quota]));
    expect(quota['riskLevel=MAJOR']).toBe(n('MAJOR'));
    expect(quota['riskLevel=LOW']).toBe(6);
    expect(quota['riskLevel=HIGH']! + quota['riskLevel=GENERAL']!).toBe(40);
    // §6's largest remainder over masses 3·n(HIGH) and n(GENERAL).
    const mass = 3 * n('HIGH') + n('GENERAL');
    expect(quota['riskLevel=HIGH']).toBe(Math.floor((40 * 3 * n('HIGH')) / mass) + ((40 * 3 * n('HIGH')) % mass >= (40 * n('GENERAL')) % mass ? 1 : 0));
    // Weighted strata whose weights are all equal inside have exact probabilities too.
    const high = record.strata.find((s) => s.stratum === 'riskLevel=HIGH')!;
    expect(high).toMatchObject({ ratio: null, inclusion: reduced(high.quota, high.size) });
    expect(record.strata.find((s) => s.stratum === 'riskLevel=LOW')).toMatchObject({ ratio: 1, inclusion: reduced(6, n('LOW')) });
  });

  it('takes every due member first and counts them in the size the ratios require', () => {
    const rules: Rules = { ...classRules({ ratios: [{ when: { riskLevel: ['GENERAL'] }, percent: 10 }], weights: [] }), frequencies: [{ who: 'keyHighDanger', every: 'year', cite }] };
    const due = open.filter((e) => e.keyHighDanger).length;
    expect(due).toBeGreaterThan(0);
    const general = open.filter((e) => e.riskLevel === 'GENERAL' && !e.keyHighDanger).length;
    const required = due + Math.ceil(general / 10);
    expect(run(county, rules, task(required - 1))).toMatchObject({ ok: false, error: [{ code: 'RATIOS_SIZE', needed: required }] });
    const record = drawn(county, rules, task(required + 5));
    expect(record.picks.filter((p) => p.due)).toHaveLength(due);
    expect(record.dueInclusion).toBe('1/1');
    expect(record.strata.find((s) => s.stratum === 'riskLevel=GENERAL')!.quota).toBe(Math.ceil(general / 10));
  });
});

describe('each member of a ratio stratum is drawn as often as its stated probability says', () => {
  // A small pool, many seeds (fixed, so the test is deterministic): the members of a 30 % stratum
  // of 10 and of a count-4 stratum of 20 are each drawn with frequency consistent with 3/10 and 1/5.
  const base = demoSnapshot({ enterprises: 300 });
  const high = base.enterprises.filter((e) => e.operatingStatus === 'OPERATING' && e.riskLevel === 'HIGH').slice(0, 10);
  const low = base.enterprises.filter((e) => e.operatingStatus === 'OPERATING' && e.riskLevel === 'LOW').slice(0, 20);
  const snapshot: DrawSnapshot = { ...base, enterprises: [...high, ...low] };
  const rules: Rules = { strata: { by: ['riskLevel'], ratios: [{ when: { riskLevel: ['HIGH'] }, percent: 30 }, { when: { riskLevel: ['LOW'] }, count: 4 }], cite } };
  const RUNS = 3000;

  it('within a binomial bound of 4.5 standard deviations for every member', () => {
    const counts = new Map<string, number>();
    let stated: DrawRecord['strata'] = [];
    for (let r = 0; r < RUNS; r++) {
      const record = drawn(snapshot, rules, task(7), `seed-${r}`);
      stated = record.strata;
      for (const p of record.picks) counts.set(p.uscc, (counts.get(p.uscc) ?? 0) + 1);
    }
    expect(stated.map((s) => [s.stratum, s.inclusion])).toEqual([['riskLevel=HIGH', '3/10'], ['riskLevel=LOW', '1/5']]);
    for (const [members, p] of [[high, 3 / 10], [low, 1 / 5]] as const) {
      const sd = Math.sqrt(RUNS * p * (1 - p));
      for (const e of members) expect(Math.abs((counts.get(e.uscc) ?? 0) - RUNS * p)).toBeLessThan(4.5 * sd);
    }
  });
});

describe('the rule language of each version, and the pack SDK', () => {
  it('lets v4 read ratios and refuses them in v1–v3, naming the path', () => {
    const rules = classRules();
    for (const v of ['double-random/v1', 'double-random/v2', 'double-random/v3'] as const) {
      expect(ruleLanguageIssues(rules, v)).toEqual([{ path: 'pack.rules.strata.ratios', problem: expect.stringContaining('double-random/v4') }]);
    }
    expect(ruleLanguageIssues(rules, 'double-random/v4')).toEqual([]);
    expect(ruleLanguageIssues({ strata: { ...rules.strata!, ratios: [{ when: { scale: ['LARGE'] }, percent: 5 }] } }, 'double-random/v4').map((i) => i.path)).toContain('pack.rules.strata.ratios[0].when.scale');
  });

  const pack = async (strata: unknown) => {
    const wolong = await builtIn('wolong');
    const { strata: _drop, ...own } = wolong.ownRules as Rules;
    void _drop;
    return validatePack({ meta: { ...wolong.meta, id: 'ratio-check' }, rules: { ...own, strata: { cite: { doc: wolong.meta.sources[0]!.id, clause: '第九十九条' }, ...(strata as object) } } });
  };
  const problems = async (strata: unknown) => {
    const made = await pack(strata);
    return made.ok ? [] : made.error.map((p) => `${p.path}: ${p.message}`);
  };

  it('accepts the credit-class ratios', async () => {
    expect(await problems({ by: ['riskLevel'], ratios: classRules().strata!.ratios })).toEqual([]);
  });
  it('refuses both percent and count, and a ratio over 100 %, in Chinese with the path', async () => {
    expect(await problems({ by: ['riskLevel'], ratios: [{ when: {}, percent: 5, count: 3 }] })).toEqual([expect.stringMatching(/^rules\.strata\.ratios\.0: .*percent（百分比）与 count（家数）之一/)]);
    expect(await problems({ by: ['riskLevel'], ratios: [{ when: {}, percent: 150 }] })).toEqual([expect.stringMatching(/^rules\.strata\.ratios\.0\.percent: 比例不得超过 100%/)]);
    expect(await problems({ by: ['riskLevel'], ratios: [{ when: {}, percent: 0.125 }] })).toEqual([expect.stringMatching(/^rules\.strata\.ratios\.0\.percent: 比例最多两位小数/)]);
  });
  it('refuses a ratio the strata cannot separate, and weights that differ inside a ratio stratum', async () => {
    const mixed = await problems({ by: ['riskLevel'], ratios: [{ when: { creditLevel: ['DISHONEST'] }, percent: 50 }] });
    expect(mixed.length).toBeGreaterThan(0);
    expect(mixed[0]).toMatch(/^rules\.strata\.ratios\.0\.when: 分层「.*」的企业会匹配不同的比例.*strata\.by/);
    const weighted = await problems({ by: ['riskLevel'], ratios: [{ when: { riskLevel: ['LOW'] }, percent: 2 }], weights: [{ when: { riskLevel: ['LOW'], creditLevel: ['DISHONEST'] }, weight: 5 }] });
    expect(weighted).toEqual([expect.stringMatching(/^rules\.strata\.weights: 分层「低风险」按比例 rules\.strata\.ratios\.0 等概率抽取，其中权重却不同/)]);
  });
});
