import type { Jurisdiction } from '@prisma/client';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LEVEL = { PROVINCE: '省', CITY: '市', COUNTY: '县（区）' } as const;

/** The home page: what this server is and where to go. Readable without JavaScript. */
export function landingPage(jurisdictions: readonly Jurisdiction[], kinds: readonly string[]): string {
  const rows = jurisdictions
    .map((j) => `<tr><td>${escape(j.code)}</td><td>${escape(j.name)}</td><td>${LEVEL[j.level]}</td><td>${j.rulePackId ? escape(`${j.rulePackId}@${j.rulePackVersion ?? ''}`) : '—'}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>双随机、一公开 抽查平台</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}code{background:#f3f3f3;padding:0 .2rem}</style></head>
<body><h1>双随机、一公开 安全生产监督抽查平台</h1>
<p>随机抽取检查对象，随机选派执法检查人员，抽查情况及查处结果及时向社会公开。</p>
<h2>辖区</h2><table><thead><tr><th>行政区划代码</th><th>名称</th><th>层级</th><th>规则包</th></tr></thead><tbody>
${rows || '<tr><td colspan="4">暂无辖区</td></tr>'}
</tbody></table>
<h2>接口</h2><ul><li><a href="/graphql">GraphQL（GraphiQL）</a></li>
<li>名录导出（需本辖区令牌）：<code>/export/&lt;行政区划代码&gt;/&lt;${kinds.join('|')}&gt;.csv</code> 或 <code>.xlsx</code></li></ul>
</body></html>`;
}
