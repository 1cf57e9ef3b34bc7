import type { Jurisdiction, PrismaClient } from '@prisma/client';
import type { PackRegistry } from '../../rulepacks/registry.ts';
import { encodeTable } from '../import/encode-file.ts';
import { atomFeed } from './atom-feed.ts';
import { noticeFeedEntries } from './notice-feed.ts';
import { drawPage, homePage, jurisdictionPage, resultPage, searchPage } from './portal-pages.ts';
import { countPublishedResults, matching, publishedResults, resultWithVersions } from './portal-data.ts';
import { drawSummaries, picksPage, publishedDraw } from './draw-pages-data.ts';
import { page, html } from './html.ts';
import { resultsTable } from './results-table.ts';
import { likeLiteral } from '../db/like-pattern.ts';
import { pageCount, pageNumber, PORTAL_LIMITS } from './portal-limits.ts';
import { blacklistPage } from './blacklist-page.ts';
import { documentTitles, publicBlacklist } from './blacklist-data.ts';
import { bulletinListPage, bulletinPage } from './bulletin-pages.ts';
import { bulletinOf, bulletinsOf, periodicRule } from '../results/monthly-bulletins.ts';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const JURISDICTION = /^\/j\/([0-9]{6,12})(?:\/(feed\.atom|results\.csv|results\.xlsx|blacklist|bulletins))?$/;
const BULLETIN = /^\/j\/([0-9]{6,12})\/bulletins\/([0-9]{4}-[0-9]{2})$/;
const DRAW = /^\/j\/([0-9]{6,12})\/draws\/([0-9a-f-]{36})$/;
const RESULT = /^\/results\/([0-9a-f-]{36})$/;

const notFound = (what: string) => new Response(page('未找到', html`<section><h2>未找到</h2><p>${what}</p><p><a href="/">返回首页</a></p></section>`), { status: 404, headers: HTML });
const badPage = (raw: string | null) => new Response(page('页码有误', html`<section><h2>页码有误</h2><p>页码 page 应为正整数，收到“${raw ?? ''}”。</p><p><a href="/">返回首页</a></p></section>`), { status: 400, headers: HTML });
const beyond = (n: number, pages: number, first: string) => new Response(page('没有这一页', html`<section><h2>没有这一页</h2><p>第 ${n} 页不存在：共 ${pages} 页。</p><p><a href="${first}">第 1 页</a></p></section>`), { status: 404, headers: HTML });

/**
 * The public portal (一公开), no login: `/`, `/j/<code>` (results and draws, a page of each with
 * `?page=`, `?q=` to search the results), `/j/<code>/draws/<taskId>` (a draw's picks, 100 a page,
 * `?q=` to search them), `/j/<code>/blacklist`, `/j/<code>/bulletins[/<yyyy-mm>]` (packs that publish monthly), `/j/<code>/feed.atom` (the newest entries),
 * `/j/<code>/results.csv|xlsx`, `/results/<id>`, `/search?q=`. Returns undefined for any other path.
 */
export async function portal(prisma: PrismaClient, request: Request, packs: PackRegistry): Promise<Response | undefined> {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').slice(0, 100).trim();
  const n = pageNumber(url.searchParams.get('page'));
  if (url.pathname === '/') {
    const [jurisdictions, latest] = await Promise.all([prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } }), publishedResults(prisma, {}, 20)]);
    return new Response(homePage(jurisdictions, latest), { headers: HTML });
  }
  if (url.pathname === '/search') return new Response(await search(prisma, q), { headers: HTML });
  const result = RESULT.exec(url.pathname);
  if (result) {
    const versions = await resultWithVersions(prisma, result[1]!);
    return versions ? new Response(resultPage(versions, result[1]!), { headers: HTML }) : notFound('没有这条已公示的检查结果。');
  }
  const drawMatch = DRAW.exec(url.pathname);
  const bulletinMatch = BULLETIN.exec(url.pathname);
  const match = drawMatch ?? bulletinMatch ?? JURISDICTION.exec(url.pathname);
  if (!match) return undefined;
  const j = await prisma.jurisdiction.findUnique({ where: { code: match[1]! } });
  if (!j) return notFound(`没有行政区划代码为 ${match[1]} 的辖区。`);
  if (n === undefined) return badPage(url.searchParams.get('page'));
  if (drawMatch) return drawRoute(prisma, j, drawMatch[2]!, q, n);
  if (bulletinMatch) {
    const bulletin = await bulletinOf(prisma, j.id, bulletinMatch[2]!);
    return bulletin ? new Response(bulletinPage(j, bulletin), { headers: HTML }) : notFound(`${j.name} 没有 ${bulletinMatch[2]} 的月度公告。`);
  }
  const periodic = periodicRule({ packs }, j) !== undefined;
  const kind = match[2];
  if (kind === 'results.csv' || kind === 'results.xlsx') {
    const format = kind === 'results.csv' ? 'csv' : 'xlsx';
    const body = await encodeTable(resultsTable(await publishedResults(prisma, { jurisdictionId: j.id }, 100_000)), format);
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'content-disposition': `attachment; filename="${j.code}-results.${format}"` } });
  }
  if (kind === 'bulletins') return new Response(bulletinListPage(j, await bulletinsOf(prisma, j.id), periodic), { headers: HTML });
  if (kind === 'blacklist') return new Response(blacklistPage(j, await publicBlacklist(prisma, j.id, documentTitles(packs))), { headers: HTML });
  if (kind === 'feed.atom') return new Response(await feed(prisma, url.origin, j, periodic), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });

  const { resultsPerPage, drawsPerPage } = PORTAL_LIMITS;
  const where = { AND: [{ jurisdictionId: j.id }, matching(q)] };
  const [total, results, draws] = await Promise.all([
    countPublishedResults(prisma, where),
    publishedResults(prisma, where, resultsPerPage, (n - 1) * resultsPerPage),
    drawSummaries(prisma, j.id, { skip: (n - 1) * drawsPerPage, take: drawsPerPage }),
  ]);
  // One `page` walks both lists; past the end of both there is nothing to show.
  const pages = Math.max(pageCount(total, resultsPerPage), pageCount(draws.total, drawsPerPage));
  if (n > pages) return beyond(n, pages, `/j/${j.code}`);
  // With a search, each listed draw says how many of its picks match, linked to the draw's search.
  const matches = new Map(q ? await Promise.all(draws.draws.map(async (d) => [d.drawId, (await picksPage(prisma, d.drawId, { skip: 0, take: 0, q })).total] as const)) : []);
  const links = periodic ? html` · <a href="/j/${j.code}/bulletins">月度公告</a>` : html``;
  return new Response(jurisdictionPage(j, { items: draws.draws, page: n, total: draws.total, matches }, { items: results, page: n, total }, q, { results: resultsPerPage, draws: drawsPerPage }, links), { headers: HTML });
}

async function drawRoute(prisma: PrismaClient, j: Jurisdiction, taskId: string, q: string, n: number): Promise<Response> {
  const draw = await publishedDraw(prisma, j.id, taskId);
  if (!draw) return notFound(`${j.name} 没有这项已公告的抽查任务。`);
  const size = PORTAL_LIMITS.picksPerPage;
  const picks = await picksPage(prisma, draw.drawId, { skip: (n - 1) * size, take: size, q });
  const pages = pageCount(picks.total, size);
  if (n > pages) return beyond(n, pages, `/j/${j.code}/draws/${taskId}`);
  return new Response(drawPage(j, draw, { items: picks.picks, page: n, total: picks.total }, q, size), { headers: HTML });
}

/** The newest results and draws of a jurisdiction, PORTAL_LIMITS.feedEntries in all. */
async function feed(prisma: PrismaClient, origin: string, j: Jurisdiction, periodic: boolean): Promise<string> {
  const { feedEntries, feedPicks } = PORTAL_LIMITS;
  const [results, { draws }, bulletins] = await Promise.all([
    publishedResults(prisma, { jurisdictionId: j.id }, feedEntries), drawSummaries(prisma, j.id, { skip: 0, take: feedEntries }), periodic ? bulletinsOf(prisma, j.id) : [],
  ]);
  const withPicks = await Promise.all(draws.map(async (draw) => ({ draw, picks: (await picksPage(prisma, draw.drawId, { skip: 0, take: feedPicks })).picks })));
  return atomFeed(origin, j, results, withPicks, feedEntries, bulletins.slice(0, feedEntries), await noticeFeedEntries(prisma, origin, j));
}

/** `/search?q=`: results everywhere, and the matching picks of the jurisdictions whose directory holds a match. */
async function search(prisma: PrismaClient, q: string): Promise<string> {
  if (!q) return searchPage(q, [], []);
  // Only jurisdictions whose directory holds a matching enterprise can have a matching draw.
  const holding = await prisma.enterprise.findMany({ where: { OR: [{ name: { contains: likeLiteral(q) } }, { uscc: { startsWith: likeLiteral(q.toUpperCase()) } }] }, select: { jurisdictionId: true }, distinct: ['jurisdictionId'] });
  const jurisdictions = holding.length ? await prisma.jurisdiction.findMany({ where: { id: { in: holding.map((h) => h.jurisdictionId) } }, orderBy: { code: 'asc' } }) : [];
  const size = PORTAL_LIMITS.searchDraws;
  const [results, draws] = await Promise.all([
    publishedResults(prisma, matching(q)),
    Promise.all(jurisdictions.map(async (jurisdiction) => {
      const { draws: list } = await drawSummaries(prisma, jurisdiction.id, { skip: 0, take: size });
      const found = await Promise.all(list.map(async (draw) => {
        const picks = await picksPage(prisma, draw.drawId, { skip: 0, take: size, q });
        return { jurisdiction, draw, picks: { items: picks.picks, page: 1, total: picks.total } };
      }));
      return found.filter((d) => d.picks.total > 0);
    })).then((x) => x.flat()),
  ]);
  return searchPage(q, results, draws);
}
