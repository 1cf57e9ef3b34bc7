import { html, page, type Html } from './html.ts';
import type { DrawVerificationPage } from './draw-verification.ts';
import type { EnterpriseRecord } from './enterprise-record.ts';
import { enterpriseRecordPath, noticePath } from './enterprise-urls.ts';

const VERDICT = { VERIFIED: '验证通过', MISMATCH: '验证失败', PENDING: '部分验证（等待上级暗查任务结束）' } as const;

function verdict(v: DrawVerificationPage['verification']): Html {
  const tag = v.status === 'VERIFIED' ? 'ok' : 'warn';
  return html`<p id="verdict"><span class="tag ${tag}">${VERDICT[v.status]}</span> ${v.summary}</p>
${v.differences.length ? html`<h3>不符之处</h3><ul>${v.differences.map((d) => html`<li><code>${d}</code></li>`)}</ul>` : html``}
${v.pending.length ? html`<h3>尚待核验</h3><ul>${v.pending.map((d) => html`<li><code>${d}</code></li>`)}</ul>` : html``}`;
}

/** `/verify/<draw>/<uscc>`: that this enterprise was drawn fairly, readable without JavaScript. */
export function verificationPage(v: DrawVerificationPage): string {
  const who = v.enterpriseName ?? v.uscc;
  const outcome = v.drawn
    ? html`<p>${who} 在本次抽取中<strong>被抽中</strong>（第 ${v.order} 位${v.due ? '，应检对象优先抽取' : ''}${v.fromReserve ? '，一般不重合备选补抽' : ''}）。</p>`
    : html`<p>${who} 在本次抽取中<strong>未被抽中</strong>。${v.inSnapshot ? '' : '该企业不在本次抽取锁定的名录快照中。'}</p>`;
  return page(`抽取核验 ${who}`, html`<section><h2>抽取核验 · ${who}</h2>
<dl><dt>统一社会信用代码</dt><dd><code>${v.uscc}</code></dd><dt>辖区</dt><dd><a href="/j/${v.jurisdiction.code}">${v.jurisdiction.name}</a></dd>
<dt>检查实施机关</dt><dd>${v.authority}</dd><dt>抽查任务</dt><dd>${v.taskTitle}${v.noticeNumber ? `（${v.noticeNumber}）` : ''}${v.covert ? html` <span class="tag">暗查暗访（检查结束后公开）</span>` : html``}</dd><dt>检查日期</dt><dd>${v.inspectionDate}</dd>
<dt>抽取编号</dt><dd><code>${v.drawId}</code></dd><dt>算法版本</dt><dd><code>${v.algorithm}</code>（<a href="/draws/${v.drawId}/export.json">验证数据 JSON</a> · <a href="/live/${v.drawId}">抽取过程</a>${v.drawn ? html` · <a href="${noticePath(v.jurisdiction.code, v.taskId, v.uscc)}">检查通知书（PDF）</a>` : html``}）</dd></dl>
${outcome}</section>
<section><h2>验证结果</h2>${verdict(v.verification)}<p class="muted">服务器以公开的验证数据运行与命令行 <code>double-random draw verify</code> 相同的验证程序，从承诺值、密钥、熵值、名录快照与规则包重新推算整个抽取记录并逐项比对。</p></section>
<section><h2>抽取池与入选概率</h2>
<dl><dt>名录快照</dt><dd>${v.snapshotSize} 家</dd><dt>抽取池</dt><dd>${v.poolSize === null ? '待上级暗查任务结束后可知' : `${v.poolSize} 家（其余因规则排除）`}</dd><dt>本次抽取</dt><dd>${v.size} 家</dd>
<dt>所在分层</dt><dd>${v.stratum ? `${v.stratum.label}：本层 ${v.stratum.size} 家，抽取 ${v.stratum.quota} 家` : v.due ? '应检对象（优先抽取）' : '—'}</dd>
<dt>入选概率</dt><dd id="chance">${v.inclusion ? html`<strong>${v.inclusion}</strong>（${v.percent}）` : '不是精确值（按权重抽取）或尚不可知'}</dd>
<dt>说明</dt><dd>${v.explanation}</dd></dl></section>
<section><h2>种子的输入</h2>
<dl><dt>承诺值 SHA-256(密钥)</dt><dd><code>${v.seed.commitment}</code></dd><dt>抽取官揭示的密钥</dt><dd><code>${v.seed.secret}</code></dd>
<dt>公开随机源</dt><dd>${v.seed.beacon ?? '（未指定）'}</dd>
<dt>公众熵值（按收到顺序）</dt><dd>${v.seed.entropy.length ? html`<ol>${v.seed.entropy.map((e) => html`<li><code>${e}</code></li>`)}</ol>` : '（无）'}</dd>
<dt>名录快照哈希</dt><dd><code>${v.seed.snapshotHash}</code></dd><dt>规则包</dt><dd><code>${v.seed.packKey}</code></dd><dt>种子</dt><dd><code>${v.seed.seed}</code></dd></dl></section>
<p class="muted"><a href="${enterpriseRecordPath(v.uscc)}">该企业的公开检查记录</a></p>`);
}

/** `/enterprises/<uscc>`: one enterprise's published inspections, results, corrections and objections. */
export function enterpriseRecordPage(r: EnterpriseRecord): string {
  const title = r.name ?? r.uscc;
  const rows = r.inspections.map((i) => html`<tr><td>${i.inspectionDate}</td><td>${i.taskTitle}${i.covert ? html` <span class="tag">暗查暗访</span>` : html``}${i.noticeNumber ? html`<br><span class="muted">${i.noticeNumber}</span>` : html``}</td><td><a href="/j/${i.jurisdiction.code}">${i.authority}</a></td>
<td>${i.results.length ? i.results.slice().reverse().map((v, n) => html`${n > 0 ? html`<br>` : html``}<a href="/results/${v.id}">${v.categoryLabel}</a>${v.version > 1 ? html` <span class="tag warn">更正 第${v.version}版</span>` : html``}${n > 0 ? html` <span class="tag">已被更正</span>` : html``} <span class="muted">${v.publishedOn} 公示${v.correctionReason ? `；更正理由：${v.correctionReason}` : ''}</span>`) : html`<span class="muted">尚未公示</span>`}</td>
<td>${i.objections.length ? i.objections.map((o, n) => html`${n > 0 ? html`<br>` : html``}<span class="tag">${o.statusLabel}</span> <span class="muted">${o.receivedOn} 提出${o.answeredOn ? `，${o.answeredOn} 答复` : ''}${o.upheld === true ? '，复核认为结果有误并已更正' : o.upheld === false ? '，复核维持原结果' : ''}</span>`) : '—'}</td>
<td><a href="${i.verificationUrl}">抽取核验</a> · <a href="${i.noticeUrl}">检查通知书</a></td></tr>`);
  const nav = r.pages > 1 ? html`<p class="muted">第 ${r.page} / ${r.pages} 页${r.page > 1 ? html` · <a href="?page=${r.page - 1}">上一页</a>` : html``}${r.page < r.pages ? html` · <a href="?page=${r.page + 1}">下一页</a>` : html``}</p>` : html``;
  return page(`${title} 公开检查记录`, html`<section><h2>${title} · 公开检查记录</h2>
<dl><dt>统一社会信用代码</dt><dd><code>${r.uscc}</code></dd><dt>公示的抽查</dt><dd>${r.total} 次（各辖区，按检查日期由近及远）</dd></dl></section>
<section><h2>抽查检查与结果</h2>${r.inspections.length ? html`<table><thead><tr><th>检查日期</th><th>抽查任务</th><th>检查实施机关</th><th>检查结果</th><th>异议</th><th>核验</th></tr></thead><tbody>${rows}</tbody></table>${nav}` : html`<p class="muted">暂无公示的抽查检查记录。</p>`}</section>`);
}
