import type { Jurisdiction } from '@prisma/client';
import { html, page, type Html } from './html.ts';
import type { PublicBlacklisting } from './blacklist-data.ts';

function standing(b: PublicBlacklisting): Html {
  if (b.withdrawnOn) return html`<span class="tag">已撤销</span> ${b.withdrawnOn}${b.withdrawnByResultId ? html`（<a href="/results/${b.withdrawnByResultId}">更正后的检查结果</a>）` : html``}${b.withdrawnReason ? html`<br><span class="muted">${b.withdrawnReason}</span>` : html``}`;
  if (b.liftedOn) return html`<span class="tag ok">已移出</span> ${b.liftedOn}${b.liftedReason ? html`<br><span class="muted">${b.liftedReason}</span>` : html``}`;
  return html`<span class="tag warn">在列</span>`;
}

function why(b: PublicBlacklisting): Html {
  const basis = b.clause ? html`<br><span class="muted">依据 ${b.document ?? ''}${b.clause}</span>` : html`<br><span class="muted">名录登记</span>`;
  const source = b.resultId ? html`<br><a href="/results/${b.resultId}">检查结果</a>${b.followUpOn ? html`（${b.followUpOn} 复查）` : html``}` : html``;
  return html`${b.reason}${basis}${source}`;
}

/** `/j/<code>/blacklist`: 黑名单 (曝光): who, since when, why (clause and result), lifted or withdrawn when. */
export function blacklistPage(j: Jurisdiction, list: readonly PublicBlacklisting[]): string {
  const open = list.filter((b) => !b.liftedOn && !b.withdrawnOn).length;
  return page(`黑名单 · ${j.name}`, html`<section><h2><a href="/j/${j.code}">${j.name}</a> · 黑名单（曝光）</h2>
<p class="muted">重大事故隐患隐瞒不报、逾期未整改等列入黑名单的生产经营单位，及其移出与撤销。当前在列 ${open} 家，共 ${list.length} 条记录。不含法定代表人、联系电话等个人信息。</p></section>
<section id="blacklist">${list.length === 0 ? html`<p class="muted">暂无列入黑名单的企业。</p>` : html`<table><thead><tr><th>企业名称</th><th>统一社会信用代码</th><th>列入日期</th><th>列入原因</th><th>状态</th></tr></thead><tbody>
${list.map((b) => html`<tr id="b-${b.id}"><td>${b.enterpriseName}</td><td><code>${b.uscc}</code></td><td>${b.since}</td><td>${why(b)}</td><td>${standing(b)}</td></tr>`)}
</tbody></table>`}</section>`);
}
