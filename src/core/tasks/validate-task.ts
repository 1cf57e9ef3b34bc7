import { isIsoDate } from '../directory/dates.ts';
import { BASE_VOCABULARY, knownLabels, type SectorVocabulary } from '../directory/sector-vocabulary.ts';

export interface TaskInput {
  readonly title: string;
  readonly sectors: readonly string[];
  readonly covert: boolean;
  readonly joint: boolean;
  readonly jointDepartments: readonly string[];
  readonly special: boolean;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly inspectionDate: string;
  readonly size: number;
  readonly checklistCodes: readonly string[];
  readonly itemsPerInspection?: number | null | undefined;
  readonly teamSize?: number | null | undefined;
  readonly expertsPerTeam?: number | null | undefined;
  readonly substitutes?: number | null | undefined;
}

export interface TaskIssue {
  readonly field: keyof TaskInput | 'plan';
  readonly message: string;
}

const validDate = isIsoDate;

/**
 * Checks a task before it is stored: every issue names its field. `knownItems` are the
 * checklist codes of the jurisdiction; `planYear` the year of the plan the task belongs to.
 */
export function validateTask(input: TaskInput, context: { knownItems: ReadonlySet<string>; planYear?: number | undefined; sizeFromRatios?: boolean | undefined; sectors?: SectorVocabulary | undefined }): TaskIssue[] {
  const issues: TaskIssue[] = [];
  if (!input.title.trim()) issues.push({ field: 'title', message: '请填写任务名称 (a task needs a title)' });
  const dates = ['windowStart', 'windowEnd', 'inspectionDate'] as const;
  for (const field of dates) {
    if (!validDate(input[field])) issues.push({ field, message: `${input[field]} 不是日期，应写作 YYYY-MM-DD (not a date)` });
  }
  // How the dates relate is checked once each is a date, whatever else is wrong.
  if (dates.every((field) => validDate(input[field]))) {
    if (input.windowStart > input.windowEnd) issues.push({ field: 'windowEnd', message: `检查时段的结束日（${input.windowEnd}）早于开始日（${input.windowStart}） (the window ends before it starts)` });
    else if (input.inspectionDate < input.windowStart || input.inspectionDate > input.windowEnd) {
      issues.push({ field: 'inspectionDate', message: `检查日期 ${input.inspectionDate} 不在任务时段 ${input.windowStart}至${input.windowEnd} 之内 (outside the task's window)` });
    }
    if (context.planYear !== undefined && Number(input.inspectionDate.slice(0, 4)) !== context.planYear) {
      issues.push({ field: 'plan', message: `计划是 ${context.planYear} 年度的，检查却在 ${input.inspectionDate.slice(0, 4)} 年 (the plan is for another year)` });
    }
  }
  // 0 under a pack with per-stratum ratios (`sizeFromRatios`): the size follows from them, fixed when the task is locked.
  const least = context.sizeFromRatios ? 0 : 1;
  if (!Number.isInteger(input.size) || input.size < least || input.size > 1_000_000) {
    issues.push({ field: 'size', message: context.sizeFromRatios ? `抽取数量应为 0 至 1,000,000 的整数（0 表示按规则包的分层比例在锁定时确定），收到 ${input.size} (size out of range)` : `抽取数量应为 1 至 1,000,000 的整数，收到 ${input.size} (size out of range)` });
  }
  // A sector by its code or its Chinese name (非煤矿山), as the directory accepts it.
  const vocabulary = context.sectors ?? BASE_VOCABULARY;
  const unknown = input.sectors.filter((s) => !vocabulary.find(s));
  if (unknown.length) issues.push({ field: 'sectors', message: `未知行业：${unknown.join('、')}；可选：${knownLabels(vocabulary)} (unknown sector)` });
  if (input.joint && input.jointDepartments.filter((d) => d.trim()).length === 0) issues.push({ field: 'jointDepartments', message: '联合检查须写明参加的部门 (a joint inspection names its departments)' });
  if (!input.joint && input.jointDepartments.length) issues.push({ field: 'jointDepartments', message: '只有联合检查（joint: true）才填写参加部门 (departments only for a joint inspection)' });
  const missing = input.checklistCodes.filter((c) => !context.knownItems.has(c));
  if (missing.length) issues.push({ field: 'checklistCodes', message: `抽查事项清单中没有编码 ${missing.join('、')} (no such checklist item)` });
  for (const [field, min] of [['itemsPerInspection', 0], ['teamSize', 1], ['expertsPerTeam', 0], ['substitutes', 0]] as const) {
    const v = input[field];
    if (v !== null && v !== undefined && (!Number.isInteger(v) || v < min || v > 100)) issues.push({ field, message: `应为 ${min} 至 100 的整数，收到 ${v} (a whole number from ${min} to 100)` });
  }
  return issues;
}
