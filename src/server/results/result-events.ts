import { isIsoDate, toIsoDate } from '../../core/directory/dates.ts';
import type { ResultEvent, ResultEventKind } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { followUpConcludes, followUpConsequences } from '../../core/results/consequences.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import type { Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';
import { applyConsequences } from './apply-consequences.ts';
import { consequencesWithheld } from './covert-consequences.ts';
import { drawRules } from './draw-rules.ts';
import { asDate, contentOf } from './result-content.ts';
import { announceResultChange, resultFor } from './results.ts';


const EVENT_LABEL: Record<ResultEventKind, string> = {
  REPORT_COMPLETED: '检查报告完成', FEEDBACK_SENT: '书面反馈送达', FEEDBACK_RECEIVED: '被检查对象收到反馈', OPINION_RECEIVED: '被检查对象提出意见', HANDLING_ENDED: '查处完毕', FOLLOW_UP: '复查',
};

/**
 * 顺城 第十七~二十条 chain: the report, then the feedback sent, received, then the enterprise's
 * opinion; each needs the one before it and cannot come before it (paper first, entered later:
 * the dates are the real ones, in any order of typing, but never out of order).
 */
const COMES_AFTER: Partial<Record<ResultEventKind, ResultEventKind | 'REPORT'>> = { FEEDBACK_SENT: 'REPORT', FEEDBACK_RECEIVED: 'FEEDBACK_SENT', OPINION_RECEIVED: 'FEEDBACK_RECEIVED' };

function orderProblem(kind: ResultEventKind, on: string, recorded: ReadonlyMap<ResultEventKind, string>, report: string | null): TaskProblem | undefined {
  const after = COMES_AFTER[kind];
  const later = (Object.entries(COMES_AFTER) as [ResultEventKind, ResultEventKind | 'REPORT'][]).find(([k, before]) => (before === kind || (before === 'REPORT' && kind === 'REPORT_COMPLETED')) && recorded.has(k));
  if (later && recorded.get(later[0])! < on) return problem('INVALID', `${EVENT_LABEL[kind]}（${on}）不能晚于已登记的${EVENT_LABEL[later[0]]}（${recorded.get(later[0])}）`, { field: 'occurredOn' });
  if (!after) return undefined;
  const before = after === 'REPORT' ? report : recorded.get(after) ?? null;
  const label = after === 'REPORT' ? EVENT_LABEL.REPORT_COMPLETED : EVENT_LABEL[after];
  if (!before) return problem('BAD_STATE', `请先登记${label}的日期，再登记${EVENT_LABEL[kind]}`);
  if (on < before) return problem('INVALID', `${EVENT_LABEL[kind]}（${on}）不能早于${label}（${before}）`, { field: 'occurredOn' });
  return undefined;
}

/** The report's date: as recorded (REPORT_COMPLETED), else the day the team's last signature made it complete. */
async function reportDate(s: Services, row: { id: string; drawId: string; uscc: string; contentHash: string }): Promise<string | null> {
  const recorded = await s.prisma.resultEvent.findFirst({ where: { kind: 'REPORT_COMPLETED', result: { drawId: row.drawId, uscc: row.uscc } }, select: { occurredOn: true } });
  if (recorded) return toIsoDate(recorded.occurredOn);
  const last = await s.prisma.resultSignature.findFirst({ where: { resultId: row.id, contentHash: row.contentHash }, orderBy: { signedAt: 'desc' }, select: { signedAt: true } });
  return last ? chinaDate(last.signedAt) : null;
}

export interface ResultEventInput {
  readonly resultId: string;
  readonly kind: ResultEventKind;
  readonly occurredOn: string;
  /** FOLLOW_UP only: were the hazards rectified? */
  readonly rectified?: boolean | null | undefined;
  readonly note?: string | null | undefined;
}

/**
 * Records what happened after an inspection, for the deadlines that run from it: the feedback
 * sent and received, the enterprise's opinion (顺城 第十八~二十条), the end of handling (黑龙江
 * 二(七)), and the follow-up (复查) of a rectification order, which blacklists a major hazard still
 * unrectified after the rectification period where the pack says so (攀枝花 三(六) 逾期不整改). A
 * follow-up on or before the due date that finds it not yet rectified is recorded without
 * consequence (the visit happened; the period still runs) and a later follow-up may follow.
 */
export async function recordResultEvent(s: Services, viewer: Viewer, input: ResultEventInput, today = chinaDate(new Date())): Promise<Result<ResultEvent, TaskProblem>> {
  const found = await resultFor(s, viewer, input.resultId, 'results');
  if (!found.ok) return found;
  const row = found.value;
  const inspectedOn = toIsoDate(row.inspectedOn);
  if (!isIsoDate(input.occurredOn)) return err(problem('INVALID', `"${input.occurredOn}" 不是日期（YYYY-MM-DD）`, { field: 'occurredOn' }));
  if (input.occurredOn < inspectedOn || input.occurredOn > today) return err(problem('INVALID', `日期应在检查日（${inspectedOn}）与今天（${today}）之间`, { field: 'occurredOn' }));
  const content = contentOf(row);
  const due = content.handling.rectificationDue;
  if (input.kind === 'FOLLOW_UP') {
    if (row.status !== 'PUBLISHED' || !due) return err(problem('BAD_STATE', '复查只对已公示且责令整改的结果登记 (a follow-up is recorded for a published result with a rectification order)'));
    if (input.rectified === null || input.rectified === undefined) return err(problem('INVALID', '请说明隐患是否已整改', { field: 'rectified' }));
    // Its consequences follow the version in force: a corrected version no longer is.
    const later = await s.prisma.inspectionResult.findFirst({ where: { drawId: row.drawId, uscc: row.uscc, status: 'PUBLISHED', version: { gt: row.version } }, select: { version: true } });
    if (later) return err(problem('BAD_STATE', `该结果已更正为第 ${later.version} 版，请在现行版本上登记复查 (record the follow-up on the current version)`, { field: 'result' }));
  }
  // What happened to this enterprise's inspection, whichever version of its result it was recorded on.
  const events = await s.prisma.resultEvent.findMany({ where: { result: { drawId: row.drawId, uscc: row.uscc } }, select: { kind: true, occurredOn: true, rectified: true }, orderBy: { occurredOn: 'asc' } });
  const happened = new Map(events.map((e) => [e.kind, toIsoDate(e.occurredOn)] as const).reverse());
  if (input.kind === 'FOLLOW_UP') {
    // A follow-up within the rectification period that found the hazards not yet rectified decides
    // nothing (攀枝花 三(六): 逾期未整改): another follows, later; one that concluded is the last.
    const followUps = events.filter((e) => e.kind === 'FOLLOW_UP').map((e) => ({ on: toIsoDate(e.occurredOn), rectified: e.rectified ?? false }));
    const concluded = followUps.find((f) => followUpConcludes(f, due));
    if (concluded) return err(problem('CONFLICT', `复查已于 ${concluded.on} 登记${concluded.rectified ? '（已整改）' : '（逾期未整改）'}`, { field: 'kind' }));
    const last = followUps.at(-1);
    if (last && input.occurredOn <= last.on) return err(problem('INVALID', `复查（${input.occurredOn}）应晚于已登记的复查（${last.on}，整改期限内未整改）`, { field: 'occurredOn' }));
  } else {
    const earlier = happened.get(input.kind);
    if (earlier) return err(problem('CONFLICT', `${EVENT_LABEL[input.kind]}已于 ${earlier} 登记`, { field: 'kind' }));
  }
  const outOfOrder = orderProblem(input.kind, input.occurredOn, happened, await reportDate(s, row));
  if (outOfOrder) return err(outOfOrder);
  const actor = actorOf(viewer);
  const rules = await drawRules(s.prisma, row.drawId);
  if (!rules) throw new Error(`draw ${row.drawId} of a result is missing`);
  const recorded = await resultTransaction(s.prisma, async (tx) => {
    const event = await tx.resultEvent.create({ data: { resultId: row.id, kind: input.kind, occurredOn: asDate(input.occurredOn), rectified: input.rectified ?? null, note: input.note?.trim() || null, actor } });
    const followUp = { on: input.occurredOn, rectified: input.rectified ?? false };
    // A covert task's follow-up is judged at its close with the rest (covert-consequences.ts).
    const withheld = input.kind === 'FOLLOW_UP' && (await consequencesWithheld(tx, row.taskId));
    const consequences = input.kind === 'FOLLOW_UP' && !withheld
      ? await applyConsequences(tx, row, (standing) => followUpConsequences(rules, followUp, content, standing), actor, { on: input.occurredOn, eventId: event.id })
      : [];
    // Within the period and not yet rectified: on record, no consequence, and the audit says why.
    const withinPeriod = input.kind === 'FOLLOW_UP' && !followUpConcludes(followUp, due) ? { withinRectificationPeriod: due! } : {};
    await appendAudit(tx, { jurisdictionId: row.jurisdictionId, actor, action: `result.${input.kind.toLowerCase().replace('_', '-')}`, subjectType: 'InspectionResult', subjectId: row.id, payload: { occurredOn: input.occurredOn, rectified: input.rectified ?? null, consequences: consequences.map((c) => c.kind), ...withinPeriod, ...(withheld ? { consequencesWithheldUntilClose: true } : {}) } });
    return ok(event);
  });
  if (recorded.ok) await announceResultChange(s, row, `result.${input.kind.toLowerCase()}`);
  return recorded;
}
