import type { Prisma, PrismaClient } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import type { Citation, Rules } from '../../core/rules/schema.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { addDays } from '../../core/calendar/china-date.ts';

/** Where the periodic review of the inspector directory (执法检查人员名录库核查) stands. */
export interface InspectorDirectoryReview {
  /** The day of the last recorded review; null when none has been recorded. */
  readonly lastReviewedOn: string | null;
  /** The day the period runs from: the last review, or the day the directory got its first inspector. */
  readonly since: string;
  readonly dueBy: string;
  readonly status: 'OK' | 'DUE_SOON' | 'OVERDUE';
  readonly reviewEveryMonths: number;
  /** Active inspectors whose enforcement certificate has run out (what a review would catch). */
  readonly expiredCertificates: number;
  readonly cite: Citation;
}

export const REVIEW_ACTION = 'inspectors.reviewed';
/** How long before the due day a review shows as due soon. */
const DUE_SOON_DAYS = 30;

/** A civil date n months on (clamped to the month's last day: 01-31 + 1 month = 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}


/**
 * The review's standing as of a day (Beijing date), when the pack asks for one
 * (`inspectorDirectory.reviewEveryMonths`); undefined when it does not, or the directory is empty.
 */
export async function inspectorDirectoryReview(prisma: PrismaClient, jurisdictionId: string, rules: Rules | undefined, today = chinaDate(new Date())): Promise<InspectorDirectoryReview | undefined> {
  const every = rules?.inspectorDirectory?.reviewEveryMonths;
  if (!every) return undefined;
  const [last, first, expiredCertificates] = await Promise.all([
    prisma.auditEntry.findFirst({ where: { jurisdictionId, action: REVIEW_ACTION }, orderBy: { seq: 'desc' }, select: { payload: true } }),
    prisma.inspector.findFirst({ where: { jurisdictionId }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    prisma.inspector.count({ where: { jurisdictionId, active: true, certificateValidUntil: { lt: new Date(`${today}T00:00:00Z`) } } }),
  ]);
  if (!first) return undefined;
  const lastReviewedOn = last ? String((last.payload as { reviewedOn: string }).reviewedOn) : null;
  const since = lastReviewedOn ?? chinaDate(first.createdAt);
  const dueBy = addMonths(since, every);
  const status = today > dueBy ? 'OVERDUE' : addDays(today, DUE_SOON_DAYS) >= dueBy ? 'DUE_SOON' : 'OK';
  return { lastReviewedOn, since, dueBy, status, reviewEveryMonths: every, expiredCertificates, cite: rules!.inspectorDirectory!.cite };
}

/**
 * Records that the directory was reviewed today (its certificates and posts checked), on the
 * audit trail with what was in it then; the next review falls due from today.
 */
export async function recordInspectorDirectoryReview(prisma: PrismaClient, jurisdictionId: string, actor: string, note: string | null, today = chinaDate(new Date())): Promise<void> {
  await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const [active, expired] = await Promise.all([
      tx.inspector.count({ where: { jurisdictionId, active: true } }),
      tx.inspector.count({ where: { jurisdictionId, active: true, certificateValidUntil: { lt: new Date(`${today}T00:00:00Z`) } } }),
    ]);
    await appendAudit(tx, { jurisdictionId, actor, action: REVIEW_ACTION, subjectType: 'Jurisdiction', subjectId: jurisdictionId, payload: { reviewedOn: today, activeInspectors: active, expiredCertificates: expired, note } });
  });
}
