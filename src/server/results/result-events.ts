import { isIsoDate, toIsoDate } from '../../core/directory/dates.ts';
import type { ResultEvent, ResultEventKind } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { followUpConsequences } from '../../core/results/consequences.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import type { Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';
import { applyConsequences } from './apply-consequences.ts';
import { drawRules } from './draw-rules.ts';
import { asDate, contentOf } from './result-content.ts';
import { announceResultChange, resultFor } from './results.ts';


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
 * 二(七)), and the follow-up (复查) of a rectification order, which blacklists an unrectified major
 * hazard where the pack says so (攀枝花 三(六)).
 */
export async function recordResultEvent(s: Services, viewer: Viewer, input: ResultEventInput, today = chinaDate(new Date())): Promise<Result<ResultEvent, TaskProblem>> {
  const found = await resultFor(s, viewer, input.resultId, 'results');
  if (!found.ok) return found;
  const row = found.value;
  const inspectedOn = toIsoDate(row.inspectedOn);
  if (!isIsoDate(input.occurredOn)) return err(problem('INVALID', `"${input.occurredOn}" is not a date (YYYY-MM-DD)`, { field: 'occurredOn' }));
  if (input.occurredOn < inspectedOn || input.occurredOn > today) return err(problem('INVALID', `the date must lie between the inspection (${inspectedOn}) and today (${today})`, { field: 'occurredOn' }));
  const content = contentOf(row);
  if (input.kind === 'FOLLOW_UP') {
    if (row.status !== 'PUBLISHED' || !content.handling.rectificationDue) return err(problem('BAD_STATE', 'a follow-up (复查) is recorded for a published result with a rectification order'));
    if (input.rectified === null || input.rectified === undefined) return err(problem('INVALID', 'say whether the hazards were rectified', { field: 'rectified' }));
  }
  const earlier = await s.prisma.resultEvent.findFirst({ where: { resultId: row.id, kind: input.kind } });
  if (earlier) return err(problem('CONFLICT', `${input.kind} is already recorded for this result (on ${toIsoDate(earlier.occurredOn)})`, { field: 'kind' }));
  const actor = actorOf(viewer);
  const rules = await drawRules(s.prisma, row.drawId);
  if (!rules) throw new Error(`draw ${row.drawId} of a result is missing`);
  const recorded = await resultTransaction(s.prisma, async (tx) => {
    const event = await tx.resultEvent.create({ data: { resultId: row.id, kind: input.kind, occurredOn: asDate(input.occurredOn), rectified: input.rectified ?? null, note: input.note?.trim() || null, actor } });
    const consequences = input.kind === 'FOLLOW_UP'
      ? await applyConsequences(tx, row, (standing) => followUpConsequences(rules, input.rectified!, content.hazards.some((h) => h.major), standing), actor)
      : [];
    await appendAudit(tx, { jurisdictionId: row.jurisdictionId, actor, action: `result.${input.kind.toLowerCase().replace('_', '-')}`, subjectType: 'InspectionResult', subjectId: row.id, payload: { occurredOn: input.occurredOn, rectified: input.rectified ?? null, consequences: consequences.map((c) => c.kind) } });
    return ok(event);
  });
  if (recorded.ok) await announceResultChange(s, row, `result.${input.kind.toLowerCase()}`);
  return recorded;
}
