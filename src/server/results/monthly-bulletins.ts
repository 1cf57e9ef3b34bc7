import { createHash } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { canonicalJson } from '../../core/canonical-json.ts';
import { CREDIT_LEVELS, RISK_LEVELS } from '../../core/directory/vocabulary.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import { bulletinDueOn, daysLate, isMonth, monthAfter, monthBefore, monthIsOver, monthsOwed, type BulletinContent, type BulletinEvent, type BulletinResult, type Month } from '../../core/publication/monthly-bulletin.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { jurisdictionCalendar } from '../calendar/jurisdiction-calendar.ts';
import { PUBLISHED_RESULTS, publishedResults, type PublicResult } from '../portal/portal-data.ts';
import { handlingText } from '../portal/portal-pages.ts';
import type { Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';

/** A monthly bulletin as issued: never changed afterwards (the table's trigger refuses it). */
export interface PeriodicBulletin {
  readonly id: string;
  readonly jurisdictionId: string;
  readonly month: Month;
  readonly dueOn: string;
  readonly issuedOn: string;
  readonly issuedAt: Date;
  /** Calendar days after the due day; above 0 it is shown 逾期发布. */
  readonly daysLate: number;
  readonly issuedBy: string;
  readonly packKey: string;
  readonly content: BulletinContent;
  readonly contentHash: string;
}

const EVENT_LABEL: Record<string, string> = {
  FEEDBACK_SENT: '书面反馈送达被检查对象', FEEDBACK_RECEIVED: '被检查对象收到反馈', OPINION_RECEIVED: '被检查对象提出意见', HANDLING_ENDED: '查处完毕', FOLLOW_UP: '复查',
};

const SELECT = `SELECT id, jurisdiction_id AS "jurisdictionId", month, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
  issued_at AS "issuedAt", days_late AS "daysLate", issued_by AS "issuedBy", pack_key AS "packKey", content, content_hash AS "contentHash" FROM periodic_bulletin`;

const parsed = (row: PeriodicBulletin): PeriodicBulletin => ({ ...row, content: typeof row.content === 'string' ? (JSON.parse(row.content) as BulletinContent) : row.content, issuedAt: new Date(row.issuedAt) });

/** A jurisdiction's bulletins, newest month first. */
export async function bulletinsOf(prisma: PrismaClient, jurisdictionId: string): Promise<PeriodicBulletin[]> {
  return (await prisma.$queryRawUnsafe<PeriodicBulletin[]>(`${SELECT} WHERE jurisdiction_id = $1 ORDER BY month DESC`, jurisdictionId)).map(parsed);
}

export async function bulletinOf(prisma: PrismaClient, jurisdictionId: string, month: Month): Promise<PeriodicBulletin | undefined> {
  const [row] = await prisma.$queryRawUnsafe<PeriodicBulletin[]>(`${SELECT} WHERE jurisdiction_id = $1 AND month = $2`, jurisdictionId, month);
  return row ? parsed(row) : undefined;
}

/** The periodic publication rule of a jurisdiction's pack (顺城 第二十一条), and the pack's key; undefined for packs without one. */
export function periodicRule(s: Pick<Services, 'packs'>, j: { readonly rulePackId: string | null; readonly rulePackVersion: string | null }) {
  const pack = j.rulePackId ? s.packs.get(j.rulePackId, j.rulePackVersion ?? undefined) : undefined;
  const rule = pack?.rules.periodicPublication;
  if (!pack || !rule) return undefined;
  const source = pack.meta.sources.find((x) => x.id === rule.cite.doc);
  return { rule, packKey: `${pack.meta.id}@${pack.meta.version}`, document: source ? `${source.number ?? ''}《${source.title}》` : null };
}

/** The instants a Beijing month runs between, and its first and next month's first days. */
function monthBounds(month: Month) {
  const next = monthAfter(month);
  const nextMonth = `${next.year}-${String(next.month).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${nextMonth}-01T00:00:00+08:00`), firstDay: new Date(`${month}-01T00:00:00Z`), nextFirstDay: new Date(`${nextMonth}-01T00:00:00Z`) };
}

const asBulletinResult = (r: PublicResult): BulletinResult => ({
  resultId: r.id, enterpriseName: r.enterpriseName, uscc: r.uscc, taskTitle: r.taskTitle, inspectedOn: r.inspectedOn, publishedOn: chinaDate(r.publishedAt), version: r.version,
  categoryLabel: r.categoryLabel, majorHazards: r.hazards.filter((h) => h.major).length, handling: handlingText(r),
});

const standingText = (field: string, from: string, to: string, reason: string) => {
  const label = (v: string) => (RISK_LEVELS as Record<string, readonly string[]>)[v]?.[0] ?? (CREDIT_LEVELS as Record<string, readonly string[]>)[v]?.[0] ?? v;
  if (field === 'blacklisted') return to === 'true' ? `列入黑名单（${reason}）` : `移出黑名单（${reason}）`;
  if (field === 'riskLevel') return `风险等级 ${label(from)} → ${label(to)}（${reason}）`;
  if (field === 'creditLevel') return `信用等级 ${label(from)} → ${label(to)}（${reason}）`;
  return `${field} ${from} → ${to}（${reason}）`;
};

/**
 * What a month's bulletin says, from what the public can read (PUBLISHED_RESULTS): the results
 * published in the month (Beijing time), the feedback, opinions and handling dated in it, the
 * penalties and transfers among those results, and what the results changed in the enterprises'
 * standing (how they were used). A covert task's result published while its inspection ran is
 * not public yet, so not in the bulletin either.
 */
export async function bulletinContent(prisma: PrismaClient, j: { readonly id: string; readonly code: string; readonly name: string }, month: Month, basis: BulletinContent['basis']): Promise<BulletinContent> {
  const { from, to, firstDay, nextFirstDay } = monthBounds(month);
  const publicOf = { AND: [PUBLISHED_RESULTS, { jurisdictionId: j.id }] };
  const [results, events, changes] = await Promise.all([
    publishedResults(prisma, { jurisdictionId: j.id, publishedAt: { gte: from, lt: to } }, 100_000),
    prisma.resultEvent.findMany({
      where: { kind: { in: ['FEEDBACK_SENT', 'FEEDBACK_RECEIVED', 'OPINION_RECEIVED', 'HANDLING_ENDED', 'FOLLOW_UP'] }, occurredOn: { gte: firstDay, lt: nextFirstDay }, result: publicOf },
      orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
      select: { resultId: true, kind: true, occurredOn: true, note: true, rectified: true, result: { select: { enterpriseName: true, uscc: true } } },
    }),
    prisma.resultStandingChange.findMany({
      where: { jurisdictionId: j.id, madeAt: { gte: from, lt: to }, result: publicOf },
      orderBy: { madeAt: 'asc' },
      select: { resultId: true, field: true, fromValue: true, toValue: true, reason: true, madeAt: true, result: { select: { enterpriseName: true, uscc: true } } },
    }),
  ]);
  const chronological = [...results].reverse();
  const event = (e: (typeof events)[number]): BulletinEvent => ({
    resultId: e.resultId, enterpriseName: e.result.enterpriseName, uscc: e.result.uscc, kind: e.kind, occurredOn: toIsoDate(e.occurredOn), note: e.note,
    label: e.kind === 'FOLLOW_UP' ? `复查（${e.rectified ? '已整改' : '未整改'}）` : EVENT_LABEL[e.kind]!,
  });
  return {
    month, jurisdiction: { code: j.code, name: j.name }, basis,
    results: chronological.map(asBulletinResult),
    feedback: events.filter((e) => e.kind === 'FEEDBACK_SENT' || e.kind === 'FEEDBACK_RECEIVED').map(event),
    opinions: events.filter((e) => e.kind === 'OPINION_RECEIVED').map(event),
    penalties: chronological.filter((r) => r.handling.penalty).map(asBulletinResult),
    transfers: chronological.filter((r) => r.handling.transfer).map(asBulletinResult),
    handling: events.filter((e) => e.kind === 'HANDLING_ENDED' || e.kind === 'FOLLOW_UP').map(event),
    uses: changes.map((c) => ({ resultId: c.resultId, enterpriseName: c.result.enterpriseName, uscc: c.result.uscc, what: standingText(c.field, c.fromValue, c.toValue, c.reason), on: chinaDate(c.madeAt) })),
  };
}

export interface IssueRequest {
  readonly jurisdictionId: string;
  readonly month: Month;
  /** Who issues it: `scheduler`, or the actor of the admin who issued it by hand. */
  readonly issuedBy: string;
}

/**
 * Issues a month's bulletin once its month is over, from what was published; late when issued
 * after the due working day (days_late). Two instances issuing at once issue it once: the unique
 * (jurisdiction, month) key lets one insert win and the other read the winner (`created: false`).
 */
export async function issueBulletin(s: Services, request: IssueRequest): Promise<Result<{ readonly bulletin: PeriodicBulletin; readonly created: boolean }, TaskProblem>> {
  if (!isMonth(request.month)) return err(problem('INVALID', `“${request.month}”不是月份，应写作 YYYY-MM（如 2026-11）`, { field: 'month' }));
  const j = await s.prisma.jurisdiction.findUnique({ where: { id: request.jurisdictionId }, select: { id: true, code: true, name: true, rulePackId: true, rulePackVersion: true } });
  if (!j) return err(problem('NOT_FOUND', '没有该辖区 (no such jurisdiction)'));
  const periodic = periodicRule(s, j);
  if (!periodic) return err(problem('BAD_STATE', `${j.name} 的规则包未规定定期公开（每月公开上月结果），不发布月度公告 (the pack asks for no periodic publication)`, { field: 'jurisdiction' }));
  const now = (s.now ?? (() => new Date()))();
  const today = chinaDate(now);
  if (!monthIsOver(request.month, today)) return err(problem('BAD_STATE', `${request.month} 尚未结束：月度公告在次月发布（今天是 ${today}） (the month is not over)`, { field: 'month', cite: periodic.rule.cite }));
  const existing = await bulletinOf(s.prisma, j.id, request.month);
  if (existing) return ok({ bulletin: existing, created: false });
  const due = bulletinDueOn(await jurisdictionCalendar(s.prisma, j.id), request.month, periodic.rule.withinWorkingDays);
  const content = await bulletinContent(s.prisma, j, request.month, { document: periodic.document, clause: periodic.rule.cite.clause, withinWorkingDays: periodic.rule.withinWorkingDays });
  const contentHash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  const late = daysLate(due.date, today);
  const created = await s.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO periodic_bulletin (jurisdiction_id, month, due_on, issued_on, issued_at, days_late, issued_by, pack_key, content, content_hash)
      VALUES (${j.id}, ${request.month}, ${due.date}::date, ${today}::date, ${now}, ${late}, ${request.issuedBy}, ${periodic.packKey}, ${JSON.stringify(content)}::jsonb, ${contentHash})
      ON CONFLICT (jurisdiction_id, month) DO NOTHING RETURNING id`;
    if (!row) return false;
    await appendAudit(tx, {
      jurisdictionId: j.id, actor: request.issuedBy, action: 'bulletin.issued', subjectType: 'PeriodicBulletin', subjectId: row.id,
      payload: { month: request.month, dueOn: due.date, issuedOn: today, daysLate: late, contentHash, results: content.results.length },
    }, now);
    return true;
  });
  const bulletin = (await bulletinOf(s.prisma, j.id, request.month))!;
  // A new bulletin is on the portal's list and feed: every instance drops the pages it keeps.
  if (created) s.events.pubsub.publish('portal', { jurisdictionId: j.id, action: 'bulletin.issued' });
  return ok({ bulletin, created });
}

/**
 * One tick of the bulletin scheduler: for every jurisdiction whose pack publishes monthly, each
 * month's bulletin once its due working day has come (Beijing time, the jurisdiction's calendar),
 * if none was issued yet: on the due day, or at the first tick after it (逾期发布, days late).
 * A month missed entirely (the server was down) is issued at the next tick too, oldest first,
 * back to the month the jurisdiction came under its pack (at most BULLETIN_CATCH_UP_MONTHS).
 */
export async function bulletinTick(s: Services): Promise<PeriodicBulletin[]> {
  const today = chinaDate((s.now ?? (() => new Date()))());
  const lastMonth = monthBefore(today);
  const jurisdictions = await s.prisma.jurisdiction.findMany({ where: { rulePackId: { not: null } }, select: { id: true, rulePackId: true, rulePackVersion: true, createdAt: true } });
  const issued: PeriodicBulletin[] = [];
  for (const j of jurisdictions) {
    const periodic = periodicRule(s, j);
    if (!periodic) continue;
    // Months only: every tick reads this for every jurisdiction, never the bulletins' content.
    const have = new Set((await s.prisma.$queryRawUnsafe<{ month: Month }[]>(`SELECT month FROM periodic_bulletin WHERE jurisdiction_id = $1`, j.id)).map((b) => b.month));
    const owed = monthsOwed(await underPackSince(s, j), lastMonth).filter((m) => !have.has(m));
    if (owed.length === 0) continue;
    const calendar = await jurisdictionCalendar(s.prisma, j.id);
    for (const month of owed) {
      if (today < bulletinDueOn(calendar, month, periodic.rule.withinWorkingDays).date) continue;
      const r = await issueBulletin(s, { jurisdictionId: j.id, month, issuedBy: 'scheduler' });
      if (r.ok && r.value.created) issued.push(r.value.bulletin);
      else if (!r.ok) console.error(`bulletin ${month} of jurisdiction ${j.id} not issued: ${r.error.message}`);
    }
  }
  return issued;
}

/** The month a jurisdiction came under its current pack (any version): its last switch to it from another, else its creation. */
async function underPackSince(s: Services, j: { readonly id: string; readonly rulePackId: string | null; readonly createdAt: Date }): Promise<Month> {
  const switched = await s.prisma.rulePackSwitch.findFirst({ where: { jurisdictionId: j.id, toPack: { startsWith: `${j.rulePackId}@` }, OR: [{ fromPack: null }, { NOT: { fromPack: { startsWith: `${j.rulePackId}@` } } }] }, orderBy: { switchedAt: 'desc' }, select: { switchedAt: true } });
  return chinaDate(switched?.switchedAt ?? j.createdAt).slice(0, 7);
}

/** Ticks now and every `everyMs` (default 10 minutes) until stopped; a failed tick is logged and retried at the next. */
export function startBulletinScheduler(s: Services, everyMs = 10 * 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => bulletinTick(s)).catch((error: unknown) => console.error('bulletin tick failed', error));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
