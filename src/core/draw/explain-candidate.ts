import { evaluatePool } from '../rules/evaluate-pool.ts';
import type { RulePackHooks } from '../rules/facts.ts';
import { render, stratumLabel, type Verdict } from '../rules/messages.ts';
import { planStrata } from './ratios.ts';
import { fraction as inclusionFraction, stratumInclusion } from './inclusion.ts';
import { ALGORITHM_V4, type Algorithm } from './types.ts';
import { byCodeUnits, canonicalSnapshot } from './canonical-snapshot.ts';

/** How a percent is rounded, as a clerk reads it. */
const ROUNDING = { up: '向上取整', down: '向下取整', nearest: '四舍五入' } as const;
import type { DrawPack, DrawSnapshot, DrawTask, SealOpening } from './types.ts';
import { closedSeals, openedHistory, waitingFor } from './upper-level-seal.ts';
import { algorithmFor, avoidsByReserve } from './algorithm.ts';

const LEVEL_REASONS = new Set(['UPPER_LEVEL_DRAWN', 'UPPER_LEVEL_AVOIDED', 'LOWER_LEVEL_DRAWN', 'LOWER_LEVEL_AVOIDED']);

/**
 * Coverage (§5c): a unit the other level drew counts as inspected on its inspection date
 * (`history.lastInspected`), so mandatory coverage holds for it this period.
 */
function coveredByOtherLevel(reasons: readonly Verdict[], lastInspected: string | undefined): string {
  const level = reasons.find((r) => LEVEL_REASONS.has(r.messageId));
  if (!level || !lastInspected) return '';
  const who = level.messageId.startsWith('UPPER') ? '上级' : '下级';
  return `；已由${who}抽取，${lastInspected} 已检查，视为本期已覆盖（covered by the other level's inspection）`;
}

export interface CandidateExplanation {
  readonly uscc: string;
  /** Null while a sealed upper-level list (§9) could still keep it out: not known until it opens. */
  readonly inPool: boolean | null;
  /** True when the answer waits for a sealed upper-level list. */
  readonly pending: boolean;
  /** Why it is not in the pool (each with the clause), or why it is due. */
  readonly reasons: readonly Verdict[];
  readonly stratum: string | null;
  readonly due: boolean;
  /** Its chance of being drawn, as a fraction: exact for uniform strata, the expected share for weighted ones; null while pending or when the task's size is refused by the ratios. */
  readonly chance: { readonly numerator: number; readonly denominator: number; readonly exact: boolean } | null;
  /**
   * 入选概率 its exact inclusion probability, "p/q" reduced (docs/draw-algorithm.md §6a): stated
   * where exact (left out 0/1, due, a ratio or uniform stratum); null while pending or in a
   * weighted stratum with unequal weights.
   */
  readonly inclusion: string | null;
  /** The sentence a screen shows. */
  readonly summary: string;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const fraction = (n: number, d: number, exact: boolean) => {
  if (n >= d) return { numerator: 1, denominator: 1, exact };
  const g = gcd(n, d) || 1;
  return { numerator: n / g, denominator: d / g, exact };
};

/**
 * Why an enterprise is in a task's pool or not, and its chance of being drawn, before any
 * randomness: the pool, the due units and the strata quotas depend only on the inputs. With a
 * seal still closed (§9) only the public reasons are known: an enterprise they do not keep out
 * gets a pending answer, the same for every such enterprise, so the answer says nothing of who
 * the sealed list holds. `openings` must have been checked against their seals (checkOpenings).
 */
export function explainCandidate(input: { snapshot: DrawSnapshot; task: DrawTask; pack: DrawPack; hooks?: RulePackHooks; openings?: readonly SealOpening[]; algorithm?: Algorithm }, uscc: string): CandidateExplanation | undefined {
  const snapshot = canonicalSnapshot(input.snapshot);
  if (!snapshot.enterprises.some((e) => e.uscc === uscc)) return undefined;
  const opened = new Map((input.openings ?? []).map((o) => [o.commitment, o]));
  const closed = closedSeals(snapshot, opened);
  const history = openedHistory(snapshot.history, opened);
  // With seals closed the version cannot be told from a sealed list; v4's reserve is asked for where its features hold.
  const avoid = avoidsByReserve(algorithmFor(snapshot, input.pack.rules, input.task, input.hooks));
  const pool = evaluatePool(input.pack.rules, input.hooks ?? {}, { enterprises: snapshot.enterprises, task: input.task, history, avoid });
  const left = pool.excluded.find((x) => x.uscc === uscc);
  const said = (reasons: readonly Verdict[]) => reasons.map((r) => render(r) + (r.cite ? `（${r.cite.clause}）` : '')).join('；');
  if (left) {
    return { uscc, inPool: false, pending: false, reasons: left.reasons, stratum: null, due: false, chance: fraction(0, 1, true), inclusion: '0/1', summary: `${uscc} 不在抽取池中：${said(left.reasons)}${coveredByOtherLevel(left.reasons, history.lastInspected?.[uscc])}` };
  }
  if (closed.length > 0) {
    return { uscc, inPool: null, pending: true, reasons: [], stratum: null, due: false, chance: null, inclusion: null, summary: `${uscc} 是否在抽取池中、中签机会多大，${waitingFor(closed)}` };
  }
  const member = pool.members.find((m) => m.uscc === uscc)!;
  const due = pool.members.filter((m) => m.due.length > 0);
  const v4 = (input.algorithm ?? algorithmFor(snapshot, input.pack.rules, input.task, input.hooks)) === ALGORITHM_V4;
  const rest = pool.members.filter((m) => m.due.length === 0);
  const keys = [...new Set(rest.map((m) => m.stratum))].sort(byCodeUnits);
  const groups = keys.map((k) => rest.filter((m) => m.stratum === k));
  // The same plan as the draw's (§6, §6a): a task the ratios refuse has no chances to state.
  const planned = planStrata(keys.map((key, i) => ({ key, size: groups[i]!.length, mass: groups[i]!.reduce((s, m) => s + m.weight, 0), ratio: v4 ? groups[i]![0]!.ratio : -1 })), input.pack.rules, input.task.size, due.length, pool.reserve?.length ?? 0);
  const refused = planned.ok ? '' : `；本任务不能抽取：${planned.shortfall.message}`;
  const reserved = pool.reserve?.find((x) => x.uscc === uscc);
  if (reserved && closed.length === 0) {
    // 一般不重合: drawn only for the seats the rest of the pool cannot fill, uniformly among the reserve.
    const short = planned.ok ? Math.max(0, input.task.size - Math.min(input.task.size, due.length) - planned.plan.quotas.reduce((a, b) => a + b, 0)) : 0;
    const chance = fraction(Math.min(short, pool.reserve!.length), pool.reserve!.length, true);
    return { uscc, inPool: false, pending: false, reasons: reserved.reasons, stratum: null, due: false, chance, inclusion: inclusionFraction(Math.min(short, pool.reserve!.length), pool.reserve!.length), summary: `${uscc} 为备选（一般不重合）：${said(reserved.reasons)}；其余候选 ${pool.members.length} 家，${short > 0 ? `不足 ${short} 家，从 ${pool.reserve!.length} 家备选中补抽` : '足以抽满，不补抽'}，中签机会 ${chance.numerator}/${chance.denominator}${coveredByOtherLevel(reserved.reasons, history.lastInspected?.[uscc])}` };
  }
  if (member.due.length > 0) {
    const taken = Math.min(input.task.size, due.length);
    const chance = fraction(taken, due.length, true);
    return { uscc, inPool: true, pending: false, reasons: member.due, stratum: member.stratum, due: true, chance, inclusion: inclusionFraction(taken, due.length), summary: `${uscc} 为应检对象（${member.due.map((d) => d.cite?.clause).join('、')}），优先抽取，中签机会 ${chance.numerator}/${chance.denominator} (due: drawn first)${refused}` };
  }
  // Refused by the ratios (RATIOS_SIZE): no draw of this task, so no chance to state.
  if (!planned.ok) return { uscc, inPool: true, pending: false, reasons: [], stratum: member.stratum, due: false, chance: null, inclusion: null, summary: `${uscc} 属于分层「${stratumLabel(member.stratum)}」${refused}` };
  const index = keys.indexOf(member.stratum);
  const group = groups[index]!;
  const quota = planned.plan.quotas[index]!;
  const ratio = v4 ? member.ratio : -1;
  const uniform = ratio >= 0 || group.every((m) => m.weight === group[0]!.weight);
  const mass = group.reduce((s, m) => s + m.weight, 0);
  const chance = uniform ? fraction(quota, group.length, true) : fraction(quota * member.weight, mass, false);
  const entry = ratio >= 0 ? input.pack.rules.strata!.ratios![ratio]! : undefined;
  const rule = entry ? `，按分层比例 ${entry.count !== undefined ? `${entry.count} 家` : `${entry.percent}%（${ROUNDING[entry.rounding ?? 'up']}）`}${entry.min !== undefined ? `、至少 ${entry.min} 家` : ''}（${input.pack.rules.strata!.cite.clause}）等概率抽取` : '';
  return {
    uscc, inPool: true, pending: false, reasons: [], stratum: member.stratum, due: false, chance, inclusion: stratumInclusion(quota, group.length, uniform),
    summary: `${uscc} 属于分层「${stratumLabel(member.stratum)}」：本层 ${group.length} 家中抽取 ${quota} 家${rule}${uniform ? '' : `，按权重抽取（权重 ${member.weight}，本层合计 ${mass}）`}，中签机会${uniform ? '' : '约为'} ${chance.numerator}/${chance.denominator}`,
  };
}
