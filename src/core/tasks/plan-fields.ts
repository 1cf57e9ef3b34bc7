/** What a plan states, as createPlan takes it and updatePlan and amendPlan change it. */
export interface PlanFields {
  readonly year: number;
  readonly title: string;
  readonly doubleRandomCount: number;
  readonly otherCount: number;
}

export type PlanField = keyof PlanFields;

export interface PlanIssue {
  readonly field: PlanField;
  readonly message: string;
}

/** One field a change sets to a new value. */
export interface PlanFieldChange {
  readonly field: PlanField;
  readonly from: string | number;
  readonly to: string | number;
}

const LABELS: Record<PlanField, string> = { year: '年度', title: '标题', doubleRandomCount: '双随机抽查次数', otherCount: '其他检查次数' };

/** Checks a plan's fields before they are stored; every issue names its field. */
export function validatePlanFields(plan: PlanFields): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (!Number.isInteger(plan.year) || plan.year < 2000 || plan.year > 2100) issues.push({ field: 'year', message: `年度须在 2000 至 2100 之间，收到 ${plan.year}（year must be between 2000 and 2100）` });
  if (!plan.title.trim()) issues.push({ field: 'title', message: '计划须有标题（a plan needs a title）' });
  for (const field of ['doubleRandomCount', 'otherCount'] as const) {
    if (!Number.isInteger(plan[field]) || plan[field] < 0) issues.push({ field, message: `${LABELS[field]}须为不小于 0 的整数，收到 ${plan[field]}（${field} must be a whole number ≥ 0）` });
  }
  return issues;
}

/** The plan with the given changes applied (absent or null fields keep their value; titles trimmed). */
export function applyPlanChanges(plan: PlanFields, changes: Partial<PlanFields>): PlanFields {
  return {
    year: changes.year ?? plan.year,
    title: (changes.title ?? plan.title).trim(),
    doubleRandomCount: changes.doubleRandomCount ?? plan.doubleRandomCount,
    otherCount: changes.otherCount ?? plan.otherCount,
  };
}

/** The fields that differ between two versions of a plan, in a fixed order. */
export function planFieldChanges(before: PlanFields, after: PlanFields): PlanFieldChange[] {
  return (['year', 'title', 'doubleRandomCount', 'otherCount'] as const).filter((f) => before[f] !== after[f]).map((field) => ({ field, from: before[field], to: after[field] }));
}

/** A reason for a withdrawal, an amendment or a cancellation: trimmed, not empty, at most 500 characters. */
export function reasonIssue(reason: string): string | undefined {
  const r = reason.trim();
  if (!r) return '须说明理由（a reason is required）';
  if ([...r].length > 500) return `理由最多 500 字，收到 ${[...r].length} 字（at most 500 characters）`;
  return undefined;
}
