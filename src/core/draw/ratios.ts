import type { Rules } from '../rules/schema.ts';
import { scanPool, type YearHistory } from '../rules/evaluate-pool.ts';
import type { EnterpriseFacts, RulePackHooks, TaskFacts } from '../rules/facts.ts';
import { stratumLabel } from '../rules/messages.ts';
import { allocateQuotas } from './sample.ts';
import type { Shortfall } from './types.ts';

/**
 * 分层比例 per-stratum ratios (double-random/v4, docs/draw-algorithm.md §6a): each stratum a
 * ratio entry matches gets exactly its quota, worked out in integers only; the other strata share
 * the seats left by weight as §6 does. The draw and the explanation of a candidate both plan with
 * this, so that what a clerk is told is what is drawn.
 */

export type RatioEntry = NonNullable<NonNullable<Rules['strata']>['ratios']>[number];

/** A percent with at most two decimals as whole basis points (0.5 % → 50): every later step is integer. */
export const basisPoints = (percent: number): number => Math.round(percent * 100);

/** floor(a / b) for whole a ≥ 0, b > 0, without a floating-point quotient. */
const floorDiv = (a: number, b: number): number => (a - (a % b)) / b;

/**
 * The quota of a stratum of n members under a ratio entry: the count, or n × bp / 10000 rounded
 * as the entry says (`up` by default, 不低于; `nearest` rounds a half up); then at least `min`;
 * never more than n.
 */
export function ratioQuota(entry: RatioEntry, n: number): number {
  let quota: number;
  if (entry.count !== undefined) quota = entry.count;
  else {
    const scaled = n * basisPoints(entry.percent ?? 0);
    const rounding = entry.rounding ?? 'up';
    quota = floorDiv(scaled + (rounding === 'up' ? 9999 : rounding === 'nearest' ? 5000 : 0), 10000);
  }
  return Math.min(n, Math.max(quota, entry.min ?? 0));
}

/** A stratum as the plan sees it: members not due, their total weight, and its ratio entry (−1: none). */
export interface PlannedStratum {
  readonly key: string;
  readonly size: number;
  readonly mass: number;
  readonly ratio: number;
}

export interface StrataPlan {
  readonly quotas: readonly number[];
  /** Σ of the ratio strata's quotas. */
  readonly ratioSeats: number;
  /** The size the ratios require: every due member and every ratio quota (0 when no stratum has a ratio). */
  readonly required: number;
}

/**
 * Quotas for the strata (in key order) of a task of `size` with `due` due members. With ratio
 * quotas (Σ > 0) every due member must fit with them: a smaller task is refused, naming the
 * strata and the clause; so is a larger one that the strata without a ratio and the `reserve`
 * (一般不重合, §5c: so many avoided units, drawn for the seats the strata leave) cannot fill.
 */
export function planStrata(strata: readonly PlannedStratum[], rules: Rules, size: number, due: number, reserve = 0): { ok: true; plan: StrataPlan } | { ok: false; shortfall: Shortfall } {
  const ratios = rules.strata?.ratios ?? [];
  const quotas = strata.map((s) => (s.ratio >= 0 ? ratioQuota(ratios[s.ratio]!, s.size) : 0));
  const ratioSeats = quotas.reduce((a, b) => a + b, 0);
  const required = ratioSeats > 0 ? due + ratioSeats : 0;
  const clause = rules.strata?.cite.clause ?? '';
  const detail = () => strata.flatMap((s, i) => (s.ratio >= 0 ? [`「${stratumLabel(s.key)}」${s.size} 家抽 ${quotas[i]} 家`] : [])).join('、');
  if (ratioSeats > 0 && size < required) {
    return { ok: false, shortfall: { code: 'RATIOS_SIZE', needed: required, available: size, message: `分层比例（${clause}）要求至少抽取 ${required} 家企业${due > 0 ? `（应检 ${due} 家，` : '（'}${detail()}），任务规模只有 ${size} 家 (the ratios require ${required}; the task is ${size})` } };
  }
  const rest = ratioSeats > 0 ? size - required : size - Math.min(due, size);
  const others = strata.map((s, i) => ({ i, s })).filter(({ s }) => s.ratio < 0);
  const shared = allocateQuotas(rest, others.map(({ s }) => ({ mass: s.mass, capacity: s.size })));
  others.forEach(({ i }, j) => (quotas[i] = shared[j]!));
  const placed = shared.reduce((a, b) => a + b, 0);
  if (ratioSeats > 0 && placed + reserve < rest) {
    return { ok: false, shortfall: { code: 'RATIOS_SIZE', needed: required + placed + reserve, available: size, message: `分层比例（${clause}）要求抽取 ${required} 家企业（${detail()}），其余分层按权重只能再抽 ${placed} 家${reserve > 0 ? `、备选 ${reserve} 家` : ''}，任务规模 ${size} 家应为 ${required + placed + reserve} 家 (the ratios and the other strata give ${required + placed + reserve}; the task is ${size})` } };
  }
  return { ok: true, plan: { quotas, ratioSeats, required } };
}

/**
 * The size the ratios require of a task (§6a: every due member and every ratio quota), from the
 * pool these inputs give; undefined when the pack sets no ratios. A task created without a size
 * for a ratio pack is drawn with this size, fixed at the lock (and so in the task hash).
 */
export function sizeRequiredByRatios(rules: Rules, hooks: RulePackHooks, input: { readonly enterprises: readonly EnterpriseFacts[]; readonly task: TaskFacts; readonly history?: YearHistory }): number | undefined {
  const ratios = rules.strata?.ratios ?? [];
  if (ratios.length === 0) return undefined;
  const pool = scanPool(rules, hooks, input);
  const strata = new Map<string, { size: number; ratio: number }>();
  for (let m = 0; m < pool.positions.length; m++) {
    if (pool.due.has(m)) continue;
    const c = pool.classes[pool.classOf[m]!]!;
    const s = strata.get(c.stratum);
    if (s) s.size++;
    else strata.set(c.stratum, { size: 1, ratio: c.ratio });
  }
  let required = pool.due.size;
  for (const s of strata.values()) if (s.ratio >= 0) required += ratioQuota(ratios[s.ratio]!, s.size);
  return required;
}
