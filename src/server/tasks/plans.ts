import { chinaDate } from '../../core/calendar/china-date.ts';
import type { InspectionPlan } from '@prisma/client';
import { checkPlan } from '../../core/tasks/check-plan.ts';
import { render } from '../../core/rules/messages.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { may, refusal } from '../auth/permissions.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Services } from './services.ts';
import { problem, type TaskProblem } from './task-problem.ts';
import { activeRules } from './active-rules.ts';

export interface PlanInput {
  readonly jurisdictionCode: string;
  readonly year: number;
  readonly title: string;
  readonly doubleRandomCount: number;
  readonly otherCount: number;
}

/** Creates a jurisdiction's annual plan (年度监督检查计划) as a draft. */
export async function createPlan(s: Services, viewer: Viewer, input: PlanInput): Promise<Result<InspectionPlan, TaskProblem>> {
  const jurisdiction = await s.prisma.jurisdiction.findUnique({ where: { code: input.jurisdictionCode } });
  if (!jurisdiction) return err(problem('NOT_FOUND', `No jurisdiction has code ${input.jurisdictionCode}`, { field: 'jurisdiction' }));
  if (!may(viewer, jurisdiction.id, 'plan')) return err(problem('FORBIDDEN', refusal(viewer, 'plan')));
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) return err(problem('INVALID', `year must be between 2000 and 2100, got ${input.year}`, { field: 'year' }));
  for (const field of ['doubleRandomCount', 'otherCount'] as const) {
    if (!Number.isInteger(input[field]) || input[field] < 0) return err(problem('INVALID', `${field} must be a whole number ≥ 0, got ${input[field]}`, { field }));
  }
  if (!input.title.trim()) return err(problem('INVALID', 'a plan needs a title', { field: 'title' }));
  const existing = await s.prisma.inspectionPlan.findUnique({ where: { jurisdictionId_year: { jurisdictionId: jurisdiction.id, year: input.year } } });
  if (existing) return err(problem('INVALID', `${jurisdiction.name} already has a plan for ${input.year}`, { field: 'year' }));
  const actor = actorOf(viewer);
  const plan = await s.prisma.$transaction(async (tx) => {
    const created = await tx.inspectionPlan.create({
      data: { jurisdictionId: jurisdiction.id, year: input.year, title: input.title.trim(), doubleRandomCount: input.doubleRandomCount, otherCount: input.otherCount, createdBy: actor },
    });
    await appendAudit(tx, { jurisdictionId: jurisdiction.id, actor, action: 'plan.created', subjectType: 'InspectionPlan', subjectId: created.id, payload: { year: created.year, title: created.title, doubleRandomCount: created.doubleRandomCount, otherCount: created.otherCount } });
    return created;
  });
  return ok(plan);
}

/**
 * Publishes a plan; refused when the double-random share is below the pack's minimum. A late
 * plan is published all the same (the deadline has passed either way) and the audit entry says so.
 */
export async function publishPlan(s: Services, viewer: Viewer, planId: string, today = chinaDate(new Date())): Promise<Result<InspectionPlan, TaskProblem>> {
  const plan = await s.prisma.inspectionPlan.findUnique({ where: { id: planId } });
  if (!plan) return err(problem('NOT_FOUND', 'No plan has this id'));
  if (!may(viewer, plan.jurisdictionId, 'plan')) return err(problem('FORBIDDEN', refusal(viewer, 'plan')));
  if (plan.status === 'PUBLISHED') return err(problem('BAD_STATE', `the ${plan.year} plan was published on ${plan.publishedAt ? chinaDate(plan.publishedAt) : ''}`));
  const rules = await activeRules(s, plan.jurisdictionId);
  const check = rules ? checkPlan(rules, plan) : undefined;
  const shareProblem = check?.problems[0];
  if (shareProblem) return err(problem('RULE', render(shareProblem), { field: 'doubleRandomCount', ...(shareProblem.cite ? { cite: shareProblem.cite } : {}) }));
  const late = check?.dueDate ? today > check.dueDate : false;
  const actor = actorOf(viewer);
  const published = await s.prisma.$transaction(async (tx) => {
    const updated = await tx.inspectionPlan.update({ where: { id: plan.id }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
    await appendAudit(tx, { jurisdictionId: plan.jurisdictionId, actor, action: 'plan.published', subjectType: 'InspectionPlan', subjectId: plan.id, payload: { year: plan.year, dueDate: check?.dueDate ?? null, late } });
    return updated;
  });
  return ok(published);
}
