import { chinaDate } from '../../core/calendar/china-date.ts';
import type { InspectionPlan, Prisma } from '@prisma/client';
import { checkPlan, type PlanFigures } from '../../core/tasks/check-plan.ts';
import { applyPlanChanges, planFieldChanges, reasonIssue, validatePlanFields, type PlanFields } from '../../core/tasks/plan-fields.ts';
import { render } from '../../core/rules/messages.ts';
import type { Rules } from '../../core/rules/schema.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { may, refusal } from '../auth/permissions.ts';
import { canRead, actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import type { Services } from './services.ts';
import { noRulePack, problem, type TaskProblem } from './task-problem.ts';
import { activeRules } from './active-rules.ts';

export interface PlanInput extends PlanFields {
  readonly jurisdictionCode: string;
}

const STATUS_NAMES: Record<InspectionPlan['status'], string> = { DRAFT: '草稿', PUBLISHED: '已公布', WITHDRAWN: '已撤回' };

const invalid = (issues: ReturnType<typeof validatePlanFields>): TaskProblem | undefined =>
  issues[0] ? problem('INVALID', issues[0].message, { field: issues[0].field }) : undefined;

/** The plan a jurisdiction already has for a year (withdrawn drafts do not count). */
async function planOfYear(db: Prisma.TransactionClient, jurisdictionId: string, year: number, except?: string) {
  return db.inspectionPlan.findFirst({ where: { jurisdictionId, year, status: { not: 'WITHDRAWN' }, ...(except ? { id: { not: except } } : {}) } });
}

const yearTaken = (name: string, year: number, status?: InspectionPlan['status']) =>
  problem('INVALID', `${name}已有 ${year} 年度计划${status ? `（${STATUS_NAMES[status]}）` : ''}：一年一份计划，草稿可修改（updatePlan）或撤回（withdrawPlan）后另建（already has a plan for ${year}）`, { field: 'year' });

/**
 * What the pack refuses in a plan's figures, as publication refuses it (the double-random share,
 * 攀枝花 二(六), 黑龙江 二(五)); amendments are checked the same way.
 */
export function planRuleProblem(rules: Rules | undefined, plan: PlanFigures): TaskProblem | undefined {
  const p = rules ? checkPlan(rules, plan).problems[0] : undefined;
  return p ? problem('RULE', render(p), { field: 'doubleRandomCount', ...(p.cite ? { cite: p.cite } : {}) }) : undefined;
}

/** Loads a plan for a change by a planner; one the viewer may not even see (another county's draft) is not there. */
export async function planFor(s: Services, viewer: Viewer, planId: string): Promise<Result<InspectionPlan, TaskProblem>> {
  const plan = await s.prisma.inspectionPlan.findUnique({ where: { id: planId } });
  if (!plan || (plan.status !== 'PUBLISHED' && !canRead(viewer, plan.jurisdictionId))) return err(problem('NOT_FOUND', '没有这个编号的计划 (No plan has this id)'));
  if (!may(viewer, plan.jurisdictionId, 'plan')) return err(problem('FORBIDDEN', refusal(viewer, 'plan')));
  return ok(plan);
}

/** Creates a jurisdiction's annual plan (年度监督检查计划) as a draft. */
export async function createPlan(s: Services, viewer: Viewer, input: PlanInput): Promise<Result<InspectionPlan, TaskProblem>> {
  const jurisdiction = await s.prisma.jurisdiction.findUnique({ where: { code: input.jurisdictionCode } });
  if (!jurisdiction) return err(problem('NOT_FOUND', `没有行政区划代码为 ${input.jurisdictionCode} 的辖区 (No jurisdiction has code ${input.jurisdictionCode})`, { field: 'jurisdiction' }));
  if (!may(viewer, jurisdiction.id, 'plan')) return err(problem('FORBIDDEN', refusal(viewer, 'plan')));
  if (!jurisdiction.rulePackId) return err(noRulePack(jurisdiction, '编制年度计划'));
  const bad = invalid(validatePlanFields(input));
  if (bad) return err(bad);
  const existing = await planOfYear(s.prisma, jurisdiction.id, input.year);
  if (existing) return err(yearTaken(jurisdiction.name, input.year, existing.status));
  const actor = actorOf(viewer);
  try {
    const plan = await s.prisma.$transaction(async (tx) => {
      const created = await tx.inspectionPlan.create({
        data: { jurisdictionId: jurisdiction.id, year: input.year, title: input.title.trim(), doubleRandomCount: input.doubleRandomCount, otherCount: input.otherCount, createdBy: actor },
      });
      await appendAudit(tx, { jurisdictionId: jurisdiction.id, actor, action: 'plan.created', subjectType: 'InspectionPlan', subjectId: created.id, payload: { year: created.year, title: created.title, doubleRandomCount: created.doubleRandomCount, otherCount: created.otherCount } });
      return created;
    });
    return ok(plan);
  } catch (e) {
    // Another request created the year's plan meanwhile (the partial unique index of migration 0015).
    if (isUniqueViolation(e)) return err(yearTaken(jurisdiction.name, input.year));
    throw e;
  }
}

/**
 * Edits a draft plan: any field createPlan takes. A published plan is changed only by an
 * amendment (amendPlan), a withdrawn one not at all. A new year must be free, and the plan's
 * tasks must inspect in it.
 */
export async function updatePlan(s: Services, viewer: Viewer, planId: string, changes: Partial<PlanFields>): Promise<Result<InspectionPlan, TaskProblem>> {
  const found = await planFor(s, viewer, planId);
  if (!found.ok) return found;
  const plan = found.value;
  if (plan.status !== 'DRAFT') {
    return err(problem('BAD_STATE', plan.status === 'PUBLISHED' ? `${plan.year} 年度计划已公布，只能以调整（amendPlan）修改并记录理由（a published plan is amended, not edited）` : `计划已撤回，不能再修改（the plan was withdrawn）`));
  }
  const merged = applyPlanChanges(plan, changes);
  const bad = invalid(validatePlanFields(merged));
  if (bad) return err(bad);
  const changed = planFieldChanges(plan, merged);
  if (changed.length === 0) return ok(plan);
  const actor = actorOf(viewer);
  try {
    return await resultTransaction(s.prisma, async (tx): Promise<Result<InspectionPlan, TaskProblem>> => {
      if (merged.year !== plan.year) {
        const jurisdiction = await tx.jurisdiction.findUniqueOrThrow({ where: { id: plan.jurisdictionId } });
        const other = await planOfYear(tx, plan.jurisdictionId, merged.year, plan.id);
        if (other) return err(yearTaken(jurisdiction.name, merged.year, other.status));
        const from = new Date(Date.UTC(merged.year, 0, 1));
        const to = new Date(Date.UTC(merged.year + 1, 0, 1));
        const outside = await tx.inspectionTask.count({ where: { planId: plan.id, status: { not: 'CANCELLED' }, OR: [{ inspectionDate: { lt: from } }, { inspectionDate: { gte: to } }] } });
        if (outside > 0) return err(problem('INVALID', `计划下有 ${outside} 个任务的检查日期不在 ${merged.year} 年，不能改为 ${merged.year} 年度（${outside} task(s) of the plan inspect in another year）`, { field: 'year' }));
      }
      // Conditional on the draft read above: a plan published meanwhile is not edited.
      const moved = await tx.inspectionPlan.updateMany({ where: { id: plan.id, status: 'DRAFT' }, data: merged });
      if (moved.count !== 1) return err(problem('BAD_STATE', '计划的状态已被他人改变，请重新载入（the plan changed state meanwhile; reload it）'));
      await appendAudit(tx, { jurisdictionId: plan.jurisdictionId, actor, action: 'plan.updated', subjectType: 'InspectionPlan', subjectId: plan.id, payload: { changes: changed } as unknown as Prisma.InputJsonObject });
      return ok(await tx.inspectionPlan.findUniqueOrThrow({ where: { id: plan.id } }));
    });
  } catch (e) {
    if (isUniqueViolation(e)) return err(yearTaken('本辖区', merged.year));
    throw e;
  }
}

/**
 * Withdraws a draft plan with a reason: it stays, marked withdrawn, and no longer stands for its
 * year, so another plan may be created. Refused while tasks of the plan stand (cancel them first):
 * a task is never left under a plan that is not the year's.
 */
export async function withdrawPlan(s: Services, viewer: Viewer, planId: string, reason: string): Promise<Result<InspectionPlan, TaskProblem>> {
  const found = await planFor(s, viewer, planId);
  if (!found.ok) return found;
  const plan = found.value;
  if (plan.status !== 'DRAFT') {
    return err(problem('BAD_STATE', plan.status === 'PUBLISHED' ? `${plan.year} 年度计划已公布，不能撤回；可以调整（amendPlan）并记录理由（a published plan is not withdrawn）` : '计划已撤回（the plan is already withdrawn）'));
  }
  const badReason = reasonIssue(reason);
  if (badReason) return err(problem('INVALID', badReason, { field: 'reason' }));
  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx): Promise<Result<InspectionPlan, TaskProblem>> => {
    // The plan's row lock orders this against createTask, which takes the plan's row FOR SHARE.
    await tx.$queryRaw`SELECT id FROM inspection_plan WHERE id = ${plan.id} FOR UPDATE`;
    const standing = await tx.inspectionTask.count({ where: { planId: plan.id, status: { not: 'CANCELLED' } } });
    if (standing > 0) return err(problem('BAD_STATE', `计划下还有 ${standing} 个未取消的任务，请先取消（cancelTask）或修改计划（updatePlan）而不撤回（${standing} task(s) of the plan are not cancelled）`));
    const withdrawnAt = new Date();
    const moved = await tx.inspectionPlan.updateMany({ where: { id: plan.id, status: 'DRAFT' }, data: { status: 'WITHDRAWN', withdrawnAt, withdrawnBy: actor, withdrawalReason: reason.trim() } });
    if (moved.count !== 1) return err(problem('BAD_STATE', '计划的状态已被他人改变，请重新载入（the plan changed state meanwhile; reload it）'));
    await appendAudit(tx, { jurisdictionId: plan.jurisdictionId, actor, action: 'plan.withdrawn', subjectType: 'InspectionPlan', subjectId: plan.id, payload: { year: plan.year, reason: reason.trim() } }, withdrawnAt);
    return ok(await tx.inspectionPlan.findUniqueOrThrow({ where: { id: plan.id } }));
  });
}

/**
 * Publishes a plan; refused when the double-random share is below the pack's minimum. A late
 * plan is published all the same (the deadline has passed either way) and the audit entry says so.
 */
export async function publishPlan(s: Services, viewer: Viewer, planId: string, today = chinaDate(new Date())): Promise<Result<InspectionPlan, TaskProblem>> {
  const found = await planFor(s, viewer, planId);
  if (!found.ok) return found;
  const plan = found.value;
  if (plan.status === 'PUBLISHED') return err(problem('BAD_STATE', `${plan.year} 年度计划已于${plan.publishedAt ? chinaDate(plan.publishedAt) : ''}公布；变更请以调整（amendPlan）记录（the plan was published）`));
  if (plan.status === 'WITHDRAWN') return err(problem('BAD_STATE', '计划已撤回，不能公布（a withdrawn plan is not published）'));
  const rules = await activeRules(s, plan.jurisdictionId);
  const refused = planRuleProblem(rules, plan);
  if (refused) return err(refused);
  const dueDate = rules ? checkPlan(rules, plan).dueDate : null;
  const late = dueDate ? today > dueDate : false;
  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx): Promise<Result<InspectionPlan, TaskProblem>> => {
    const moved = await tx.inspectionPlan.updateMany({ where: { id: plan.id, status: 'DRAFT' }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
    if (moved.count !== 1) return err(problem('BAD_STATE', '计划的状态已被他人改变，请重新载入（the plan changed state meanwhile; reload it）'));
    await appendAudit(tx, { jurisdictionId: plan.jurisdictionId, actor, action: 'plan.published', subjectType: 'InspectionPlan', subjectId: plan.id, payload: { year: plan.year, dueDate, late } });
    return ok(await tx.inspectionPlan.findUniqueOrThrow({ where: { id: plan.id } }));
  });
}
