import type { Jurisdiction } from '@prisma/client';
import { html, page, type Html } from './html.ts';
import type { BulletinEvent, BulletinResult, BulletinUse } from '../../core/publication/monthly-bulletin.ts';
import type { PeriodicBulletin } from '../results/monthly-bulletins.ts';

const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const lateTag = (b: PeriodicBulletin) => (b.daysLate > 0 ? html`<span class="tag warn">逾期发布（逾期 ${b.daysLate} 天）</span>` : html`<span class="tag ok">按期发布</span>`);

/** `/j/<code>/bulletins`: the monthly bulletins (月度公告), newest month first. */
export function bulletinListPage(j: Jurisdiction, bulletins: readonly PeriodicBulletin[], periodic: boolean): string {
  const body = !periodic && bulletins.length === 0
    ? html`<p class="muted">本辖区的规则包未规定定期公开，不发布月度公告。</p>`
    : bulletins.length === 0
      ? html`<p class="muted">暂无月度公告。</p>`
      : html`<table><thead><tr><th>月份</th><th>应发布日</th><th>发布日</th><th>检查结果</th><th>状态</th></tr></thead><tbody>
${bulletins.map((b) => html`<tr><td><a href="/j/${j.code}/bulletins/${b.month}">${monthText(b.month)}</a></td><td>${b.dueOn}</td><td>${b.issuedOn}</td><td>${b.content.results.length} 条</td><td>${lateTag(b)}</td></tr>`)}
</tbody></table>`;
  return page(`月度公告 · ${j.name}`, html`<section><h2><a href="/j/${j.code}">${j.name}</a> · 月度公告</h2>${body}</section>`);
}

function resultTable(rows: readonly BulletinResult[], empty: string): Html {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<table><thead><tr><th>企业名称</th><th>统一社会信用代码</th><th>抽查任务</th><th>检查日期</th><th>检查结果</th><th>处理</th><th>公示日期</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td><a href="/results/${r.resultId}">${r.enterpriseName}</a></td><td><code>${r.uscc}</code></td><td>${r.taskTitle}</td><td>${r.inspectedOn}</td><td>${r.version > 1 ? html`<span class="tag warn">更正 第${r.version}版</span>` : html``}${r.categoryLabel}${r.majorHazards ? html` <span class="tag warn">重大事故隐患 ${r.majorHazards} 项</span>` : html``}</td><td>${r.handling}</td><td>${r.publishedOn}</td></tr>`)}
</tbody></table>`;
}

function eventTable(rows: readonly BulletinEvent[], empty: string): Html {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<table><thead><tr><th>日期</th><th>企业名称</th><th>统一社会信用代码</th><th>事项</th><th>说明</th></tr></thead><tbody>
${rows.map((e) => html`<tr><td>${e.occurredOn}</td><td><a href="/results/${e.resultId}">${e.enterpriseName}</a></td><td><code>${e.uscc}</code></td><td>${e.label}</td><td>${e.note ?? '—'}</td></tr>`)}
</tbody></table>`;
}

function useTable(rows: readonly BulletinUse[]): Html {
  if (rows.length === 0) return html`<p class="muted">本月检查结果未引起企业黑名单、风险等级或信用等级的变化。</p>`;
  return html`<table><thead><tr><th>日期</th><th>企业名称</th><th>统一社会信用代码</th><th>结果运用</th></tr></thead><tbody>
${rows.map((u) => html`<tr><td>${u.on}</td><td><a href="/results/${u.resultId}">${u.enterpriseName}</a></td><td><code>${u.uscc}</code></td><td>${u.what}</td></tr>`)}
</tbody></table>`;
}

/** `/j/<code>/bulletins/<yyyy-mm>`: one bulletin exactly as issued. */
export function bulletinPage(j: Jurisdiction, b: PeriodicBulletin): string {
  const c = b.content;
  return page(`${monthText(b.month)}月度公告 · ${j.name}`, html`<section><h2><a href="/j/${j.code}">${j.name}</a> · ${monthText(b.month)}双随机抽查情况公告 ${lateTag(b)}</h2>
<dl><dt>依据</dt><dd>${c.basis.document ?? ''}${c.basis.clause}：每月前 ${c.basis.withinWorkingDays} 个工作日内公开上月结果</dd><dt>应发布日</dt><dd>${b.dueOn}</dd><dt>发布日</dt><dd>${b.issuedOn}${b.daysLate > 0 ? `（逾期 ${b.daysLate} 天）` : ''}</dd>
<dt>内容哈希</dt><dd><code>${b.contentHash}</code></dd></dl><p class="muted">公告发布后不再修改；此后的更正见各检查结果页。</p></section>
<section id="results"><h2>本月公示的检查结果（${c.results.length} 条）</h2>${resultTable(c.results, '本月无公示的检查结果。')}</section>
<section id="feedback"><h2>检查结果反馈</h2>${eventTable(c.feedback, '本月无反馈记录。')}</section>
<section id="opinions"><h2>被检查对象的意见</h2>${eventTable(c.opinions, '本月未收到意见。')}</section>
<section id="penalties"><h2>行政处罚</h2>${resultTable(c.penalties, '本月无行政处罚。')}</section>
<section id="transfers"><h2>移送</h2>${resultTable(c.transfers, '本月无移送。')}</section>
<section id="handling"><h2>查处与复查</h2>${eventTable(c.handling, '本月无查处完毕或复查记录。')}</section>
<section id="uses"><h2>结果运用</h2>${useTable(c.uses)}</section>`);
}
