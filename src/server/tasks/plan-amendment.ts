import type { InspectionPlan, PlanAmendment, Prisma } from '@prisma/client';
import { applyPlanChanges, planFieldChanges, reasonIssue, validatePlanFields, type PlanFields } from '../../core/tasks/plan-fields.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { activeRules } from './active-rules.ts';
import { planFor, planRuleProblem } from './plans.ts';
import type { Services } from './services.ts';
import { problem, type TaskProblem } from './task-problem.ts';

/** What an amendment may change: a published plan keeps its year (a plan for another year is another plan). */
export type PlanAmendmentChanges = Partial<Omit<PlanFields, 'year'>>;

/**
 * Amends a published plan (计划调整): the changed fields and the reason are recorded as the plan's
 * next amendment, the plan takes the new values, and the audit trail says who and why, all in
 * one transaction. The amended plan is checked against the pack as publication checks it, and
 * refused with the same problem.
 */
export async function amendPlan(s: Services, viewer: Viewer, planId: string, changes: PlanAmendmentChanges, reason: string): Promise<Result<{ plan: InspectionPlan; amendment: PlanAmendment }, TaskProblem>> {
  const found = await planFor(s, viewer, planId);
  if (!found.ok) return found;
  if (found.value.status !== 'PUBLISHED') {
    return err(problem('BAD_STATE', found.value.status === 'DRAFT' ? '计划尚未公布：草稿直接修改（updatePlan），公布后才以调整记录变更（a draft is edited with updatePlan）' : '计划已撤回，不能调整（the plan was withdrawn）'));
  }
  const badReason = reasonIssue(reason);
  if (badReason) return err(problem('INVALID', badReason, { field: 'reason' }));
  const rules = await activeRules(s, found.value.jurisdictionId);
  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx): Promise<Result<{ plan: InspectionPlan; amendment: PlanAmendment }, TaskProblem>> => {
    // The plan's row lock orders concurrent amendments: each sees the one before and numbers after it.
    await tx.$queryRaw`SELECT id FROM inspection_plan WHERE id = ${planId} FOR UPDATE`;
    const plan = await tx.inspectionPlan.findUniqueOrThrow({ where: { id: planId } });
    const merged = applyPlanChanges(plan, { ...changes, year: plan.year });
    const issue = validatePlanFields(merged)[0];
    if (issue) return err(problem('INVALID', issue.message, { field: issue.field }));
    const changed = planFieldChanges(plan, merged);
    if (changed.length === 0) return err(problem('INVALID', '调整没有改变计划的任何内容（the amendment changes nothing）', { field: 'changes' }));
    const refused = planRuleProblem(rules, merged);
    if (refused) return err(refused);
    const seq = (await tx.planAmendment.count({ where: { planId } })) + 1;
    const amendedAt = new Date();
    const amendment = await tx.planAmendment.create({
      data: { planId, jurisdictionId: plan.jurisdictionId, seq, changes: changed as unknown as Prisma.InputJsonArray, reason: reason.trim(), amendedBy: actor, amendedAt },
    });
    const updated = await tx.inspectionPlan.update({ where: { id: planId }, data: { title: merged.title, doubleRandomCount: merged.doubleRandomCount, otherCount: merged.otherCount } });
    await appendAudit(tx, {
      jurisdictionId: plan.jurisdictionId, actor, action: 'plan.amended', subjectType: 'InspectionPlan', subjectId: planId,
      payload: { year: plan.year, seq, changes: changed, reason: reason.trim() } as unknown as Prisma.InputJsonObject,
    }, amendedAt);
    return ok({ plan: updated, amendment });
  });
}
