import { isIsoDate } from '../directory/dates.ts';
import { SECTOR_CODES } from '../directory/sectors.ts';

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
export function validateTask(input: TaskInput, context: { knownItems: ReadonlySet<string>; planYear?: number | undefined }): TaskIssue[] {
  const issues: TaskIssue[] = [];
  if (!input.title.trim()) issues.push({ field: 'title', message: 'a task needs a title' });
  for (const field of ['windowStart', 'windowEnd', 'inspectionDate'] as const) {
    if (!validDate(input[field])) issues.push({ field, message: `${input[field]} is not a date (YYYY-MM-DD)` });
  }
  if (issues.length === 0) {
    if (input.windowStart > input.windowEnd) issues.push({ field: 'windowEnd', message: `the window ends (${input.windowEnd}) before it starts (${input.windowStart})` });
    else if (input.inspectionDate < input.windowStart || input.inspectionDate > input.windowEnd) {
      issues.push({ field: 'inspectionDate', message: `${input.inspectionDate} is outside the task's window ${input.windowStart}–${input.windowEnd}` });
    }
    if (context.planYear !== undefined && Number(input.inspectionDate.slice(0, 4)) !== context.planYear) {
      issues.push({ field: 'plan', message: `the plan is for ${context.planYear}, the inspection is in ${input.inspectionDate.slice(0, 4)}` });
    }
  }
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > 1_000_000) issues.push({ field: 'size', message: `size must be a whole number from 1 to 1,000,000, got ${input.size}` });
  const unknown = input.sectors.filter((s) => !SECTOR_CODES.includes(s));
  if (unknown.length) issues.push({ field: 'sectors', message: `unknown sector code(s) ${unknown.join(', ')}; known: ${SECTOR_CODES.join(', ')}` });
  if (input.joint && input.jointDepartments.filter((d) => d.trim()).length === 0) issues.push({ field: 'jointDepartments', message: 'a joint inspection (联合检查) names the departments taking part' });
  if (!input.joint && input.jointDepartments.length) issues.push({ field: 'jointDepartments', message: 'departments are named only for a joint inspection (joint: true)' });
  const missing = input.checklistCodes.filter((c) => !context.knownItems.has(c));
  if (missing.length) issues.push({ field: 'checklistCodes', message: `no checklist item has code ${missing.join(', ')}` });
  for (const [field, min] of [['itemsPerInspection', 0], ['teamSize', 1], ['expertsPerTeam', 0], ['substitutes', 0]] as const) {
    const v = input[field];
    if (v !== null && v !== undefined && (!Number.isInteger(v) || v < min || v > 100)) issues.push({ field, message: `${field} must be a whole number from ${min} to 100, got ${v}` });
  }
  return issues;
}
