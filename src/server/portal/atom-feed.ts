import type { Jurisdiction } from '@prisma/client';
import { Feed } from 'feed';
import { escapeHtml } from './html.ts';
import type { PublicResult } from './portal-data.ts';
import type { DrawSummary, PublicPick } from './draw-pages-data.ts';
import type { PeriodicBulletin } from '../results/monthly-bulletins.ts';
import type { FeedEntry } from './notice-feed.ts';

/** A draw in the feed with the first of its picks (PORTAL_LIMITS.feedPicks); its pages hold the rest. */
export interface FeedDraw {
  readonly draw: DrawSummary;
  readonly picks: readonly PublicPick[];
}

/**
 * A jurisdiction's Atom feed: each published result version and each published draw is an
 * entry with a stable id, so a reader shows a correction as a new entry beside the original;
 * so is each plan, task and result notice (notice-feed.ts) and each monthly bulletin. Bounded: the newest `limit` entries (PORTAL_LIMITS.feedEntries).
 */
export function atomFeed(base: string, j: Jurisdiction, results: readonly PublicResult[], draws: readonly FeedDraw[], limit: number, bulletins: readonly PeriodicBulletin[] = [], notices: readonly FeedEntry[] = []): string {
  const entries = [
    ...results.map((r) => ({
      title: `${r.enterpriseName}：${r.categoryLabel}${r.version > 1 ? `（更正 第${r.version}版）` : ''}`,
      id: `urn:double-random:result:${r.id}`,
      link: `${base}/results/${r.id}`,
      date: r.publishedAt,
      content: `<p>${escapeHtml(`${r.taskTitle} · 检查日期 ${r.inspectedOn} · 统一社会信用代码 ${r.uscc}`)}</p><p>${escapeHtml(r.summary)}</p>${r.correctionReason ? `<p>更正理由：${escapeHtml(r.correctionReason)}</p>` : ''}`,
    })),
    ...draws.map(({ draw: d, picks }) => ({
      title: `抽查公告：${d.title}（${d.size} 家）`,
      id: `urn:double-random:draw:${d.drawId}`,
      link: `${base}/j/${j.code}/draws/${d.taskId}`,
      date: d.publishedAt,
      content: `<ol>${picks.map((p) => `<li>${escapeHtml(`${p.name}（${p.uscc}）`)}</li>`).join('')}</ol>${d.size > picks.length ? `<p>${escapeHtml(`共 ${d.size} 家，此处列出前 ${picks.length} 家；全部见抽查公告页。`)}</p>` : ''}`,
    })),
    // The four notices' entries (notice-feed.ts).
    ...notices,
    ...bulletins.map((b) => ({
      title: `月度公告：${b.month}${b.daysLate > 0 ? `（逾期发布 ${b.daysLate} 天）` : ''}`,
      id: `urn:double-random:bulletin:${j.code}:${b.month}`,
      link: `${base}/j/${j.code}/bulletins/${b.month}`,
      date: b.issuedAt,
      content: `<p>${escapeHtml(`本月公示检查结果 ${b.content.results.length} 条，反馈 ${b.content.feedback.length} 条，意见 ${b.content.opinions.length} 条，行政处罚 ${b.content.penalties.length} 起，移送 ${b.content.transfers.length} 起。内容哈希 ${b.contentHash}`)}</p>`,
    })),
  ].sort((a, b) => b.date.getTime() - a.date.getTime()).slice(0, limit);
  const feed = new Feed({
    title: `${j.name} 双随机抽查公示`,
    description: '抽查公告与检查结果',
    id: `urn:double-random:jurisdiction:${j.code}`,
    link: `${base}/j/${j.code}`,
    feedLinks: { atom: `${base}/j/${j.code}/feed.atom` },
    language: 'zh-CN',
    copyright: '',
    // An empty feed last changed when the jurisdiction was created.
    updated: entries[0]?.date ?? j.createdAt,
    generator: 'double-random',
  });
  // The feed library marks every entry title type="html": escaped, a task title or an enterprise
  // name that holds markup is shown as the text it is, never interpreted.
  for (const e of entries) feed.addItem({ title: escapeHtml(e.title), id: e.id, link: e.link, date: e.date, content: e.content });
  return feed.atom1();
}
