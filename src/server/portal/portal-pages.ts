import { chinaDate } from '../../core/calendar/china-date.ts';
import type { Jurisdiction } from '@prisma/client';
import { html, page, type Html } from './html.ts';
import { noticeLinks } from './notice-pages.ts';
import { RESERVE_LABEL, RESERVE_WHY } from '../../core/draw/reserve-label.ts';
import type { PublicResult } from './portal-data.ts';
import type { DrawSummary, PublicPick } from './draw-pages-data.ts';
import { pageCount } from './portal-limits.ts';
import { enterpriseRecordPath, noticePath, verificationPath } from './enterprise-urls.ts';

const LEVEL = { PROVINCE: '省', CITY: '市', COUNTY: '县（区）' } as const;
const STATUS: Record<string, string> = { ANNOUNCED: '已公告', INSPECTING: '检查中', CLOSED: '已结束' };
/** The day of an instant as the public reads it: China time. */
const day = chinaDate;

const searchForm = (action: string, q = '') => html`<form class="search" method="get" action="${action}"><input name="q" value="${q}" placeholder="输入企业名称或统一社会信用代码" aria-label="搜索"><button>搜索</button></form>`;

/** A result's handling (处理) as the portal writes it. */
export function handlingText(r: Pick<PublicResult, 'handling'>): string {
  const h = r.handling;
  return [
    h.rectificationDue && `责令限期整改（${h.rectificationDue}前）`,
    h.penalty && `行政处罚（${h.penalty.decisionNumber}${h.penalty.fineYuan !== undefined ? `，罚款${h.penalty.fineYuan}元` : ''}）`,
    h.transfer && `移送${h.transfer.to === 'JUDICIAL' ? '司法机关' : '其他行政机关'}（${h.transfer.recipient}）`,
  ].filter(Boolean).join('；') || '—';
}

function resultRows(results: readonly PublicResult[], withJurisdiction = false): Html {
  if (results.length === 0) return html`<p class="muted">暂无公示的检查结果。</p>`;
  return html`<table><thead><tr><th>企业名称</th><th>统一社会信用代码</th>${withJurisdiction ? html`<th>辖区</th>` : html``}<th>检查日期</th><th>检查结果</th><th>处理</th><th>公示日期</th></tr></thead><tbody>
${results.map((r) => html`<tr><td><a href="/results/${r.id}">${r.enterpriseName}</a></td><td><code>${r.uscc}</code></td>${withJurisdiction ? html`<td>${r.jurisdiction.name}</td>` : html``}<td>${r.inspectedOn}</td>
<td>${r.version > 1 ? html`<span class="tag warn">更正 第${r.version}版</span>` : html``}${r.correctedById ? html`<span class="tag">已更正</span>` : html``}${r.categoryLabel}${r.hazards.some((h) => h.major) ? html` <span class="tag warn">重大事故隐患</span>` : html``}</td>
<td>${handlingText(r)}</td><td>${day(r.publishedAt)}</td></tr>`)}
</tbody></table>`;
}

/** Where page `n` of a list is, keeping the search and the anchor of the list. */
function pageHref(path: string, q: string, n: number, anchor: string): string {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (n > 1) query.set('page', String(n));
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}#${anchor}`;
}

/** 上一页 / 第 n 页，共 m 页 / 下一页: links that work without JavaScript. */
export function pager(path: string, q: string, current: number, total: number, size: number, anchor: string): Html {
  const pages = pageCount(total, size);
  if (pages <= 1) return html``;
  return html`<nav class="muted" aria-label="分页">${current > 1 ? html`<a rel="prev" href="${pageHref(path, q, current - 1, anchor)}">上一页</a> · ` : html``}第 ${current} 页，共 ${pages} 页（${total} 条）${current < pages ? html` · <a rel="next" href="${pageHref(path, q, current + 1, anchor)}">下一页</a>` : html``}</nav>`;
}

const commitmentText = (d: DrawSummary) => html`承诺值 <code>${d.commitment.slice(0, 16)}…</code>，种子 <code>${(d.seed ?? '').slice(0, 16)}…</code>`;

/** The 抽查公告 list of a jurisdiction: one row a draw, its picks on the draw's own pages. */
function drawList(code: string, draws: readonly DrawSummary[], q: string, matches: ReadonlyMap<string, number>): Html {
  if (draws.length === 0) return html`<p class="muted">暂无公告的抽查任务。</p>`;
  const found = (d: DrawSummary) => (q ? html`<br><a class="muted" href="/j/${code}/draws/${d.taskId}?q=${encodeURIComponent(q)}">匹配“${q}”的检查对象 ${matches.get(d.drawId) ?? 0} 家</a>` : html``);
  return html`<table><thead><tr><th>抽查任务</th><th>检查时间</th><th>检查对象</th><th>状态</th><th>承诺值</th></tr></thead><tbody>
${draws.map((d) => html`<tr id="draw-${d.drawId}"><td><a href="/j/${code}/draws/${d.taskId}">${d.title}</a>${found(d)}${d.covert ? html` <span class="tag">暗查暗访（检查结束后公开）</span>` : html``}</td><td>${d.windowStart} 至 ${d.windowEnd}${d.announcedOn ? html`<br><span class="muted">公告 ${d.announcedOn}</span>` : html``}</td>
<td>${d.size} 家</td><td><span class="tag">${STATUS[d.status] ?? d.status}</span></td><td><code>${d.commitment.slice(0, 16)}…</code></td></tr>`)}
</tbody></table>`;
}

/** A draw's heading and verification links, and a page of its picks. */
function drawSection(code: string, d: DrawSummary, picks: readonly PublicPick[]): Html {
  return html`<h3 id="draw-${d.drawId}"><a href="/j/${code}/draws/${d.taskId}">${d.title}</a> <span class="tag">${STATUS[d.status] ?? d.status}</span>${d.covert ? html`<span class="tag">暗查暗访（检查结束后公开）</span>` : html``}</h3>
<p class="muted">检查时间 ${d.windowStart} 至 ${d.windowEnd}（计划检查日 ${d.inspectionDate}）${d.announcedOn ? `，公告日期 ${d.announcedOn}` : ''}，共抽取 ${d.size} 家。${commitmentText(d)}；
<a href="/live/${d.drawId}">抽取过程</a> · <a href="/draws/${d.drawId}/export.json">验证数据（JSON）</a></p>
${pickTable(code, d, picks)}`;
}

function pickTable(code: string, d: DrawSummary, picks: readonly PublicPick[]): Html {
  return html`<table><thead><tr><th>序号</th><th>检查对象</th><th>统一社会信用代码</th><th>检查事项</th><th>检查人员</th><th>通知与核验</th></tr></thead><tbody>
${picks.map((p) => html`<tr><td>${p.order}</td><td>${p.name}${p.fromReserve ? html` <span class="tag" title="${RESERVE_WHY}">${RESERVE_LABEL}</span>` : html``}</td><td><code>${p.uscc}</code></td><td>${p.items.join('、') || '—'}</td><td>${p.team.join('、')}</td>
<td><a href="${noticePath(code, d.taskId, p.uscc)}">检查通知书</a> · <a href="${verificationPath(d.drawId, p.uscc)}">抽取核验</a> · <a href="${enterpriseRecordPath(p.uscc)}">检查记录</a></td></tr>`)}
</tbody></table>`;
}

/** `/`: the portal's front page. */
export function homePage(jurisdictions: readonly Jurisdiction[], latest: readonly PublicResult[]): string {
  return page('首页', html`<section><h2>查询检查结果</h2>${searchForm('/search')}</section>
<section><h2>辖区</h2><table><thead><tr><th>辖区</th><th>行政区划代码</th><th>层级</th><th>订阅</th></tr></thead><tbody>
${jurisdictions.map((j) => html`<tr><td><a href="/j/${j.code}">${j.name}</a></td><td>${j.code}</td><td>${LEVEL[j.level]}</td><td><a href="/j/${j.code}/feed.atom">Atom</a></td></tr>`)}
</tbody></table></section>
<section><h2>最新公示的检查结果</h2>${resultRows(latest, true)}</section>
<section><h2>接口</h2><ul><li><a href="/graphql">GraphQL（GraphiQL）</a>：公开查询 <code>jurisdiction(code) { publishedResults }</code></li>
<li>四项公示（抽查事项清单、抽查计划公告、抽查任务公告、抽查结果公告）：<code>/j/&lt;行政区划代码&gt;/notices/&lt;checklist|plans|tasks|results&gt;</code>，另有 <code>.csv</code>、<code>.xlsx</code>；信用信息公示导出：<code>/j/&lt;行政区划代码&gt;/credit.csv?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</code></li>
<li>检查结果导出：<code>/j/&lt;行政区划代码&gt;/results.csv</code> 或 <code>.xlsx</code>；名录导出（需本辖区令牌）：<code>/export/&lt;行政区划代码&gt;/&lt;enterprises|inspectors|experts|checklist&gt;.csv</code></li></ul></section>`);
}

export interface Paged<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly total: number;
}

/** `/j/<code>`: a jurisdiction's published results and draws, a page of each (`?page=`), `?q=` searching the results. */
export function jurisdictionPage(j: Jurisdiction, draws: Paged<DrawSummary> & { readonly matches: ReadonlyMap<string, number> }, results: Paged<PublicResult>, q: string, sizes: { results: number; draws: number }, links: Html = html``): string {
  const head = html`<link rel="alternate" type="application/atom+xml" title="${j.name} 抽查公示" href="/j/${j.code}/feed.atom">`;
  const path = `/j/${j.code}`;
  return page(j.name, html`<section><h2>${j.name} · 抽查公示</h2>${noticeLinks(j.code)}${searchForm(path, q)}
<p class="muted">订阅：<a href="/j/${j.code}/feed.atom">Atom</a> · 导出检查结果：<a href="/j/${j.code}/results.csv">CSV</a> · <a href="/j/${j.code}/results.xlsx">XLSX</a> · <a href="/j/${j.code}/blacklist">黑名单</a>${links}${j.rulePackId ? ` · 规则包 ${j.rulePackId}@${j.rulePackVersion ?? ''}` : ''}</p></section>
<section id="results"><h2>检查结果公示${q ? `（“${q}”）` : ''}</h2>${resultRows(results.items)}${pager(path, q, results.page, results.total, sizes.results, 'results')}</section>
<section id="draws"><h2>抽查公告（检查对象与检查人员）</h2>${drawList(j.code, draws.items, q, draws.matches)}${pager(path, q, draws.page, draws.total, sizes.draws, 'draws')}</section>`, head);
}

/** `/j/<code>/draws/<taskId>`: one published draw, a page of its picks (`?page=`, `?q=` searching them). */
export function drawPage(j: Jurisdiction, d: DrawSummary, picks: Paged<PublicPick>, q: string, size: number): string {
  const path = `/j/${j.code}/draws/${d.taskId}`;
  return page(`${d.title} · ${j.name}`, html`<section><h2><a href="/j/${j.code}">${j.name}</a> · 抽查公告</h2>${searchForm(path, q)}</section>
<section id="picks">${drawSection(j.code, d, picks.items)}${picks.items.length === 0 ? html`<p class="muted">${q ? `没有匹配“${q}”的检查对象。` : '本页没有检查对象。'}</p>` : html``}${pager(path, q, picks.page, picks.total, size, 'picks')}</section>`);
}

/** `/results/<id>`: one result with every published version (a correction never hides the original). */
export function resultPage(versions: readonly PublicResult[], shownId: string): string {
  const latest = versions.at(-1)!;
  return page(latest.enterpriseName, html`<section><h2>${latest.enterpriseName} · 检查结果</h2>
<dl><dt>统一社会信用代码</dt><dd><code>${latest.uscc}</code></dd><dt>辖区</dt><dd><a href="/j/${latest.jurisdiction.code}">${latest.jurisdiction.name}</a></dd><dt>抽查任务</dt><dd>${latest.taskTitle}</dd>
<dt>版本</dt><dd>${versions.length > 1 ? `共 ${versions.length} 版，以第 ${latest.version} 版为准；各版均公开` : '原始版本'}</dd></dl></section>
${[...versions].reverse().map((v) => html`<section id="v${v.version}"${v.id === shownId ? html` aria-current="true"` : html``}><h2>第${v.version}版${v.version > 1 ? '（更正）' : ''}${v.id === latest.id ? html` <span class="tag ok">现行</span>` : html` <span class="tag">已被更正</span>`}</h2>
<dl><dt>检查日期</dt><dd>${v.inspectedOn}</dd><dt>检查结果</dt><dd>${v.categoryLabel}</dd><dt>情况说明</dt><dd>${v.summary || '—'}</dd>
<dt>发现隐患</dt><dd>${v.hazards.length ? v.hazards.map((h) => html`${h.description}${h.major ? html` <span class="tag warn">重大事故隐患</span>` : html``}${h.concealed ? html`<span class="tag warn">隐瞒不报</span>` : html``}<br>`) : '未发现'}</dd>
<dt>处理</dt><dd>${handlingText(v)}</dd>${v.correctionReason ? html`<dt>更正理由</dt><dd>${v.correctionReason}</dd>` : html``}
<dt>公示日期</dt><dd>${day(v.publishedAt)}</dd><dt>内容哈希</dt><dd><code>${v.contentHash}</code></dd></dl></section>`)}`);
}

/** `/search?q=`: results and draws across jurisdictions. */
export function searchPage(q: string, results: readonly PublicResult[], draws: readonly { jurisdiction: Jurisdiction; draw: DrawSummary; picks: Paged<PublicPick> }[]): string {
  return page(`搜索 ${q}`, html`<section><h2>搜索</h2>${searchForm('/search', q)}</section>
<section><h2>检查结果</h2>${q ? resultRows(results, true) : html`<p class="muted">请输入企业名称或统一社会信用代码。</p>`}</section>
<section><h2>抽查公告</h2>${draws.length ? draws.map(({ jurisdiction: j, draw: d, picks }) => html`<p class="muted">${j.name}</p>${drawSection(j.code, d, picks.items)}${picks.total > picks.items.length ? html`<p class="muted"><a href="/j/${j.code}/draws/${d.taskId}?q=${encodeURIComponent(q)}">共 ${picks.total} 家匹配，查看全部</a></p>` : html``}`) : html`<p class="muted">无匹配的抽查公告。</p>`}</section>`);
}
