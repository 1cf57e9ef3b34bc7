import type { ObjectionStatus, PrismaClient } from '@prisma/client';
import { toIsoDate } from '../../core/directory/dates.ts';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { categoryLabel } from '../results/draw-rules.ts';
import { noticePath, verificationPath } from './enterprise-urls.ts';
import { PUBLISHED_RESULTS, PUBLISHED_TASKS } from './portal-data.ts';
import { authorityOf, NAMING_SELECT, NOTICE_FIELDS, taskNoticeNumber } from './notice-number.ts';

/** An objection's status as the public reads it; who filed it and why is not shown. */
export const OBJECTION_STATUS: Record<ObjectionStatus, string> = { RECEIVED: '已提出，待复核', REVIEWED: '复核中，待答复', ANSWERED: '已答复' };

export interface RecordResultVersion {
  readonly id: string;
  readonly version: number;
  readonly categoryLabel: string;
  readonly publishedOn: string;
  readonly correctionReason: string | null;
}

/** One published inspection of an enterprise: the draw that picked it, its task, and what followed. */
export interface RecordInspection {
  readonly drawId: string;
  readonly taskId: string;
  readonly taskTitle: string;
  readonly jurisdiction: { readonly code: string; readonly name: string };
  /** 检查实施机关. */
  readonly authority: string;
  /** 抽查任务公告 number (卧龙应急随抽〔2026〕第3号). */
  readonly noticeNumber: string | null;
  readonly inspectionDate: string;
  readonly covert: boolean;
  readonly noticeUrl: string;
  readonly verificationUrl: string;
  /** Published versions of its result, oldest first (a correction is a new version); empty before publication. */
  readonly results: readonly RecordResultVersion[];
  readonly objections: readonly { readonly status: ObjectionStatus; readonly statusLabel: string; readonly receivedOn: string; readonly answeredOn: string | null; readonly upheld: boolean | null }[];
}

export interface EnterpriseRecord {
  readonly uscc: string;
  /** The name the directories give now (the latest of any jurisdiction holding it), null when none does. */
  readonly name: string | null;
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly inspections: readonly RecordInspection[];
}

export const RECORD_PAGE_SIZE = 20;

/**
 * 扫码入企: one enterprise's public record by USCC, across jurisdictions, newest inspection first:
 * every published draw that picked it (never a covert task before it closes: PUBLISHED_TASKS),
 * its published results with corrections, and its objections' status. `uscc` must be valid.
 */
export async function enterpriseRecord(prisma: PrismaClient, uscc: string, page = 1): Promise<EnterpriseRecord> {
  const where = { uscc, draw: { status: 'DRAWN' as const, task: PUBLISHED_TASKS } };
  const [total, named] = await Promise.all([
    prisma.drawPick.count({ where }),
    prisma.enterprise.findFirst({ where: { uscc }, orderBy: { updatedAt: 'desc' }, select: { name: true } }),
  ]);
  const pages = Math.max(1, Math.ceil(total / RECORD_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const picks = await prisma.drawPick.findMany({
    where,
    orderBy: [{ draw: { task: { inspectionDate: 'desc' } } }, { drawId: 'asc' }],
    skip: (current - 1) * RECORD_PAGE_SIZE,
    take: RECORD_PAGE_SIZE,
    select: { drawId: true, draw: { select: { task: { select: { id: true, title: true, covert: true, inspectionDate: true, ...NOTICE_FIELDS, jurisdiction: { select: { code: true, ...NAMING_SELECT } } } } } } },
  });
  const drawIds = picks.map((p) => p.drawId);
  const results = await prisma.inspectionResult.findMany({
    where: { AND: [PUBLISHED_RESULTS, { uscc, drawId: { in: drawIds } }] },
    orderBy: { version: 'asc' },
    select: { id: true, drawId: true, version: true, category: true, publishedAt: true, correctionReason: true, objections: { select: { status: true, receivedOn: true, answeredOn: true, upheld: true }, orderBy: { receivedOn: 'asc' } } },
  });
  const inspections = await Promise.all(picks.map(async (p) => {
    const t = p.draw.task;
    const mine = results.filter((r) => r.drawId === p.drawId);
    return {
      drawId: p.drawId, taskId: t.id, taskTitle: t.title, jurisdiction: { code: t.jurisdiction.code, name: t.jurisdiction.name }, authority: t.noticeAuthority ?? authorityOf(t.jurisdiction), noticeNumber: taskNoticeNumber(t), inspectionDate: toIsoDate(t.inspectionDate), covert: t.covert,
      noticeUrl: noticePath(t.jurisdiction.code, t.id, uscc), verificationUrl: verificationPath(p.drawId, uscc),
      results: await Promise.all(mine.map(async (r) => ({ id: r.id, version: r.version, categoryLabel: await categoryLabel(prisma, r.drawId, r.category), publishedOn: chinaDate(r.publishedAt!), correctionReason: r.correctionReason }))),
      objections: mine.flatMap((r) => r.objections).map((o) => ({ status: o.status, statusLabel: OBJECTION_STATUS[o.status], receivedOn: toIsoDate(o.receivedOn), answeredOn: o.answeredOn ? toIsoDate(o.answeredOn) : null, upheld: o.upheld })),
    };
  }));
  return { uscc, name: named?.name ?? null, total, page: current, pages, inspections };
}
