import { chinaDate } from '../../core/calendar/china-date.ts';
import { cspHash } from '../http/security-headers.ts';
import type { ExportTable } from '../import/encode-file.ts';
import { handlingSummary } from './credit-export.ts';
import { html, Html, page } from './html.ts';
import type { ChecklistNoticeItem, NoticeJurisdiction, PlanNotice, ResultNotice, TaskNotice } from './notices-data.ts';

/**
 * The four notices as portal pages (plain HTML, printable) and as tables for CSV and XLSX.
 * Paths under `/j/<code>/notices/`: checklist, plans, tasks, tasks/<taskId>, results,
 * results/<taskId> (`?v=` a version).
 */

// Printing leaves the portal's frame out and keeps each notice on its own pages.
const NOTICE_STYLE = `nav.notices{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.2rem 0 0}nav.notices a{font-weight:600}
.notice-head{text-align:center;margin-bottom:.8rem}.notice-head h2{border:0;padding:0;font-size:1.3rem;margin:.2rem 0}.notice-head .number{color:#444;font-size:.95rem}
.notice-head .authority{font-size:1rem;margin-top:.2rem}.print-only{display:none}td ul{margin:0;padding-left:1.1rem}
@media print{header,footer,nav.notices,.no-print,form.search{display:none!important}body{background:#fff;color:#000;font-size:10.5pt}main{max-width:none;margin:0;padding:0}
section{border:0;border-radius:0;padding:0;margin:0 0 1.2rem;break-inside:auto}section.notice{break-before:page}section.notice:first-of-type{break-before:auto}
a{color:inherit;text-decoration:none}th{background:none;color:#000}th,td{border:1px solid #999}table{font-size:9.5pt}.print-only{display:block}.tag{border:1px solid #999;background:none;color:#000}}`;

/** The hash of the notices' inline style, for the portal's Content-Security-Policy. */
export const NOTICE_STYLE_HASH = cspHash(NOTICE_STYLE);
const head = new Html(`<style>${NOTICE_STYLE}</style>`);

export const NOTICE_KINDS = {
  checklist: '抽查事项清单',
  plans: '抽查计划公告',
  tasks: '抽查任务公告',
  results: '抽查结果公告',
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

/** The links to the four notices, as the jurisdiction's page and each notice show them. */
export function noticeLinks(code: string): Html {
  const links = [...(Object.keys(NOTICE_KINDS) as NoticeKind[]).map((k) => html`<a href="/j/${code}/notices/${k}">${NOTICE_KINDS[k]}</a>`), html`<a href="/j/${code}/credit.csv">信用信息公示导出</a>`];
  // Separated by text too: the jurisdiction's page shows them without the notices' style.
  return html`<nav class="notices" aria-label="公示公告">${links.map((l, i) => (i ? html` · ${l}` : l))}</nav>`;
}

function frame(j: NoticeJurisdiction, kind: NoticeKind, title: string, body: Html, downloads = true): string {
  return page(`${j.name} ${title}`, html`<section class="no-print"><h2><a href="/j/${j.code}">${j.name}</a> · ${NOTICE_KINDS[kind]}</h2>${noticeLinks(j.code)}
${downloads ? html`<p class="muted">下载：<a href="/j/${j.code}/notices/${kind}.csv">CSV</a> · <a href="/j/${j.code}/notices/${kind}.xlsx">XLSX</a> · 订阅 <a href="/j/${j.code}/feed.atom">Atom</a> · 打印本页即为公告文本</p>` : html``}</section>
${body}`, head);
}

const noticeHead = (title: string, number: string | null, authority: string) =>
  html`<div class="notice-head"><div class="authority">${authority}</div><h2>${title}</h2>${number ? html`<div class="number">${number}</div>` : html``}</div>`;

const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');

// ─── 抽查事项清单 ───────────────────────────────────────────────────────────

export function checklistPage(j: NoticeJurisdiction, items: readonly ChecklistNoticeItem[]): string {
  return frame(j, 'checklist', NOTICE_KINDS.checklist, html`<section class="notice">${noticeHead(`${j.name}随机抽查事项清单`, null, j.authority)}
${items.length === 0 ? html`<p class="muted">本辖区尚未公布抽查事项清单。</p>` : html`<table><thead><tr><th>序号</th><th>抽查事项</th><th>抽查依据</th><th>检查主体</th><th>检查对象</th><th>抽查比例</th><th>抽查频次</th><th>检查方式</th></tr></thead><tbody>
${items.map((it, i) => html`<tr><td>${i + 1}</td><td>${it.parentName ? html`<span class="muted">${it.parentName} · </span>` : html``}${it.name}</td><td>${orDash(it.legalBasis)}</td><td>${orDash(it.subject ?? j.authority)}</td><td>${orDash(it.inspectionObject)}</td><td>${orDash(it.ratio)}</td><td>${orDash(it.frequency)}</td><td>${orDash(it.method)}</td></tr>`)}
</tbody></table><p class="muted">共 ${items.length} 项。未写明检查主体的事项，检查主体为${j.authority}。</p>`}</section>`);
}

export function checklistTable(j: NoticeJurisdiction, items: readonly ChecklistNoticeItem[]): ExportTable {
  return {
    sheetName: NOTICE_KINDS.checklist,
    headers: ['序号', '事项编码', '抽查事项名称', '上级事项', '抽查依据', '检查主体', '检查对象', '抽查比例', '抽查频次', '检查方式', '抽查类别'],
    rows: items.map((it, i) => [String(i + 1), it.code, it.name, it.parentName ?? '', it.legalBasis ?? '', it.subject ?? j.authority, it.inspectionObject ?? '', it.ratio ?? '', it.frequency ?? '', it.method ?? '', it.category ?? '']),
  };
}

// ─── 抽查计划公告 ───────────────────────────────────────────────────────────

export function plansPage(j: NoticeJurisdiction, plans: readonly PlanNotice[]): string {
  return frame(j, 'plans', NOTICE_KINDS.plans, plans.length === 0 ? html`<section><p class="muted">暂无公布的年度抽查计划。</p></section>` : html`${plans.map((p) => html`<section class="notice" id="plan-${p.id}">${noticeHead(p.title, p.documentNumber, p.responsibleUnit)}
<dl><dt>年度</dt><dd>${p.year}</dd><dt>是否定向</dt><dd>${orDash(p.directed)}</dd><dt>抽查时间</dt><dd>${p.periodStart ? `${p.periodStart} 至 ${p.periodEnd}` : '—'}</dd>
<dt>责任单位</dt><dd>${p.responsibleUnit}</dd><dt>抽查范围</dt><dd>${orDash(p.scope)}</dd><dt>抽查比例</dt><dd>${orDash(p.ratio)}</dd>
<dt>计划检查次数</dt><dd>“双随机”抽查 ${p.doubleRandomCount} 次，其他检查 ${p.otherCount} 次</dd><dt>计划编号</dt><dd>${orDash(p.number)}</dd><dt>文号</dt><dd>${orDash(p.documentNumber)}</dd><dt>发布日期</dt><dd>${p.publishedOn}</dd>
<dt>抽查任务</dt><dd>${p.tasks.length ? p.tasks.map((t) => html`${t.number ?? ''} ${t.title}<br>`) : '—'}</dd>
${p.amendments.length ? html`<dt>计划调整</dt><dd>${p.amendments.map((a) => html`第${a.seq}次（${a.on}）：${a.reason}<br>`)}</dd>` : html``}</dl></section>`)}`);
}

export function plansTable(plans: readonly PlanNotice[]): ExportTable {
  return {
    sheetName: NOTICE_KINDS.plans,
    headers: ['计划编号', '计划名称', '年度', '是否定向', '抽查开始日期', '抽查结束日期', '责任单位', '抽查范围', '抽查比例', '计划双随机抽查次数', '计划其他检查次数', '文号', '发布日期', '抽查任务'],
    rows: plans.map((p) => [
      p.number ?? '', p.title, String(p.year), p.directed ?? '', p.periodStart ?? '', p.periodEnd ?? '', p.responsibleUnit, p.scope ?? '', p.ratio ?? '', String(p.doubleRandomCount), String(p.otherCount),
      p.documentNumber ?? '', p.publishedOn, p.tasks.map((t) => `${t.number ?? ''} ${t.title}`.trim()).join('；'),
    ]),
  };
}

// ─── 抽查任务公告 ───────────────────────────────────────────────────────────

/**
 * A list page shows a notice's enterprises in full up to so many; a larger one (a 10,000-pick
 * draw) links to its own page instead, so that the list stays light.
 */
export const INLINE_OBJECTS_MAX = 50;

function taskSection(j: NoticeJurisdiction, t: TaskNotice, single: boolean): Html {
  const inline = single || t.picks.length <= INLINE_OBJECTS_MAX;
  // The enterprise's 检查通知书 and its verification page exist for non-covert tasks only.
  const links = (uscc: string) => (t.covert || !t.drawId ? html`` : html`<a href="/j/${j.code}/tasks/${t.taskId}/notices/${uscc}.pdf">检查通知书</a> · <a href="/verify/${t.drawId}/${uscc}">核验</a>`);
  return html`<section class="notice" id="task-${t.taskId}">${noticeHead(`${t.title}抽查任务公告`, t.number, t.authority)}
<dl><dt>公告编号</dt><dd>${t.number}</dd><dt>所属计划</dt><dd>${t.plan ? `${t.plan.year}年 ${t.plan.title}` : '—'}</dd><dt>检查类型</dt><dd>${t.typeText}</dd>
${t.joint ? html`<dt>联合检查部门</dt><dd>${t.departments.join('、')}</dd>` : html``}
<dt>检查事项</dt><dd>${t.items.join('、')}</dd><dt>抽查范围</dt><dd>${t.scope}</dd><dt>检查时间</dt><dd>${t.windowStart} 至 ${t.windowEnd}（计划检查日 ${t.inspectionDate}）</dd>
<dt>检查实施机关</dt><dd>${t.authority}</dd><dt>抽查对象数量</dt><dd>${t.objectCount} 家</dd><dt>公告日期</dt><dd>${t.publishedOn}</dd></dl>
${!inline ? html`<p><a href="/j/${j.code}/notices/tasks/${t.taskId}">抽查对象名单（${t.picks.length} 家）见本公告单独页面</a></p>` : t.picks.length ? html`<h3>抽查对象名单</h3><table><thead><tr><th>序号</th><th>检查对象</th><th>统一社会信用代码</th><th>检查事项</th><th>检查人员</th><th class="no-print">文书</th></tr></thead><tbody>
${t.picks.map((p) => html`<tr><td>${p.order}</td><td>${p.name}</td><td><code>${p.uscc}</code></td><td>${p.items.join('、') || '—'}</td><td>${p.team.join('、')}</td><td class="no-print">${links(p.uscc)}</td></tr>`)}
</tbody></table>` : html``}
<p class="muted no-print">${single ? html`` : html`<a href="/j/${j.code}/notices/tasks/${t.taskId}">单独查看、打印本公告</a> · `}${t.drawId ? html`<a href="/live/${t.drawId}">抽取过程</a> · <a href="/draws/${t.drawId}/export.json">验证数据（JSON）</a>` : html``}</p></section>`;
}

export function tasksPage(j: NoticeJurisdiction, tasks: readonly TaskNotice[]): string {
  return frame(j, 'tasks', NOTICE_KINDS.tasks, tasks.length ? html`${tasks.map((t) => taskSection(j, t, false))}` : html`<section><p class="muted">暂无公告的抽查任务。</p></section>`);
}

export function taskPage(j: NoticeJurisdiction, t: TaskNotice): string {
  return frame(j, 'tasks', `${t.number} ${t.title}`, taskSection(j, t, true), false);
}

export function tasksTable(tasks: readonly TaskNotice[]): ExportTable {
  return {
    sheetName: NOTICE_KINDS.tasks,
    headers: ['公告编号', '抽查任务名称', '所属计划', '检查类型', '联合检查部门', '检查事项', '抽查范围', '检查开始日期', '检查结束日期', '计划检查日', '检查实施机关', '抽查对象数量', '公告日期', '抽查对象名单'],
    rows: tasks.map((t) => [
      t.number, t.title, t.plan ? `${t.plan.year}年 ${t.plan.title}` : '', t.typeText, t.departments.join('、'), t.items.join('、'), t.scope, t.windowStart, t.windowEnd, t.inspectionDate, t.authority,
      String(t.objectCount), t.publishedOn, t.picks.map((p) => `${p.name}（${p.uscc}）`).join('；'),
    ]),
  };
}

// ─── 抽查结果公告 ───────────────────────────────────────────────────────────

function resultSection(j: NoticeJurisdiction, n: ResultNotice, single: boolean): Html {
  const latest = n.versions.length;
  const inline = single || n.entries.length <= INLINE_OBJECTS_MAX;
  return html`<section class="notice" id="result-${n.taskId}">${noticeHead(`${n.title}抽查结果公告`, `${n.number}${n.version > 1 ? `（第${n.version}版）` : ''}`, n.authority)}
<dl><dt>结果公告编号</dt><dd>${n.number}</dd><dt>任务公告编号</dt><dd><a href="/j/${j.code}/notices/tasks/${n.taskId}">${n.taskNumber}</a></dd><dt>检查类型</dt><dd>${n.typeText}</dd><dt>检查实施机关</dt><dd>${n.authority}</dd>
<dt>版本</dt><dd>${latest > 1 ? html`第${n.version}版（共${latest}版${n.version === latest ? '，现行' : html`，<a href="/j/${j.code}/notices/results/${n.taskId}">现行为第${latest}版</a>`}）` : '第1版'}</dd>
<dt>公示日期</dt><dd>${chinaDate(n.versions[n.version - 1]!.publishedAt)}</dd></dl>
${!inline ? html`<p><a href="/j/${j.code}/notices/results/${n.taskId}">${n.entries.length} 家检查对象的检查结果见本公告单独页面</a></p>` : html`<table><thead><tr><th>序号</th><th>检查对象</th><th>统一社会信用代码</th><th>检查日期</th><th>检查结果</th><th>各检查事项结果</th><th>处理</th></tr></thead><tbody>
${n.entries.map((e) => html`<tr><td>${e.order}</td><td><a href="/results/${e.resultId}">${e.name}</a>${e.version > 1 ? html` <span class="tag warn">更正 第${e.version}版</span>` : html``}</td><td><code>${e.uscc}</code></td><td>${e.inspectedOn}</td>
<td>${e.categoryLabel}${e.hazards.some((h) => h.major) ? html` <span class="tag warn">重大事故隐患</span>` : html``}</td>
<td>${e.items.length ? html`<ul>${e.items.map((i) => html`<li>${i.name}：${i.outcome}${i.note ? `（${i.note}）` : ''}</li>`)}</ul>` : '—'}</td><td>${handlingSummary(e.handling) || '—'}</td></tr>`)}
</tbody></table>`}
${latest > 1 ? html`<h3>更正记录</h3><ul>${n.versions.slice(1).map((v) => html`<li>第${v.version}版（${chinaDate(v.publishedAt)}）：更正${v.enterprise ?? ''}的检查结果${v.reason ? `，理由：${v.reason}` : ''}${single ? html` · <a class="no-print" href="/j/${j.code}/notices/results/${n.taskId}?v=${v.version - 1}">查看第${v.version - 1}版</a>` : html``}</li>`)}</ul>` : html``}
${single ? html`` : html`<p class="muted no-print"><a href="/j/${j.code}/notices/results/${n.taskId}">单独查看、打印本公告</a></p>`}</section>`;
}

export function resultsPage(j: NoticeJurisdiction, notices: readonly ResultNotice[]): string {
  return frame(j, 'results', NOTICE_KINDS.results, notices.length ? html`${notices.map((n) => resultSection(j, n, false))}` : html`<section><p class="muted">暂无公示的抽查结果。</p></section>`);
}

export function resultNoticePage(j: NoticeJurisdiction, n: ResultNotice): string {
  return frame(j, 'results', `${n.number} ${n.title}`, resultSection(j, n, true), false);
}

export function resultsTable(notices: readonly ResultNotice[]): ExportTable {
  return {
    sheetName: NOTICE_KINDS.results,
    headers: ['结果公告编号', '版本', '任务公告编号', '抽查任务名称', '检查实施机关', '检查类型', '序号', '企业名称', '统一社会信用代码', '检查日期', '检查结果', '各检查事项结果', '处理情况', '结果版本', '更正理由', '公示日期'],
    rows: notices.flatMap((n) => n.entries.map((e) => [
      n.number, String(n.version), n.taskNumber, n.title, n.authority, n.typeText, String(e.order), e.name, e.uscc, e.inspectedOn, e.categoryLabel,
      e.items.map((i) => `${i.name}：${i.outcome}${i.note ? `（${i.note}）` : ''}`).join('；'), handlingSummary(e.handling), String(e.version), e.correctionReason ?? '', chinaDate(e.publishedAt),
    ])),
  };
}
