import { isIsoDate, toIsoDate } from '../../core/directory/dates.ts';
import type { Objection } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { may, refusal } from '../auth/permissions.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import type { Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';
import { asDate } from './result-content.ts';
import { announceResultChange, resultFor } from './results.ts';


function dateProblem(field: string, date: string, notBefore: string, today: string): TaskProblem | undefined {
  if (!isIsoDate(date)) return problem('INVALID', `“${date}” 不是日期，应写作 YYYY-MM-DD (not a date)`, { field });
  if (date < notBefore || date > today) return problem('INVALID', `${date} 应在 ${notBefore} 与今天（${today}）之间 (must lie between ${notBefore} and today)`, { field });
  return undefined;
}

async function objectionFor(s: Services, viewer: Viewer, objectionId: string): Promise<Result<Objection, TaskProblem>> {
  const o = await s.prisma.objection.findUnique({ where: { id: objectionId } });
  if (!o || !(viewer.kind === 'token' && viewer.jurisdictionId === o.jurisdictionId)) return err(problem('NOT_FOUND', '没有这个编号的异议 (No objection has this id)'));
  if (!may(viewer, o.jurisdictionId, 'results')) return err(problem('FORBIDDEN', refusal(viewer, 'results')));
  return ok(o);
}

async function touchTask(s: Services, resultId: string, action: string) {
  await announceResultChange(s, await s.prisma.inspectionResult.findUniqueOrThrow({ where: { id: resultId }, select: { jurisdictionId: true, taskId: true } }), action);
}

/** 异议: the bureau registers an enterprise's objection to a published result on the day it was received. */
export async function fileObjection(s: Services, viewer: Viewer, input: { resultId: string; receivedOn: string; filedBy: string; grounds: string }, today = chinaDate(new Date())): Promise<Result<Objection, TaskProblem>> {
  const found = await resultFor(s, viewer, input.resultId, 'results');
  if (!found.ok) return found;
  const row = found.value;
  if (row.status !== 'PUBLISHED') return err(problem('BAD_STATE', '异议只能针对已公示的结果 (an objection is to a published result)'));
  // Published at 01:53 Beijing time on 12-02 (17:53Z on 12-01) was published on 12-02.
  const bad = dateProblem('receivedOn', input.receivedOn, chinaDate(row.publishedAt!), today);
  if (bad) return err(bad);
  if (!input.grounds.trim()) return err(problem('INVALID', '请写明异议理由 (state the grounds of the objection)', { field: 'grounds' }));
  if (!input.filedBy.trim()) return err(problem('INVALID', '请写明提出异议的企业或其代理人 (name who objects)', { field: 'filedBy' }));
  const actor = actorOf(viewer);
  const filed = await resultTransaction(s.prisma, async (tx) => {
    const o = await tx.objection.create({ data: { jurisdictionId: row.jurisdictionId, resultId: row.id, receivedOn: asDate(input.receivedOn), filedBy: input.filedBy.trim(), grounds: input.grounds.trim() } });
    await appendAudit(tx, { jurisdictionId: row.jurisdictionId, actor, action: 'objection.received', subjectType: 'Objection', subjectId: o.id, payload: { resultId: row.id, receivedOn: input.receivedOn } });
    return ok(o);
  });
  if (filed.ok) await touchTask(s, row.id, 'objection.received');
  return filed;
}

/** 复核: the review's outcome; `upheld` means the result was wrong and a correction follows. */
export async function reviewObjection(s: Services, viewer: Viewer, input: { objectionId: string; reviewedOn: string; upheld: boolean; note: string }, today = chinaDate(new Date())): Promise<Result<Objection, TaskProblem>> {
  const found = await objectionFor(s, viewer, input.objectionId);
  if (!found.ok) return found;
  const o = found.value;
  if (o.status !== 'RECEIVED') return err(problem('BAD_STATE', `该异议已处于 ${o.status === 'REVIEWED' ? '已复核' : o.status === 'ANSWERED' ? '已答复' : o.status} 状态 (the objection is already ${o.status.toLowerCase()})`));
  const bad = dateProblem('reviewedOn', input.reviewedOn, toIsoDate(o.receivedOn), today);
  if (bad) return err(bad);
  if (!input.note.trim()) return err(problem('INVALID', '请写明复核结论 (write down what the review found)', { field: 'note' }));
  const actor = actorOf(viewer);
  const reviewed = await resultTransaction(s.prisma, async (tx) => {
    const updated = await tx.objection.update({ where: { id: o.id }, data: { status: 'REVIEWED', reviewedOn: asDate(input.reviewedOn), upheld: input.upheld, reviewNote: input.note.trim() } });
    await appendAudit(tx, { jurisdictionId: o.jurisdictionId, actor, action: 'objection.reviewed', subjectType: 'Objection', subjectId: o.id, payload: { reviewedOn: input.reviewedOn, upheld: input.upheld } });
    return ok(updated);
  });
  if (reviewed.ok) await touchTask(s, o.resultId, 'objection.reviewed');
  return reviewed;
}

/** 反馈: the answer given to the enterprise. An upheld objection is answered once its correction is published. */
export async function answerObjection(s: Services, viewer: Viewer, input: { objectionId: string; answeredOn: string; answer: string }, today = chinaDate(new Date())): Promise<Result<Objection, TaskProblem>> {
  const found = await objectionFor(s, viewer, input.objectionId);
  if (!found.ok) return found;
  const o = found.value;
  if (o.status !== 'REVIEWED') return err(problem('BAD_STATE', o.status === 'RECEIVED' ? '请先复核该异议再作答复 (review the objection first)' : '该异议已答复 (the objection is already answered)'));
  if (o.upheld) {
    const correction = o.correctionId ? await s.prisma.inspectionResult.findUnique({ where: { id: o.correctionId }, select: { status: true } }) : null;
    if (correction?.status !== 'PUBLISHED') return err(problem('BAD_STATE', '复核认定结果有误：请先公示更正（correctResult，并关联此异议），再作答复 (publish its correction before answering)'));
  }
  const bad = dateProblem('answeredOn', input.answeredOn, toIsoDate(o.reviewedOn!), today);
  if (bad) return err(bad);
  if (!input.answer.trim()) return err(problem('INVALID', '请写明给企业的答复 (write the answer given to the enterprise)', { field: 'answer' }));
  const actor = actorOf(viewer);
  const answered = await resultTransaction(s.prisma, async (tx) => {
    const updated = await tx.objection.update({ where: { id: o.id }, data: { status: 'ANSWERED', answeredOn: asDate(input.answeredOn), answer: input.answer.trim() } });
    await appendAudit(tx, { jurisdictionId: o.jurisdictionId, actor, action: 'objection.answered', subjectType: 'Objection', subjectId: o.id, payload: { answeredOn: input.answeredOn } });
    return ok(updated);
  });
  if (answered.ok) await touchTask(s, o.resultId, 'objection.answered');
  return answered;
}
