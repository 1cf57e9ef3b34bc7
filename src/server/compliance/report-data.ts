import type { Prisma } from '@prisma/client';
import { chinaDate, endOfChinaDay } from '../../core/calendar/china-date.ts';
import type { ReportFacts, ReportLateObjection } from '../../core/compliance/report-facts.ts';
import { CREDIT_LEVELS, RECORD_KINDS } from '../../core/directory/vocabulary.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import type { Handling } from '../../core/results/types.ts';
import type { Meta, Rules } from '../../core/rules/schema.ts';
import { jurisdictionDeadlines } from '../results/deadlines.ts';
import type { Services } from '../tasks/services.ts';

/** The first word of a vocabulary entry is how a clerk writes it (行政处罚, 失信). */
const label = (words: Record<string, readonly string[]>, code: string) => words[code]?.[0] ?? code;

/** A civil date's range as instants: Beijing's midnight to the next midnight after `to`. */
const beijingRange = (from: string, to: string) => ({ gte: new Date(`${from}T00:00:00+08:00`), lt: endOfChinaDay(to) });
/** A @db.Date column's range: the dates themselves. */
const dateRange = (from: string, to: string) => ({ gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) });

export interface ReportPack {
  readonly meta: Pick<Meta, 'sources'>;
  readonly rules: Rules;
}

/**
 * What the self-inspection report needs beyond the compliance rows, for a jurisdiction's year up
 * to `asOf` (Beijing dates): results published by category, corrections (更正), objections (异议)
 * filed, upheld, answered and late, and the consequences applied (处罚, 移送, 黑名单, 信用记录),
 * each with the pack's clause. Reads only; a handful of queries whatever the year's size.
 */
export async function reportData(s: Services, jurisdictionId: string, year: number, asOf: string, pack: ReportPack | null): Promise<ReportFacts> {
  const from = `${year}-01-01`;
  const to = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  const rules = pack?.rules ?? {};
  const current: Prisma.InspectionResultWhereInput = { jurisdictionId, status: 'PUBLISHED', correctedBy: null, inspectedOn: dateRange(from, to) };
  const [results, corrections, objections, blacklistings, creditChanges, records] = await Promise.all([
    s.prisma.inspectionResult.findMany({ where: current, select: { uscc: true, enterpriseName: true, category: true, handling: true }, orderBy: [{ inspectedOn: 'asc' }, { uscc: 'asc' }] }),
    s.prisma.inspectionResult.findMany({ where: { jurisdictionId, status: 'PUBLISHED', supersedesId: { not: null }, publishedAt: beijingRange(from, to) }, select: { uscc: true, enterpriseName: true, version: true, publishedAt: true, correctionReason: true }, orderBy: { publishedAt: 'asc' } }),
    s.prisma.objection.findMany({ where: { jurisdictionId, receivedOn: dateRange(from, to) }, select: { id: true, reviewedOn: true, upheld: true, answeredOn: true, result: { select: { uscc: true, enterpriseName: true } } } }),
    s.prisma.enterpriseBlacklisting.findMany({ where: { jurisdictionId, since: dateRange(from, to) }, select: { since: true, reason: true, citeDoc: true, clause: true, withdrawnOn: true, enterprise: { select: { uscc: true, name: true } } }, orderBy: { since: 'asc' } }),
    s.prisma.resultStandingChange.findMany({ where: { jurisdictionId, field: 'creditLevel', madeAt: beijingRange(from, to), OR: [{ ending: null }, { ending: { not: 'UNDONE' } }] }, select: { toValue: true, reason: true, madeAt: true, result: { select: { uscc: true, enterpriseName: true } } }, orderBy: { madeAt: 'asc' } }),
    // The records results wrote (their reference starts result:), still counted.
    s.prisma.enterpriseRecord.findMany({ where: { jurisdictionId, reference: { startsWith: 'result:' }, withdrawnOn: null, occurredOn: dateRange(from, to) }, select: { kind: true, occurredOn: true, description: true, enterprise: { select: { uscc: true, name: true } } }, orderBy: { occurredOn: 'asc' } }),
  ]);

  const categories = rules.resultCategories?.categories ?? [];
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const byCategory = [
    ...categories.filter((c) => counts.has(c.code)).map((c) => ({ code: c.code, label: c.label, count: counts.get(c.code)! })),
    // A category the pack no longer has (a result under an earlier version) is still counted, under its code.
    ...[...counts].filter(([code]) => !categories.some((c) => c.code === code)).map(([code, count]) => ({ code, label: code, count })),
  ];

  const ids = new Set(objections.map((o) => o.id));
  const byId = new Map(objections.map((o) => [o.id, o]));
  const late: ReportLateObjection[] = (await jurisdictionDeadlines(s, jurisdictionId, to))
    .filter((d) => (d.kind === 'objection-review' || d.kind === 'objection-answer') && ids.has(d.subject.id) && (d.status === 'LATE' || d.status === 'OVERDUE'))
    .map((d) => {
      const o = byId.get(d.subject.id)!;
      return { objectionId: o.id, uscc: o.result.uscc, name: o.result.enterpriseName, step: d.kind === 'objection-review' ? 'REVIEW' : 'ANSWER', due: d.due, doneOn: d.doneOn, cite: d.cite };
    });

  const handlings = results.map((r) => ({ r, h: (r.handling ?? {}) as Handling }));
  const objectionCite = rules.afterPublication?.objection?.cite ?? rules.deadlines?.find((d) => d.id === 'objection-review')?.cite ?? null;
  return {
    sources: pack?.meta.sources ?? [],
    results: { published: results.length, byCategory, cite: rules.resultCategories?.cite ?? null },
    corrections: {
      list: corrections.map((c) => ({ uscc: c.uscc, name: c.enterpriseName, version: c.version, on: chinaDate(c.publishedAt!), reason: c.correctionReason ?? '' })),
      cite: rules.afterPublication?.changeNeedsPrincipalSignature?.cite ?? objectionCite,
    },
    objections: {
      filed: objections.length,
      reviewed: objections.filter((o) => o.reviewedOn).length,
      upheld: objections.filter((o) => o.upheld === true).length,
      answered: objections.filter((o) => o.answeredOn).length,
      late,
      cite: objectionCite,
    },
    consequences: {
      penalties: handlings.flatMap(({ r, h }) => (h.penalty ? [{ uscc: r.uscc, name: r.enterpriseName, decisionNumber: h.penalty.decisionNumber, fineYuan: h.penalty.fineYuan ?? null }] : [])),
      transfers: handlings.flatMap(({ r, h }) => (h.transfer ? [{ uscc: r.uscc, name: r.enterpriseName, to: h.transfer.to, recipient: h.transfer.recipient }] : [])),
      blacklistings: blacklistings.map((b) => ({ uscc: b.enterprise.uscc, name: b.enterprise.name, since: toIsoDate(b.since), reason: b.reason, cite: b.citeDoc && b.clause ? { doc: b.citeDoc, clause: b.clause } : null, withdrawn: b.withdrawnOn !== null })),
      creditRecords: [
        ...creditChanges.map((c) => ({ uscc: c.result.uscc, name: c.result.enterpriseName, what: `信用等级调整为${label(CREDIT_LEVELS, c.toValue)}`, reason: c.reason, on: chinaDate(c.madeAt) })),
        ...records.map((r) => ({ uscc: r.enterprise.uscc, name: r.enterprise.name, what: label(RECORD_KINDS, r.kind), reason: r.description ?? '', on: toIsoDate(r.occurredOn) })),
      ],
      handlingCite: rules.afterPublication?.handling?.cite ?? null,
    },
  };
}
