import { cspHash } from '../http/security-headers.ts';
import { RESERVE_LABEL, RESERVE_WHY } from '../../core/draw/reserve-label.ts';

const LIVE_QUERY = `subscription Live($draw: ID!) { drawEvents(draw: $draw) { __typename
    ... on DrawLocked { drawId taskTitle size inspectionDate commitment beacon snapshotHash packKey candidates pacingMs lockedAt }
    ... on EntropyAdded { seq value contributor receivedAt }
    ... on SeedRevealed { secret entropy seed drawnAt }
    ... on PickRevealed { order total uscc enterpriseName stratum due fromReserve items leader { name unit } members { name } experts { name } }
    ... on DrawCompleted { picks verified status differences pending summary exportUrl }
    ... on DrawCancelled { at reason } } }`;

const LIVE_STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;background:#0f1d2e;color:#f2f5f8}
header{background:#b3261e;padding:1rem 2rem}h1{margin:0;font-size:2rem}#task{font-size:1.3rem;margin-top:.3rem}
main{padding:1rem 2rem;display:grid;grid-template-columns:1fr 2fr;gap:1.5rem}
section{background:#17283d;border-radius:.5rem;padding:1rem}h2{margin:.2rem 0 .8rem;font-size:1.2rem;color:#ffd166}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .8rem;margin:0}dt{color:#9fb3c8}dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
#status{font-size:1.4rem;font-weight:bold}ol#entropy{padding-left:2.5rem;max-height:14rem;overflow:auto;font-family:ui-monospace,monospace}
table{width:100%;border-collapse:collapse;font-size:1.1rem}th,td{border-bottom:1px solid #2c4460;padding:.45rem;text-align:left}th{color:#9fb3c8}
tr.new{animation:flash 1.2s}@keyframes flash{from{background:#ffd16655}to{background:transparent}}
#verdict{font-size:1.5rem;font-weight:bold;margin-top:1rem}.ok{color:#7bd88f}.bad{color:#ff6b6b}.pending{color:#f2c14e}
form{display:flex;gap:.5rem;margin-top:.6rem}input{flex:1;padding:.4rem;font-size:1rem}button{padding:.4rem .8rem;font-size:1rem}
a{color:#8ecae6}
`;

// Static, so the Content-Security-Policy allows it by its hash; the draw comes from <body data-draw>.
const LIVE_SCRIPT = `
const DRAW = document.body.dataset.draw;
const QUERY = ${JSON.stringify(LIVE_QUERY)};
const $ = (id) => document.getElementById(id);
const set = (id, text) => { $(id).textContent = text; };
const LABELS = { MAJOR: '重大风险', HIGH: '较大风险', GENERAL: '一般风险', LOW: '低风险', TRUSTWORTHY: '守信', NORMAL: '信用一般', DISHONEST: '失信', SERIOUSLY_DISHONEST: '严重失信', all: '全部' };
/** "riskLevel=HIGH|creditLevel=NORMAL" → "较大风险 · 信用一般" */
const stratumLabel = (s) => s.split('|').map((part) => { const v = part.includes('=') ? part.split('=')[1] : part; return LABELS[v] || v; }).join(' · ');
// 一般不重合 (§5c): the other level's picks this year are drawn only for seats the rest could not fill.
const RESERVE_LABEL = ${JSON.stringify(RESERVE_LABEL)};
const RESERVE_WHY = ${JSON.stringify(RESERVE_WHY)};
function cell(tr, text) { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }
function onEvent(e) {
  switch (e.__typename) {
    case 'DrawLocked':
      set('task', e.taskTitle + ' · 抽取 ' + e.size + ' 家 · 检查日期 ' + e.inspectionDate);
      set('status', '已锁定，正在收集公众熵值');
      set('commitment', e.commitment); set('beacon', e.beacon || '（无）'); set('snapshot', e.snapshotHash);
      set('pack', e.packKey); set('candidates', String(e.candidates));
      break;
    case 'EntropyAdded': {
      const li = document.createElement('li'); li.textContent = e.value + '  — ' + e.contributor; $('entropy').appendChild(li);
      break;
    }
    case 'SeedRevealed':
      set('status', '已揭示密钥，结果已确定，逐一公布中'); set('secret', e.secret); set('seed', e.seed);
      $('contribute').hidden = true;
      break;
    case 'PickRevealed': {
      const tr = document.createElement('tr'); tr.className = 'new'; tr.dataset.order = e.order;
      cell(tr, e.order + '/' + e.total); cell(tr, e.enterpriseName || ''); cell(tr, e.uscc); cell(tr, stratumLabel(e.stratum) + (e.due ? '（应检）' : '') + (e.fromReserve ? ' · ' + RESERVE_LABEL : ''));
      if (e.fromReserve) tr.title = RESERVE_WHY;
      cell(tr, e.items.length ? e.items.join('、') : '—');
      const others = e.members.filter((m) => m.name !== e.leader.name).map((m) => m.name);
      cell(tr, '组长 ' + e.leader.name + (others.length ? '；组员 ' + others.join('、') : '') + (e.experts.length ? '；专家 ' + e.experts.map((x) => x.name).join('、') : ''));
      $('picks').appendChild(tr);
      break;
    }
    case 'DrawCancelled':
      set('status', '任务已取消，本次抽取不再进行：' + e.reason);
      $('contribute').hidden = true;
      document.body.dataset.done = 'true';
      break;
    case 'DrawCompleted': {
      set('status', '抽取完成，共 ' + e.picks + ' 家');
      const v = $('verdict');
      // Pending is neither a pass nor a failure: part of the draw waits for an upper level's covert task.
      v.className = e.status === 'VERIFIED' ? 'ok' : e.status === 'PENDING' ? 'pending' : 'bad';
      v.textContent = e.status === 'VERIFIED' ? '✓ 验证通过：结果可由公开数据重新推算' : e.status === 'PENDING' ? '… ' + e.summary : '✗ 验证未通过：' + e.differences.join('；');
      const a = document.createElement('a'); a.href = e.exportUrl; a.textContent = ' 下载抽取记录（JSON）'; v.appendChild(a);
      document.body.dataset.done = 'true';
      break;
    }
  }
}
const url = '/graphql?query=' + encodeURIComponent(QUERY) + '&variables=' + encodeURIComponent(JSON.stringify({ draw: DRAW }));
const source = new EventSource(url);
source.addEventListener('next', (m) => {
  const payload = JSON.parse(m.data);
  if (payload.errors) { set('status', '错误：' + payload.errors.map((x) => x.message).join('；')); return; }
  onEvent(payload.data.drawEvents);
});
source.addEventListener('complete', () => source.close());
source.onerror = () => { if (!document.body.dataset.done) set('status', '连接中断，正在重连……'); };
$('contribute').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const value = $('value').value;
  const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($d: ID!, $v: String!) { contributeEntropy(draw: $d, value: $v) { __typename ... on EntropyContribution { seq } ... on Error { message } } }', variables: { d: DRAW, v: value } }) });
  const body = await r.json();
  const res = body.data && body.data.contributeEntropy;
  set('contribute-result', res && res.seq ? '已收到，第 ' + res.seq + ' 条' : '未收到：' + ((res && res.message) || (body.errors || []).map((x) => x.message).join('；')));
  $('value').value = '';
});
`;

/** The hashes of the live page's inline style and script, for its Content-Security-Policy. */
export const LIVE_PAGE_HASHES = { style: cspHash(LIVE_STYLE), script: cspHash(LIVE_SCRIPT) } as const;

/**
 * The live-draw page (/live/<drawId>): for the projector in the draw room and for the public.
 * It subscribes to `drawEvents` over server-sent events (yoga serves GraphQL subscriptions as
 * SSE on GET /graphql), so it needs no client library; every value is written with textContent.
 */
export function livePage(drawId: string): string {
  const nodeId = Buffer.from(`Draw:${drawId}`).toString('base64');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>双随机抽查 现场抽取</title>
<style>${LIVE_STYLE}</style></head>
<body data-draw="${nodeId}">
<header><h1>“双随机”抽查 · 现场抽取</h1><div id="task">正在连接……</div></header>
<main>
<div>
<section><h2>抽取状态</h2><div id="status">等待抽取</div>
<dl>
<dt>承诺值（密钥哈希）</dt><dd id="commitment">—</dd>
<dt>公共随机源</dt><dd id="beacon">—</dd>
<dt>名录快照哈希</dt><dd id="snapshot">—</dd>
<dt>规则包</dt><dd id="pack">—</dd>
<dt>候选企业</dt><dd id="candidates">—</dd>
<dt>揭示的密钥</dt><dd id="secret">—</dd>
<dt>随机种子</dt><dd id="seed">—</dd>
</dl></section>
<section><h2>公众熵值（按收到顺序）</h2><ol id="entropy"></ol>
<form id="contribute"><input id="value" maxlength="200" placeholder="输入任意文字或数字，参与生成随机种子" aria-label="熵值"><button>提交</button></form>
<div id="contribute-result"></div></section>
</div>
<section><h2>抽取结果</h2>
<table><thead><tr><th>序号</th><th>企业名称</th><th>统一社会信用代码</th><th>分层</th><th>检查事项</th><th>检查组</th></tr></thead><tbody id="picks"></tbody></table>
<div id="verdict"></div></section>
</main>
<script>${LIVE_SCRIPT}</script>
</body></html>`;
}
