import type { PrismaClient } from '@prisma/client';
import { encodeTable } from '../import/encode-file.ts';
import { atomFeed } from './atom-feed.ts';
import { noticeFeedEntries } from './notice-feed.ts';
import { homePage, jurisdictionPage, resultPage, searchPage } from './portal-pages.ts';
import { matching, publishedDraws, publishedResults, resultWithVersions } from './portal-data.ts';
import { page, html } from './html.ts';
import { resultsTable } from './results-table.ts';
import { likeLiteral } from '../db/like-pattern.ts';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const JURISDICTION = /^\/j\/([0-9]{6,12})(?:\/(feed\.atom|results\.csv|results\.xlsx))?$/;
const RESULT = /^\/results\/([0-9a-f-]{36})$/;

const notFound = (what: string) => new Response(page('未找到', html`<section><h2>未找到</h2><p>${what}</p><p><a href="/">返回首页</a></p></section>`), { status: 404, headers: HTML });

/**
 * The public portal (一公开), no login: `/`, `/j/<code>` (draws and results, `?q=` to search),
 * `/j/<code>/feed.atom`, `/j/<code>/results.csv|xlsx`, `/results/<id>`, `/search?q=`.
 * Returns undefined for any other path.
 */
export async function portal(prisma: PrismaClient, request: Request): Promise<Response | undefined> {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').slice(0, 100);
  if (url.pathname === '/') {
    const [jurisdictions, latest] = await Promise.all([prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } }), publishedResults(prisma, {}, 20)]);
    return new Response(homePage(jurisdictions, latest), { headers: HTML });
  }
  if (url.pathname === '/search') {
    // Only jurisdictions whose directory holds a matching enterprise can have a matching draw.
    const text = q.trim();
    const holding = text ? await prisma.enterprise.findMany({ where: { OR: [{ name: { contains: likeLiteral(text) } }, { uscc: { startsWith: likeLiteral(text.toUpperCase()) } }] }, select: { jurisdictionId: true }, distinct: ['jurisdictionId'] }) : [];
    const jurisdictions = holding.length ? await prisma.jurisdiction.findMany({ where: { id: { in: holding.map((h) => h.jurisdictionId) } }, orderBy: { code: 'asc' } }) : [];
    const [results, draws] = await Promise.all([
      q.trim() ? publishedResults(prisma, matching(q)) : [],
      Promise.all(jurisdictions.map(async (j) => (await publishedDraws(prisma, j.id, q)).map((d) => ({ ...d, jurisdiction: j.name })))).then((x) => x.flat()),
    ]);
    return new Response(searchPage(q, results, draws), { headers: HTML });
  }
  const result = RESULT.exec(url.pathname);
  if (result) {
    const versions = await resultWithVersions(prisma, result[1]!);
    return versions ? new Response(resultPage(versions, result[1]!), { headers: HTML }) : notFound('没有这条已公示的检查结果。');
  }
  const match = JURISDICTION.exec(url.pathname);
  if (!match) return undefined;
  const j = await prisma.jurisdiction.findUnique({ where: { code: match[1]! } });
  if (!j) return notFound(`没有行政区划代码为 ${match[1]} 的辖区。`);
  const kind = match[2];
  if (kind === 'results.csv' || kind === 'results.xlsx') {
    const format = kind === 'results.csv' ? 'csv' : 'xlsx';
    const body = await encodeTable(resultsTable(await publishedResults(prisma, { jurisdictionId: j.id }, 100_000)), format);
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'content-disposition': `attachment; filename="${j.code}-results.${format}"` } });
  }
  const [draws, results] = await Promise.all([publishedDraws(prisma, j.id, kind ? undefined : q), publishedResults(prisma, { AND: [{ jurisdictionId: j.id }, matching(kind ? undefined : q)] })]);
  if (kind === 'feed.atom') {
    const announced = await prisma.draw.findMany({ where: { id: { in: draws.map((d) => d.drawId) } }, select: { id: true, drawnAt: true, task: { select: { announcedOn: true } } } });
    const dates = new Map(announced.map((d) => [d.id, d.task.announcedOn ?? d.drawnAt ?? new Date(0)]));
    return new Response(atomFeed(url.origin, j, results, draws, dates, await noticeFeedEntries(prisma, url.origin, j)), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
  }
  return new Response(jurisdictionPage(j, draws, results, q), { headers: HTML });
}
