import type { SectorVocabulary } from '../../core/directory/sector-vocabulary.ts';
import { jurisdictionVocabulary, prismaQuery } from '../vocabulary/jurisdiction-vocabulary.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import type { InspectionTask, Prisma } from '@prisma/client';
import { nextState, type TaskStep, TASK_STATE_LABELS } from '../../core/tasks/lifecycle.ts';
import { validateTask, type TaskInput } from '../../core/tasks/validate-task.ts';
import { announcementDue } from '../../core/rules/evaluate-deadlines.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { may, refusal, type Permission } from '../auth/permissions.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { canReadTask } from '../auth/visibility.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { activeRules } from './active-rules.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { announceTaskChange, type Services } from './services.ts';
import { doubleBookedMembers } from '../draws/inspector-bookings.ts';
import { noRulePack, problem, type TaskProblem } from './task-problem.ts';
import { assignNoticeNumber } from '../portal/notice-number.ts';
import { applyWithheldConsequences } from '../results/covert-consequences.ts';
import { drawRules } from '../results/draw-rules.ts';

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export interface NewTask extends TaskInput {
  readonly jurisdictionCode: string;
  readonly planId?: string | null | undefined;
}

/** The task's fields as the core sees them. */
export function taskInputOf(task: InspectionTask): TaskInput {
  return {
    title: task.title, sectors: task.sectors, covert: task.covert, joint: task.joint, jointDepartments: task.jointDepartments, special: task.special,
    windowStart: toIsoDate(task.windowStart), windowEnd: toIsoDate(task.windowEnd), inspectionDate: toIsoDate(task.inspectionDate), size: task.size,
    checklistCodes: task.checklistCodes, itemsPerInspection: task.itemsPerInspection, teamSize: task.teamSize, expertsPerTeam: task.expertsPerTeam, substitutes: task.substitutes,
  };
}

// A sector by its code or its Chinese name, as the jurisdiction's vocabulary knows it.
function taskData(input: TaskInput, sectors: SectorVocabulary) {
  return {
    title: input.title.trim(), sectors: input.sectors.map((sector) => sectors.find(sector)?.code ?? sector), covert: input.covert, joint: input.joint, jointDepartments: input.jointDepartments.map((d) => d.trim()).filter(Boolean),
    special: input.special, windowStart: asDate(input.windowStart), windowEnd: asDate(input.windowEnd), inspectionDate: asDate(input.inspectionDate), size: input.size,
    checklistCodes: [...input.checklistCodes], itemsPerInspection: input.itemsPerInspection ?? null, teamSize: input.teamSize ?? null,
    expertsPerTeam: input.expertsPerTeam ?? null, substitutes: input.substitutes ?? null,
  } satisfies Prisma.InspectionTaskUncheckedUpdateInput;
}

async function checkTask(s: Services, jurisdictionId: string, input: TaskInput, planId: string | null | undefined, sectors: SectorVocabulary): Promise<TaskProblem | undefined> {
  let planYear: number | undefined;
  if (planId) {
    const plan = await s.prisma.inspectionPlan.findUnique({ where: { id: planId } });
    if (!plan || plan.jurisdictionId !== jurisdictionId) return problem('INVALID', '本辖区没有这个编号的计划 (No plan of this jurisdiction has this id)', { field: 'plan' });
    if (plan.status === 'WITHDRAWN') return problem('INVALID', `${plan.year} 年度计划「${plan.title}」已撤回，任务不能归入已撤回的计划（the plan was withdrawn）`, { field: 'plan' });
    planYear = plan.year;
  }
  const items = input.checklistCodes.length
    ? await s.prisma.checklistItem.findMany({ where: { jurisdictionId, code: { in: [...input.checklistCodes] }, active: true }, select: { code: true } })
    : [];
  // 分层比例: a pack with ratios lets the size be 0, to follow from them at the lock.
  const sizeFromRatios = ((await activeRules(s, jurisdictionId))?.strata?.ratios?.length ?? 0) > 0;
  const issues = validateTask(input, { knownItems: new Set(items.map((i) => i.code)), planYear, sizeFromRatios, sectors });
  if (issues.length === 0) return undefined;
  // One issue per field, each with its own message (the field is named by the issue, not repeated in it).
  const messages = new Map<string, string[]>();
  for (const i of issues) messages.set(i.field, [...(messages.get(i.field) ?? []), i.message]);
  const byField = [...messages].map(([field, list]) => ({ field, message: list.join('；') }));
  return problem('INVALID', byField.map((i) => i.message).join('；'), { field: byField[0]!.field, issues: byField });
}

/** Creates a task (抽查任务) as a draft. */
export async function createTask(s: Services, viewer: Viewer, input: NewTask): Promise<Result<InspectionTask, TaskProblem>> {
  const jurisdiction = await s.prisma.jurisdiction.findUnique({ where: { code: input.jurisdictionCode } });
  if (!jurisdiction) return err(problem('NOT_FOUND', `没有行政区划代码为 ${input.jurisdictionCode} 的辖区 (No jurisdiction has code ${input.jurisdictionCode})`, { field: 'jurisdiction' }));
  if (!may(viewer, jurisdiction.id, 'plan')) return err(problem('FORBIDDEN', refusal(viewer, 'plan')));
  if (!jurisdiction.rulePackId) return err(noRulePack(jurisdiction, '建立抽查任务'));
  const sectors = await jurisdictionVocabulary(prismaQuery(s.prisma), s.packs, jurisdiction.id);
  const invalid = await checkTask(s, jurisdiction.id, input, input.planId, sectors);
  if (invalid) return err(invalid);
  const actor = actorOf(viewer);
  const created = await resultTransaction(s.prisma, async (tx): Promise<Result<InspectionTask, TaskProblem>> => {
    if (input.planId) {
      // Shares the plan's row with other new tasks, and waits for a withdrawal (withdrawPlan locks it).
      const [plan] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM inspection_plan WHERE id = ${input.planId} FOR SHARE`;
      if (plan?.status === 'WITHDRAWN') return err(problem('INVALID', '计划已撤回，任务不能归入已撤回的计划（the plan was withdrawn）', { field: 'plan' }));
    }
    const row = await tx.inspectionTask.create({ data: { ...taskData(input, sectors), jurisdictionId: jurisdiction.id, planId: input.planId ?? null, createdBy: actor } });
    await appendAudit(tx, { jurisdictionId: jurisdiction.id, actor, action: 'task.created', subjectType: 'InspectionTask', subjectId: row.id, payload: { ...taskInputOf(row), planId: row.planId } as Prisma.InputJsonObject });
    return ok(row);
  });
  if (created.ok) announceTaskChange(s, jurisdiction.id, created.value, 'task.created');
  return created;
}

/**
 * Loads a task for an operation that needs `permission`. Someone who may not even see the task
 * (another jurisdiction's covert task, a draft) is told it does not exist.
 */
export async function taskFor(s: Services, viewer: Viewer, taskId: string, permission: Permission): Promise<Result<InspectionTask, TaskProblem>> {
  const task = await s.prisma.inspectionTask.findUnique({ where: { id: taskId } });
  // The level above reads the task, so it is told it may not change it rather than that it is not there.
  if (!task || !canReadTask(viewer, task)) return err(problem('NOT_FOUND', '没有这个编号的任务 (No task has this id)'));
  if (!may(viewer, task.jurisdictionId, permission)) return err(problem('FORBIDDEN', refusal(viewer, permission)));
  return ok(task);
}

/** Edits a draft task; once locked, its pool and terms are frozen. */
export async function updateTask(s: Services, viewer: Viewer, taskId: string, changes: Partial<TaskInput>): Promise<Result<InspectionTask, TaskProblem>> {
  const found = await taskFor(s, viewer, taskId, 'plan');
  if (!found.ok) return found;
  const task = found.value;
  if (task.status !== 'DRAFT') return err(problem('BAD_STATE', `任务已处于 ${TASK_STATE_LABELS[task.status] ?? task.status} 状态：只有草稿可以修改，锁定后不能再改 (a task is edited only as a draft)`));
  const merged: TaskInput = { ...taskInputOf(task), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  const sectors = await jurisdictionVocabulary(prismaQuery(s.prisma), s.packs, task.jurisdictionId);
  const invalid = await checkTask(s, task.jurisdictionId, merged, task.planId, sectors);
  if (invalid) return err(invalid);
  const actor = actorOf(viewer);
  const updated = await s.prisma.$transaction(async (tx) => {
    const row = await tx.inspectionTask.update({ where: { id: task.id }, data: taskData(merged, sectors) });
    await appendAudit(tx, { jurisdictionId: task.jurisdictionId, actor, action: 'task.updated', subjectType: 'InspectionTask', subjectId: task.id, payload: changes as Prisma.InputJsonObject });
    return row;
  });
  return ok(updated);
}

const STEP_PERMISSION: Record<TaskStep, Permission> = { DISPATCH: 'draw', ANNOUNCE: 'draw', START_INSPECTION: 'inspect', CLOSE: 'inspect' };

/** Moves a drawn task along: dispatched → announced (unless covert) → inspecting → closed. */
export async function advanceTask(s: Services, viewer: Viewer, taskId: string, step: TaskStep, today = chinaDate(new Date())): Promise<Result<InspectionTask, TaskProblem>> {
  const found = await taskFor(s, viewer, taskId, STEP_PERMISSION[step]);
  if (!found.ok) return found;
  const task = found.value;
  const rules = (await activeRules(s, task.jurisdictionId)) ?? {};
  const next = nextState(rules, { ...task, windowStart: toIsoDate(task.windowStart) }, step, today);
  if (!next.ok) {
    const code = next.refusal.code === 'BAD_STATE' || next.refusal.code === 'WINDOW_NOT_OPEN' ? next.refusal.code : 'RULE';
    return err(problem(code, next.refusal.message, next.refusal.cite ? { cite: next.refusal.cite } : {}));
  }
  if (step === 'DISPATCH') {
    // 同日重复派员: a team member booked the same day by a draw held before this one is replaced first.
    const draw = await s.prisma.draw.findUnique({ where: { taskId: task.id }, select: { id: true } });
    const clashes = draw ? await doubleBookedMembers(s.prisma, draw.id) : [];
    if (clashes.length > 0) {
      const said = clashes.map((c) => `第 ${c.pickOrder} 组的 ${c.inspectorName} 同日已在${c.booking.jurisdictionName}「${c.booking.taskTitle}」的检查组中`).join('；');
      return err(problem('DOUBLE_BOOKED', `${said}，请先更换该检查人员 (replaceInspector) 再派发 (an inspector cannot serve two teams on the same day)`, rules.pooling ? { cite: rules.pooling.cite } : {}));
    }
  }
  const payload: Prisma.InputJsonObject = { from: task.status, to: next.to };
  if (step === 'ANNOUNCE') {
    const due = announcementDue(rules, toIsoDate(task.inspectionDate), task.covert);
    if (due) Object.assign(payload, { announcedOn: today, dueBy: due.date, late: today > due.date, clause: due.cite.clause });
  }
  const actor = actorOf(viewer);
  // 暗查暗访: the results' consequences, withheld while the task ran, are written with its close.
  const closingCovert = step === 'CLOSE' && task.covert ? await s.prisma.draw.findUnique({ where: { taskId: task.id }, select: { id: true } }) : null;
  const closingRules = closingCovert ? await drawRules(s.prisma, closingCovert.id) : undefined;
  const updated = await s.prisma.$transaction(async (tx) => {
    // Conditional on the state read above: of two concurrent steps, one moves the task.
    const moved = await tx.inspectionTask.updateMany({ where: { id: task.id, status: task.status }, data: { status: next.to, ...(step === 'ANNOUNCE' ? { announcedOn: asDate(today) } : {}), ...(step === 'CLOSE' ? { closedOn: asDate(today) } : {}) } });
    if (moved.count !== 1) return undefined;
    // 公告编号: given the day the task first becomes public, on the trail with the step.
    const numbered = await assignNoticeNumber(tx, task.id, today);
    if (numbered) Object.assign(payload, { noticeYear: numbered.year, noticeSeq: numbered.seq });
    if (closingRules) {
      const applied = await applyWithheldConsequences(tx, closingRules, task.id, actor, today);
      if (applied.length) Object.assign(payload, { consequencesApplied: applied.map((a) => ({ uscc: a.uscc, version: a.version, consequences: [...a.consequences] })) });
    }
    await appendAudit(tx, { jurisdictionId: task.jurisdictionId, actor, action: `task.${step.toLowerCase()}`, subjectType: 'InspectionTask', subjectId: task.id, payload });
    return tx.inspectionTask.findUniqueOrThrow({ where: { id: task.id } });
  });
  if (!updated) return err(problem('BAD_STATE', '任务状态已被他人改变，请刷新 (the task changed state meanwhile; reload it)'));
  announceTaskChange(s, task.jurisdictionId, updated, `task.${step.toLowerCase()}`);
  return ok(updated);
}
