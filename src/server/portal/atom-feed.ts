import type { Jurisdiction } from '@prisma/client';
import { Feed } from 'feed';
import { escapeHtml } from './html.ts';
import type { PublicDraw, PublicResult } from './portal-data.ts';
import type { FeedEntry } from './notice-feed.ts';

/**
 * A jurisdiction's Atom feed: each published result version and each published draw is an
 * entry with a stable id, so a reader shows a correction as a new entry beside the original;
 * so is each plan, task and result notice (notice-feed.ts).
 */
export function atomFeed(base: string, j: Jurisdiction, results: readonly PublicResult[], draws: readonly PublicDraw[], drawDates: ReadonlyMap<string, Date>, notices: readonly FeedEntry[] = []): string {
  const entries = [
    ...results.map((r) => ({
      title: `${r.enterpriseName}：${r.categoryLabel}${r.version > 1 ? `（更正 第${r.version}版）` : ''}`,
      id: `urn:double-random:result:${r.id}`,
      link: `${base}/results/${r.id}`,
      date: r.publishedAt,
      content: `<p>${escapeHtml(`${r.taskTitle} · 检查日期 ${r.inspectedOn} · 统一社会信用代码 ${r.uscc}`)}</p><p>${escapeHtml(r.summary)}</p>${r.correctionReason ? `<p>更正理由：${escapeHtml(r.correctionReason)}</p>` : ''}`,
    })),
    ...draws.map((d) => ({
      title: `抽查公告：${d.title}（${d.picks.length} 家）`,
      id: `urn:double-random:draw:${d.drawId}`,
      link: `${base}/j/${j.code}#draw-${d.drawId}`,
      date: drawDates.get(d.drawId) ?? new Date(`${d.inspectionDate}T00:00:00Z`),
      content: `<ol>${d.picks.map((p) => `<li>${escapeHtml(`${p.name}（${p.uscc}）`)}</li>`).join('')}</ol>`,
    })),
    // The four notices' entries (notice-feed.ts).
    ...notices,
  ].sort((a, b) => b.date.getTime() - a.date.getTime());
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
