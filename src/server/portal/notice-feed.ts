import type { PrismaClient } from '@prisma/client';
import { escapeHtml } from './html.ts';
import { NOTICE_FIELDS, resultNoticeNumber, taskNoticeNumber } from './notice-number.ts';
import { PUBLISHED_TASKS } from './portal-data.ts';

/** An entry of a jurisdiction's Atom feed. */
export interface FeedEntry {
  readonly title: string;
  readonly id: string;
  readonly link: string;
  readonly date: Date;
  readonly content: string;
}

// A civil date (stored at 00:00 UTC) as the instant its day starts in Beijing.
const beijingDay = (d: Date) => new Date(d.getTime() - 8 * 3_600_000);

/**
 * The notices as feed entries: each published plan, each task notice (once numbered) and each
 * version of each result notice (a correction is a new entry beside the first). Public tasks only.
 */
export async function noticeFeedEntries(prisma: PrismaClient, base: string, j: { readonly id: string; readonly code: string }): Promise<FeedEntry[]> {
  const [plans, tasks] = await Promise.all([
    prisma.inspectionPlan.findMany({ where: { jurisdictionId: j.id, status: 'PUBLISHED' }, select: { id: true, year: true, title: true, publishedAt: true, doubleRandomCount: true }, orderBy: { year: 'desc' }, take: 20 }),
    prisma.inspectionTask.findMany({
      where: { AND: [PUBLISHED_TASKS, { jurisdictionId: j.id, noticeSeq: { not: null } }] },
      select: { id: true, title: true, inspectionDate: true, ...NOTICE_FIELDS, results: { where: { status: 'PUBLISHED' }, select: { version: true, publishedAt: true, enterpriseName: true, correctionReason: true }, orderBy: { publishedAt: 'asc' } } },
      orderBy: [{ noticeYear: 'desc' }, { noticeSeq: 'desc' }],
      take: 100,
    }),
  ]);
  const entries: FeedEntry[] = plans.map((p) => ({
    title: `抽查计划公告：${p.title}`,
    id: `urn:double-random:plan-notice:${p.id}`,
    link: `${base}/j/${j.code}/notices/plans#plan-${p.id}`,
    date: p.publishedAt!,
    content: `<p>${escapeHtml(`${p.year} 年度，计划“双随机”抽查 ${p.doubleRandomCount} 次`)}</p>`,
  }));
  for (const t of tasks) {
    const number = taskNoticeNumber(t)!;
    entries.push({
      title: `抽查任务公告 ${number}：${t.title}`,
      id: `urn:double-random:task-notice:${t.id}`,
      link: `${base}/j/${j.code}/notices/tasks/${t.id}`,
      date: beijingDay(t.numberedOn!),
      content: `<p>${escapeHtml(`${number} · 检查实施机关 ${t.noticeAuthority}`)}</p>`,
    });
    if (t.results.length === 0) continue;
    const corrections = t.results.filter((r) => r.version > 1);
    const originals = t.results.filter((r) => r.version === 1);
    const resultNumber = resultNoticeNumber(t)!;
    entries.push({
      title: `抽查结果公告 ${resultNumber}：${t.title}`,
      id: `urn:double-random:result-notice:${t.id}:v1`,
      link: `${base}/j/${j.code}/notices/results/${t.id}?v=1`,
      date: originals.at(-1)?.publishedAt ?? t.results[0]!.publishedAt!,
      content: `<p>${escapeHtml(`${resultNumber} · ${originals.length} 家检查对象的检查结果`)}</p>`,
    });
    corrections.forEach((r, i) => entries.push({
      title: `抽查结果公告 ${resultNumber}（第${i + 2}版，更正）：${t.title}`,
      id: `urn:double-random:result-notice:${t.id}:v${i + 2}`,
      link: `${base}/j/${j.code}/notices/results/${t.id}?v=${i + 2}`,
      date: r.publishedAt!,
      content: `<p>${escapeHtml(`更正${r.enterpriseName}的检查结果${r.correctionReason ? `，理由：${r.correctionReason}` : ''}`)}</p>`,
    }));
  }
  return entries;
}
