import type { PrismaClient } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Handling } from '../../core/results/types.ts';
import type { ExportTable } from '../import/encode-file.ts';
import { categoryLabel } from '../results/draw-rules.ts';
import { resultNoticeNumber, taskNoticeNumber } from './notice-number.ts';
import { typeText } from './notices-data.ts';
import { PUBLISHED_RESULTS } from './portal-data.ts';

/**
 * 企业信用信息公示系统 export (issue 22, 6): every published result version of a jurisdiction
 * whose 公示日期 (Beijing time) falls in a period, in the field structure of
 * docs/publication.md "Credit publicity export". A correction is a row of its own that names the
 * record it replaces, so an import can replace rather than add.
 */

/** The longest period one export covers (days, both ends counted). */
export const CREDIT_PERIOD_MAX_DAYS = 366;

export interface CreditPeriod {
  readonly from: string;
  readonly to: string;
}

export interface CreditPeriodProblem {
  readonly field: 'from' | 'to';
  readonly message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isRealDate = (s: string) => {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const DAY = 86_400_000;

/**
 * The period asked for: `to` defaults to today (Beijing time), `from` to the first day of the
 * month of `to`. Refused with the field and why: a date that is not YYYY-MM-DD or not a real
 * day, `from` after `to`, or more than CREDIT_PERIOD_MAX_DAYS days.
 */
export function creditPeriod(from: string | null | undefined, to: string | null | undefined, today = chinaDate(new Date())): Result<CreditPeriod, CreditPeriodProblem> {
  const end = to?.trim() || today;
  if (!isRealDate(end)) return err({ field: 'to', message: `截止日期（to）「${end}」不是有效日期：请写成 YYYY-MM-DD，例如 ${today}` });
  const start = from?.trim() || `${end.slice(0, 8)}01`;
  if (!isRealDate(start)) return err({ field: 'from', message: `起始日期（from）「${start}」不是有效日期：请写成 YYYY-MM-DD，例如 ${end.slice(0, 8)}01` });
  if (start > end) return err({ field: 'from', message: `起始日期 ${start} 晚于截止日期 ${end}` });
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY + 1;
  if (days > CREDIT_PERIOD_MAX_DAYS) return err({ field: 'to', message: `一次最多导出 ${CREDIT_PERIOD_MAX_DAYS} 天的公示记录，${start} 至 ${end} 共 ${days} 天：请分段导出` });
  return ok({ from: start, to: end });
}

export interface CreditRecord {
  /** 记录标识: the result version's id. */
  readonly recordId: string;
  /** 所更正记录标识: the version this one corrects; empty for an original. */
  readonly supersedesId: string | null;
  readonly uscc: string;
  readonly enterpriseName: string;
  readonly authority: string;
  readonly jurisdictionCode: string;
  readonly inspectionType: string;
  readonly inspectedOn: string;
  readonly result: string;
  readonly resultCode: string;
  readonly handling: string;
  readonly taskNumber: string;
  readonly resultNoticeNumber: string;
  readonly taskTitle: string;
  readonly version: number;
  readonly correctionReason: string | null;
  readonly publishedOn: string;
}

export function handlingSummary(h: Handling): string {
  return [
    h.rectificationDue && `责令限期整改（${h.rectificationDue}前）`,
    h.penalty && `行政处罚（${h.penalty.decisionNumber}${h.penalty.fineYuan !== undefined ? `，罚款${h.penalty.fineYuan}元` : ''}）`,
    h.transfer && `移送${h.transfer.to === 'JUDICIAL' ? '司法机关' : '其他行政机关'}（${h.transfer.recipient}）`,
  ].filter(Boolean).join('；');
}

// 公示日期 in Beijing time: the period's days run from 00:00 +08:00.
const beijingStart = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 8 * 3_600_000);

export async function creditRecords(prisma: PrismaClient, jurisdiction: { readonly id: string; readonly code: string }, period: CreditPeriod): Promise<CreditRecord[]> {
  const rows = await prisma.inspectionResult.findMany({
    where: { AND: [PUBLISHED_RESULTS, { jurisdictionId: jurisdiction.id, publishedAt: { gte: beijingStart(period.from), lt: new Date(beijingStart(period.to).getTime() + DAY) } }] },
    select: {
      id: true, supersedesId: true, uscc: true, enterpriseName: true, drawId: true, category: true, inspectedOn: true, handling: true, version: true, correctionReason: true, publishedAt: true,
      task: { select: { title: true, sectors: true, joint: true, jointDepartments: true, special: true, covert: true, noticeYear: true, noticeSeq: true, noticePrefix: true, noticeAuthority: true } },
    },
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
  });
  return Promise.all(rows.map(async (r) => ({
    recordId: r.id, supersedesId: r.supersedesId, uscc: r.uscc, enterpriseName: r.enterpriseName, authority: r.task.noticeAuthority ?? '', jurisdictionCode: jurisdiction.code,
    inspectionType: `双随机抽查（${typeText(r.task)}）`, inspectedOn: toIsoDate(r.inspectedOn), result: await categoryLabel(prisma, r.drawId, r.category), resultCode: r.category,
    handling: handlingSummary(r.handling as unknown as Handling), taskNumber: taskNoticeNumber(r.task) ?? '', resultNoticeNumber: resultNoticeNumber(r.task) ?? '', taskTitle: r.task.title,
    version: r.version, correctionReason: r.correctionReason, publishedOn: chinaDate(r.publishedAt!),
  })));
}

/** The documented columns, in order (docs/publication.md). */
export const CREDIT_HEADERS = ['统一社会信用代码', '企业名称', '检查实施机关', '行政区划代码', '检查类型', '检查日期', '检查结果', '检查结果代码', '处理情况', '任务编号', '结果公告编号', '抽查任务名称', '公示日期', '版本', '更正理由', '记录标识', '所更正记录标识'] as const;

export function creditTable(records: readonly CreditRecord[]): ExportTable {
  return {
    sheetName: '抽查检查结果',
    headers: CREDIT_HEADERS,
    rows: records.map((r) => [
      r.uscc, r.enterpriseName, r.authority, r.jurisdictionCode, r.inspectionType, r.inspectedOn, r.result, r.resultCode, r.handling, r.taskNumber, r.resultNoticeNumber, r.taskTitle,
      r.publishedOn, String(r.version), r.correctionReason ?? '', r.recordId, r.supersedesId ?? '',
    ]),
  };
}
