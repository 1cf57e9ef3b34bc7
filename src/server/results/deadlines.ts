import { toIsoDate } from '../../core/directory/dates.ts';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { groupBy } from '../../core/group-by.ts';
import { followUpConcludes } from '../../core/results/consequences.ts';
import { taskDeadlines, type ScheduledDeadline, type ScheduleFacts } from '../../core/results/deadlines.ts';
import type { Handling } from '../../core/results/types.ts';
import { jurisdictionCalendar } from '../calendar/jurisdiction-calendar.ts';
import { rulesOfDraw } from '../draws/draw-export.ts';
import type { Services } from '../tasks/services.ts';

const dayOf = (d: Date | null | undefined) => (d ? chinaDate(d) : null);

export interface TaskDeadline extends ScheduledDeadline {
  readonly taskId: string;
}

/**
 * Every deadline of a jurisdiction's drawn tasks as of `today`, soonest first, each under the
 * pack its draw was held with and the jurisdiction's working-day calendar. Seven queries whatever
 * the number of tasks, the picks with their names and the results' signatures, events and
 * objections each joined by draw in the database (lists of thousands of ids bound as parameters
 * cost more than the rows: ~160 ms of ~400 at 5,000 picks on PGlite).
 */
export async function jurisdictionDeadlines(s: Services, jurisdictionId: string, today = chinaDate(new Date())): Promise<TaskDeadline[]> {
  const tasks = await s.prisma.inspectionTask.findMany({
    where: { jurisdictionId, status: { in: ['DRAWN', 'DISPATCHED', 'ANNOUNCED', 'INSPECTING', 'CLOSED'] } },
    select: { id: true, title: true, status: true, inspectionDate: true, covert: true, announcedOn: true, closedOn: true, draw: { select: { id: true, pack: true } } },
  });
  const drawIds = tasks.flatMap((t) => (t.draw ? [t.draw.id] : []));
  const [picks, resultRows, signatures, events, objections, calendar] = await Promise.all([
    s.prisma.$queryRaw<{ drawId: string; uscc: string; name: string | null }[]>`
      SELECT p.draw_id AS "drawId", p.uscc, e.name FROM draw_pick p LEFT JOIN enterprise e ON e.id = p.enterprise_id
      WHERE p.draw_id = ANY(${drawIds}::text[]) ORDER BY p.draw_id, p."order"`,
    s.prisma.inspectionResult.findMany({
      where: { drawId: { in: drawIds } },
      orderBy: { version: 'asc' },
      select: { id: true, drawId: true, uscc: true, enterpriseName: true, version: true, inspectedOn: true, enteredAt: true, publishedAt: true, handling: true, contentHash: true },
    }),
    s.prisma.$queryRaw<{ resultId: string; contentHash: string; signedAt: Date }[]>`
      SELECT s.result_id AS "resultId", s.content_hash AS "contentHash", s.signed_at AS "signedAt" FROM result_signature s JOIN inspection_result r ON r.id = s.result_id WHERE r.draw_id = ANY(${drawIds}::text[])`,
    s.prisma.$queryRaw<{ resultId: string; kind: string; occurredOn: Date; rectified: boolean | null }[]>`
      SELECT v.result_id AS "resultId", v.kind::text AS kind, v.occurred_on AS "occurredOn", v.rectified FROM result_event v JOIN inspection_result r ON r.id = v.result_id WHERE r.draw_id = ANY(${drawIds}::text[])`,
    s.prisma.$queryRaw<{ resultId: string; id: string; receivedOn: Date; reviewedOn: Date | null; answeredOn: Date | null }[]>`
      SELECT o.result_id AS "resultId", o.id, o.received_on AS "receivedOn", o.reviewed_on AS "reviewedOn", o.answered_on AS "answeredOn" FROM objection o JOIN inspection_result r ON r.id = o.result_id WHERE r.draw_id = ANY(${drawIds}::text[])`,
    jurisdictionCalendar(s.prisma, jurisdictionId),
  ]);
  const signaturesOf = groupBy(signatures, (x) => x.resultId);
  const eventsOf = groupBy(events, (x) => x.resultId);
  const objectionsOf = groupBy(objections, (x) => x.resultId);
  const results = resultRows.map((r) => ({ ...r, signatures: signaturesOf.get(r.id) ?? [], events: eventsOf.get(r.id) ?? [], objections: objectionsOf.get(r.id) ?? [] }));

  // Grouped once (by draw, then by enterprise), not filtered per task and per pick: a year of
  // 20 tasks of 250 picks was quadratic here. Each group keeps the query's order.
  const picksOf = groupBy(picks, (p) => p.drawId);
  const resultsOf = groupBy(results, (r) => r.drawId);
  const out: TaskDeadline[] = [];
  for (const task of tasks) {
    if (!task.draw) continue;
    const rules = rulesOfDraw(task.draw);
    const mine = resultsOf.get(task.draw.id) ?? [];
    const versionsOf = groupBy(mine, (r) => r.uscc);
    const facts: ScheduleFacts = {
      task: { id: task.id, title: task.title, inspectionDate: toIsoDate(task.inspectionDate), covert: task.covert, announcedOn: task.announcedOn ? toIsoDate(task.announcedOn) : null, closedOn: task.closedOn ? toIsoDate(task.closedOn) : null, reachedInspection: task.status === 'INSPECTING' || task.status === 'CLOSED' },
      picks: (picksOf.get(task.draw.id) ?? []).map((p) => {
        // The original (version 1) carries the dates the deadlines run on; a correction does not restart them.
        const versions = versionsOf.get(p.uscc) ?? [];
        const original = versions[0];
        // What happened after the inspection, whichever version it was recorded on: the earliest of each kind.
        const event = (kind: string) => versions.flatMap((v) => v.events.filter((e) => e.kind === kind).map((e) => e.occurredOn)).sort((a, b) => a.getTime() - b.getTime())[0];
        const handling = (original?.handling ?? {}) as Handling;
        // 期满复查 is done by a follow-up that concluded, not by a visit within the period that found the hazard not yet rectified.
        const followUpOn = versions.flatMap((v) => v.events.filter((e) => e.kind === 'FOLLOW_UP' && followUpConcludes({ on: toIsoDate(e.occurredOn), rectified: e.rectified ?? false }, handling.rectificationDue)).map((e) => e.occurredOn)).sort((a, b) => a.getTime() - b.getTime())[0];
        const signedOn = original ? original.signatures.filter((x) => x.contentHash === original.contentHash).map((x) => x.signedAt).sort((a, b) => a.getTime() - b.getTime()).at(-1) : undefined;
        // 查处完毕 (黑龙江 二(七)) as recorded; else nothing to handle ends it at the inspection, a
        // rectification order at its follow-up, and a penalty or transfer only when recorded.
        const handlingEnded = event('HANDLING_ENDED') ?? (handling.penalty || handling.transfer ? undefined : handling.rectificationDue ? followUpOn : original?.inspectedOn);
        return {
          uscc: p.uscc,
          name: p.name || original?.enterpriseName || p.uscc,
          result: original
            ? {
                id: original.id, inspectedOn: toIsoDate(original.inspectedOn), enteredOn: chinaDate(original.enteredAt),
                signedOn: original.publishedAt || signedOn ? dayOf(signedOn ?? original.publishedAt) : null,
                reportCompletedOn: dayOf(event('REPORT_COMPLETED')),
                feedbackSentOn: dayOf(event('FEEDBACK_SENT')), feedbackReceivedOn: dayOf(event('FEEDBACK_RECEIVED')), opinionOn: dayOf(event('OPINION_RECEIVED')),
                handlingEndedOn: dayOf(handlingEnded),
                publishedOn: dayOf(original.publishedAt), rectificationDue: handling.rectificationDue ?? null, followUpOn: dayOf(followUpOn),
              }
            : null,
        };
      }),
      objections: mine.flatMap((r) => r.objections.map((o) => ({ id: o.id, uscc: r.uscc, receivedOn: toIsoDate(o.receivedOn), reviewedOn: o.reviewedOn ? toIsoDate(o.reviewedOn) : null, answeredOn: o.answeredOn ? toIsoDate(o.answeredOn) : null }))),
    };
    for (const d of taskDeadlines(rules, calendar, facts, today)) out.push({ ...d, taskId: task.id });
  }
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.kind.localeCompare(b.kind));
}
