import { TASK_STATE_LABELS } from '../../core/tasks/lifecycle.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import type { InspectionResult, Prisma } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { resultContentHash } from '../../core/results/content-hash.ts';
import { publicationIssues, publishedIssue, requiredSigners, type TeamOfResult } from '../../core/results/publication-check.ts';
import type { ResultContent, ResultIssue } from '../../core/results/types.ts';
import { validateResult } from '../../core/results/validate-result.ts';
import type { Rules } from '../../core/rules/schema.ts';
import { may, refusal, type Permission } from '../auth/permissions.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { currentTeam } from '../draws/current-team.ts';
import { taskFor } from '../tasks/tasks.ts';
import { announceTaskChange, type Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';
import { applyConsequences } from './apply-consequences.ts';
import { correctConsequences } from './correct-consequences.ts';
import { consequencesWithheld } from './covert-consequences.ts';
import { drawRules } from './draw-rules.ts';
import { contentColumns, contentOf, normaliseContent } from './result-content.ts';
import { consequencesOf } from '../../core/results/consequences.ts';


/** A core issue as the refusal a service returns; several field issues become one, naming the first field. */
function refusalOf(issues: readonly ResultIssue[]): TaskProblem {
  const invalid = issues.filter((i) => i.code === 'INVALID');
  const first = issues.find((i) => i.code !== 'INVALID') ?? invalid[0]!;
  if (first.code === 'INVALID') return problem('INVALID', invalid.map((i) => i.message).join('；'), { field: first.field!, issues: invalid.map((i) => ({ field: i.field!, message: i.message })), ...(first.cite ? { cite: first.cite } : {}) });
  return problem(first.code, first.message, { ...(first.field ? { field: first.field } : {}), ...(first.cite ? { cite: first.cite } : {}) });
}

/** Two writers raced for the same version of a result: the loser is told, not given a 500. */
async function unlessRaced<T>(write: () => Promise<Result<T, TaskProblem>>, what: string): Promise<Result<T, TaskProblem>> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) return err(problem('CONFLICT', `${what} was recorded meanwhile; reload it`));
    throw error;
  }
}

/** The rules a draw was held under: results follow the pack of their draw, not a later switch. */
async function rulesOf(s: Services, drawId: string): Promise<Rules> {
  const rules = await drawRules(s.prisma, drawId);
  if (!rules) throw new Error(`draw ${drawId} of a result is missing`);
  return rules;
}

/** Tells dashboards (taskEvents, deadlineAlerts) that something of a result changed; after the commit. */
export async function announceResultChange(s: Services, result: { readonly jurisdictionId: string; readonly taskId: string }, action: string): Promise<void> {
  const task = await s.prisma.inspectionTask.findUniqueOrThrow({ where: { id: result.taskId }, select: { id: true, status: true, covert: true } });
  announceTaskChange(s, result.jurisdictionId, task, action);
}

/** The team that inspected a result's enterprise, as it stands: drawn, with recorded replacements applied. */
export async function teamOfResult(s: Services, row: Pick<InspectionResult, 'drawId' | 'pickOrder'>): Promise<TeamOfResult> {
  const [pick, replacements] = await Promise.all([
    s.prisma.drawPick.findUniqueOrThrow({ where: { drawId_order: { drawId: row.drawId, order: row.pickOrder } } }),
    s.prisma.teamReplacement.findMany({ where: { drawId: row.drawId, pickOrder: row.pickOrder }, orderBy: { at: 'asc' } }),
  ]);
  const team = currentTeam(pick, replacements);
  return { leaderId: team.leader, memberIds: team.members };
}

/**
 * 谁检查、谁录入: an inspector (a user linked to a directory inspector) writes only the results of
 * the teams they are on; anyone else with the results permission is a clerk entering for the team,
 * and the audit trail says so.
 */
async function writerOf(s: Services, viewer: Viewer, row: Pick<InspectionResult, 'drawId' | 'pickOrder' | 'uscc'>): Promise<Result<{ readonly forTeam: boolean }, TaskProblem>> {
  const own = viewer.kind === 'token' ? viewer.inspectorId : undefined;
  if (!own) return ok({ forTeam: true });
  const team = await teamOfResult(s, row);
  if (team.leaderId !== own && !team.memberIds.includes(own)) return err(problem('NOT_IN_TEAM', `您不在检查 ${row.uscc} 的检查组中，不能录入或修改其结果；由检查组成员或代为录入的工作人员填写 (you are not in the team that inspected it)`, { field: 'enterprise' }));
  return ok({ forTeam: false });
}

/** A content checked against its draw and pack (偃师 五(四), categories, items drawn for this enterprise …). */
async function contentIssues(s: Services, rules: Rules, drawId: string, uscc: string, windowStart: Date, content: ResultContent, today: string) {
  const pick = await s.prisma.drawPick.findFirst({ where: { drawId, uscc } });
  return { pick, issues: validateResult(rules, content, { uscc, pick: pick ?? undefined, windowStart: toIsoDate(windowStart), today }) };
}

/** The task's window opens on this day: no result of it is dated earlier. */
const windowStartOf = (s: Services, taskId: string) => s.prisma.inspectionTask.findUniqueOrThrow({ where: { id: taskId }, select: { windowStart: true } }).then((t) => t.windowStart);

/** Loads a result for a member of its jurisdiction who has `permission`; others are told it does not exist unless published. */
export async function resultFor(s: Services, viewer: Viewer, resultId: string, permission: Permission): Promise<Result<InspectionResult, TaskProblem>> {
  const row = await s.prisma.inspectionResult.findUnique({ where: { id: resultId } });
  if (!row || (row.status !== 'PUBLISHED' && !(viewer.kind === 'token' && viewer.jurisdictionId === row.jurisdictionId))) return err(problem('NOT_FOUND', '没有这个编号的检查结果 (No result has this id)'));
  if (!may(viewer, row.jurisdictionId, permission)) return err(problem('FORBIDDEN', refusal(viewer, permission)));
  return ok(row);
}

export interface NewResult {
  readonly taskId: string;
  readonly uscc: string;
  readonly content: ResultContent;
}

/** 录入: the team's result for one drawn enterprise, as a draft to sign. Only once the inspection started. */
export async function recordResult(s: Services, viewer: Viewer, input: NewResult, today = chinaDate(new Date())): Promise<Result<InspectionResult, TaskProblem>> {
  const found = await taskFor(s, viewer, input.taskId, 'results');
  if (!found.ok) return found;
  const task = found.value;
  if (task.status !== 'INSPECTING' && task.status !== 'CLOSED') return err(problem('BAD_STATE', `任务处于 ${TASK_STATE_LABELS[task.status] ?? task.status} 状态：检查开始后才能录入结果 (results are entered once the inspection has started)`));
  const draw = await s.prisma.draw.findUniqueOrThrow({ where: { taskId: task.id }, select: { id: true } });
  const rules = await rulesOf(s, draw.id);
  const uscc = input.uscc.trim().toUpperCase();
  const content = normaliseContent(input.content, rules);
  const { pick, issues } = await contentIssues(s, rules, draw.id, uscc, task.windowStart, content, today);
  if (issues.length) return err(refusalOf(issues));
  const existing = await s.prisma.inspectionResult.findFirst({ where: { drawId: draw.id, uscc }, orderBy: { version: 'desc' } });
  if (existing) return err(problem('CONFLICT', `${uscc} 的检查结果已录入（第 ${existing.version} 版，${existing.status === 'DRAFT' ? '录入中' : '已公示'}）：${existing.status === 'DRAFT' ? '请修改它 (updateResult)' : '请更正它 (correctResult)'}`, { field: 'enterprise' }));
  const writer = await writerOf(s, viewer, { drawId: draw.id, pickOrder: pick!.order, uscc });
  if (!writer.ok) return writer;
  const enterprise = pick!.enterpriseId ? await s.prisma.enterprise.findUnique({ where: { id: pick!.enterpriseId }, select: { name: true } }) : null;
  const actor = actorOf(viewer);
  const contentHash = resultContentHash({ drawId: draw.id, uscc, version: 1 }, content, NODE_DRAW_PORTS);
  return unlessRaced(() => resultTransaction(s.prisma, async (tx) => {
    const row = await tx.inspectionResult.create({
      data: { ...contentColumns(content), jurisdictionId: task.jurisdictionId, taskId: task.id, drawId: draw.id, pickOrder: pick!.order, enterpriseId: pick!.enterpriseId, uscc, enterpriseName: enterprise?.name ?? uscc, version: 1, contentHash, enteredBy: actor },
    });
    await appendAudit(tx, { jurisdictionId: task.jurisdictionId, actor, action: 'result.entered', subjectType: 'InspectionResult', subjectId: row.id, payload: { taskId: task.id, uscc, version: 1, contentHash, enteredForTeam: writer.value.forTeam } });
    return ok(row);
  }), `a result for ${uscc}`);
}

/** Edits a draft (an original or a correction); earlier signatures no longer count, a principal's signature is withdrawn. */
export async function updateResult(s: Services, viewer: Viewer, resultId: string, content: ResultContent, today = chinaDate(new Date())): Promise<Result<InspectionResult, TaskProblem>> {
  const found = await resultFor(s, viewer, resultId, 'results');
  if (!found.ok) return found;
  const row = found.value;
  const rules = await rulesOf(s, row.drawId);
  if (row.status === 'PUBLISHED') return err(refusalOf([publishedIssue(rules)]));
  const writer = await writerOf(s, viewer, row);
  if (!writer.ok) return writer;
  const normal = normaliseContent(content, rules);
  const { issues } = await contentIssues(s, rules, row.drawId, row.uscc, await windowStartOf(s, row.taskId), normal, today);
  if (issues.length) return err(refusalOf(issues));
  const contentHash = resultContentHash({ drawId: row.drawId, uscc: row.uscc, version: row.version }, normal, NODE_DRAW_PORTS);
  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx) => {
    const updated = await tx.inspectionResult.updateMany({ where: { id: row.id, status: 'DRAFT' }, data: { ...contentColumns(normal), contentHash, principalSignedBy: null, principalSignedAt: null } });
    if (updated.count !== 1) return err(refusalOf([publishedIssue(rules)]));
    await appendAudit(tx, { jurisdictionId: row.jurisdictionId, actor, action: 'result.updated', subjectType: 'InspectionResult', subjectId: row.id, payload: { contentHash, previous: row.contentHash, enteredForTeam: writer.value.forTeam } });
    return ok(await tx.inspectionResult.findUniqueOrThrow({ where: { id: row.id } }));
  });
}

/**
 * 签字: a member of the enterprise's team (as it stands after replacements) signs this version's
 * content. A user linked to an inspector signs as that inspector and nobody else (in person);
 * other holders of the results permission record a signature given on paper, naming whose.
 */
export async function signResult(s: Services, viewer: Viewer, resultId: string, named: string | null): Promise<Result<InspectionResult, TaskProblem>> {
  const found = await resultFor(s, viewer, resultId, 'results');
  if (!found.ok) return found;
  const row = found.value;
  const own = viewer.kind === 'token' ? viewer.inspectorId : undefined;
  if (own && named && named !== own) return err(problem('FORBIDDEN', '您只能以本人身份签字；纸面签字由没有检查员账号的工作人员代为登记 (you sign as yourself)'));
  const inspectorId = own ?? named;
  if (!inspectorId) return err(problem('INVALID', '请指明所登记纸面签字的检查人员 (name the inspector whose signature you record)', { field: 'inspector' }));
  const inPerson = own !== undefined;
  if (row.status === 'PUBLISHED') return err(refusalOf([publishedIssue(await rulesOf(s, row.drawId))]));
  const team = await teamOfResult(s, row);
  if (!team.memberIds.includes(inspectorId) && team.leaderId !== inspectorId) return err(problem('NOT_IN_TEAM', `检查人员 ${inspectorId} 不在检查 ${row.uscc} 的检查组中 (not in the team)`, { field: 'inspector' }));
  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx) => {
    const already = await tx.resultSignature.findUnique({ where: { resultId_inspectorId_contentHash: { resultId: row.id, inspectorId, contentHash: row.contentHash } } });
    if (!already) {
      await tx.resultSignature.create({ data: { resultId: row.id, inspectorId, contentHash: row.contentHash, actor, inPerson } });
      await appendAudit(tx, { jurisdictionId: row.jurisdictionId, actor, action: 'result.signed', subjectType: 'InspectionResult', subjectId: row.id, payload: { inspectorId, contentHash: row.contentHash, inPerson } });
    }
    return ok(row);
  });
}

/** 更正: a new version of a published result, as a draft; it is published once the principal signs it. */
export async function correctResult(s: Services, viewer: Viewer, resultId: string, content: ResultContent, reason: string, objectionId: string | null = null, today = chinaDate(new Date())): Promise<Result<InspectionResult, TaskProblem>> {
  const found = await resultFor(s, viewer, resultId, 'results');
  if (!found.ok) return found;
  const row = found.value;
  if (row.status !== 'PUBLISHED') return err(problem('BAD_STATE', '只有已公示的结果才需更正；录入中的结果直接修改 (updateResult)'));
  if (!reason.trim()) return err(problem('INVALID', '请写明更正理由 (say why the published result is wrong)', { field: 'reason' }));
  const latest = await s.prisma.inspectionResult.findFirstOrThrow({ where: { drawId: row.drawId, uscc: row.uscc }, orderBy: { version: 'desc' } });
  if (latest.id !== row.id) return err(problem('CONFLICT', `第 ${row.version} 版已被第 ${latest.version} 版取代：${latest.status === 'DRAFT' ? '请修改那份草稿' : '请更正最新一版'} (already superseded)`));
  const rules = await rulesOf(s, row.drawId);
  const normal = normaliseContent(content, rules);
  const { issues } = await contentIssues(s, rules, row.drawId, row.uscc, await windowStartOf(s, row.taskId), normal, today);
  if (issues.length) return err(refusalOf(issues));
  if (objectionId) {
    const objection = await s.prisma.objection.findUnique({ where: { id: objectionId }, include: { result: { select: { drawId: true, uscc: true } } } });
    if (!objection || objection.result.drawId !== row.drawId || objection.result.uscc !== row.uscc) return err(problem('INVALID', '本结果没有这个编号的异议 (No objection to this result has this id)', { field: 'objection' }));
    if (!objection.upheld) return err(problem('BAD_STATE', '该异议尚未复核认定确有错误 (the objection has not been reviewed and found right)', { field: 'objection' }));
  }
  const version = row.version + 1;
  const contentHash = resultContentHash({ drawId: row.drawId, uscc: row.uscc, version }, normal, NODE_DRAW_PORTS);
  const actor = actorOf(viewer);
  return unlessRaced(() => resultTransaction(s.prisma, async (tx) => {
    const created = await tx.inspectionResult.create({
      data: {
        ...contentColumns(normal), jurisdictionId: row.jurisdictionId, taskId: row.taskId, drawId: row.drawId, pickOrder: row.pickOrder, enterpriseId: row.enterpriseId, uscc: row.uscc, enterpriseName: row.enterpriseName,
        version, supersedesId: row.id, correctionReason: reason.trim(), contentHash, enteredBy: actor,
      },
    });
    if (objectionId) await tx.objection.update({ where: { id: objectionId }, data: { correctionId: created.id } });
    await appendAudit(tx, { jurisdictionId: row.jurisdictionId, actor, action: 'result.correction-drafted', subjectType: 'InspectionResult', subjectId: created.id, payload: { supersedes: row.id, version, reason: reason.trim(), contentHash, objectionId } });
    return ok(created);
  }), `version ${version} of the result for ${row.uscc}`);
}

/** The principal (单位主要负责人) signs a drafted correction (卧龙 第二十六条). */
export async function signCorrection(s: Services, viewer: Viewer, resultId: string): Promise<Result<InspectionResult, TaskProblem>> {
  const found = await resultFor(s, viewer, resultId, 'principal');
  if (!found.ok) return found;
  const row = found.value;
  if (!row.supersedesId || row.status !== 'DRAFT') return err(problem('BAD_STATE', '单位主要负责人只对尚未公示的更正签字 (the principal signs a drafted correction of a published result)'));
  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx) => {
    const updated = await tx.inspectionResult.update({ where: { id: row.id }, data: { principalSignedBy: actor, principalSignedAt: new Date() } });
    await appendAudit(tx, { jurisdictionId: row.jurisdictionId, actor, action: 'result.correction-signed', subjectType: 'InspectionResult', subjectId: row.id, payload: { contentHash: row.contentHash } });
    return ok(updated);
  });
}

/**
 * 公示: publishes a signed result, or a signed correction, for good. Its consequences (blacklist,
 * records for next year, follow-up) are written in the same transaction; a correction's replace
 * those of the version before it (correct-consequences.ts). A covert task's wait for its close
 * (covert-consequences.ts).
 */
export async function publishResult(s: Services, viewer: Viewer, resultId: string, today = chinaDate(new Date())): Promise<Result<InspectionResult, TaskProblem>> {
  const found = await resultFor(s, viewer, resultId, 'results');
  if (!found.ok) return found;
  const row = found.value;
  const [rules, team, signatures] = await Promise.all([rulesOf(s, row.drawId), teamOfResult(s, row), s.prisma.resultSignature.findMany({ where: { resultId: row.id } })]);
  const issues = publicationIssues(rules, { status: row.status, contentHash: row.contentHash, signatures, team, correction: row.supersedesId !== null, principalSignedBy: row.principalSignedBy });
  if (issues.length) return err(refusalOf(issues));
  const actor = actorOf(viewer);
  const published = await resultTransaction(s.prisma, async (tx) => {
    const moved = await tx.inspectionResult.updateMany({ where: { id: row.id, status: 'DRAFT', contentHash: row.contentHash }, data: { status: 'PUBLISHED', publishedAt: new Date(), publishedBy: actor } });
    if (moved.count !== 1) return err(problem('BAD_STATE', 'the result changed meanwhile; reload it'));
    // The original's consequences follow from its findings; a correction re-derives those of the versions before it.
    // A covert task's wait for its close (covert-consequences.ts): nothing public may change before.
    const content = contentOf(row);
    const withheld = await consequencesWithheld(tx, row.taskId);
    const corrected = !withheld && row.supersedesId ? await correctConsequences(tx, row, rules, actor, today) : undefined;
    const consequences = withheld ? [] : corrected?.consequences ?? await applyConsequences(tx, row, (standing) => consequencesOf(rules, content, standing), actor, { on: today });
    await appendAudit(tx, {
      jurisdictionId: row.jurisdictionId, actor, action: 'result.published', subjectType: 'InspectionResult', subjectId: row.id,
      payload: { uscc: row.uscc, version: row.version, contentHash: row.contentHash, signers: requiredSigners(rules, team).ids, consequences: consequences.map((c) => c.kind), ...(corrected ? { correction: corrected.payload } : {}), ...(withheld ? { consequencesWithheldUntilClose: true } : {}) } as Prisma.InputJsonObject,
    });
    return ok(await tx.inspectionResult.findUniqueOrThrow({ where: { id: row.id } }));
  });
  if (published.ok) await announceResultChange(s, row, 'result.published');
  return published;
}
