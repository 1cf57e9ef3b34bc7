import type { Verdict } from '../rules/messages.ts';
import type { Rules } from '../rules/schema.ts';

export interface PlanFigures {
  readonly year: number;
  readonly doubleRandomCount: number;
  readonly otherCount: number;
}

export interface PlanCheck {
  readonly shareOk: boolean;
  /** Share of the plan's inspections done by double random, in percent (one decimal). */
  readonly sharePercent: number;
  /** The last day to publish this plan, when the pack says (卧龙 第十二条, 顺城 第十一条). */
  readonly dueDate: string | null;
  readonly problems: readonly Verdict[];
}

/** Checks an annual plan against its pack: the double-random share and the due date. */
export function checkPlan(rules: Rules, plan: PlanFigures): PlanCheck {
  const total = plan.doubleRandomCount + plan.otherCount;
  const sharePercent = total === 0 ? 0 : Math.round((plan.doubleRandomCount * 1000) / total) / 10;
  const problems: Verdict[] = [];
  const min = rules.shares?.planShareMin;
  const shareOk = !min || (total > 0 && plan.doubleRandomCount * 100 >= min.percent * total);
  if (min && !shareOk) {
    problems.push({ messageId: 'PLAN_SHARE', data: { share: sharePercent, min: min.percent }, cite: min.cite });
  }
  const due = rules.planning?.annualPlanDue;
  const dueYear = due ? (due.plansYear === 'next' ? plan.year - 1 : plan.year) : 0;
  const dueDate = due ? `${dueYear}-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}` : null;
  return { shareOk, sharePercent, dueDate, problems };
}
