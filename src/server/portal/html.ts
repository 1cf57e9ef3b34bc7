import { cspHash } from '../http/security-headers.ts';

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    const piece = Array.isArray(v) ? v.map((x) => (x instanceof Html ? x.text : escapeHtml(String(x ?? '')))).join('') : v instanceof Html ? v.text : escapeHtml(String(v ?? ''));
    out += piece + strings[i + 1]!;
  });
  return new Html(out);
}

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:0;color:#1f2328;background:#f6f7f9;line-height:1.55}
header{background:#b3261e;color:#fff;padding:.9rem 1.5rem}header a{color:#fff;text-decoration:none}header h1{margin:0;font-size:1.35rem}header p{margin:.2rem 0 0;opacity:.9;font-size:.95rem}
main{max-width:68rem;margin:1.2rem auto;padding:0 1rem}section{background:#fff;border:1px solid #e1e4e8;border-radius:.4rem;padding:1rem 1.2rem;margin-bottom:1.2rem}
h2{font-size:1.15rem;margin:.1rem 0 .7rem;border-left:4px solid #b3261e;padding-left:.5rem}h3{font-size:1rem;margin:.8rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.93rem}th,td{border-bottom:1px solid #e8eaed;padding:.4rem .5rem;text-align:left;vertical-align:top}th{background:#fafbfc;color:#57606a;font-weight:600}
a{color:#0b57d0}form.search{display:flex;gap:.5rem}form.search input{flex:1;padding:.45rem;font-size:1rem;border:1px solid #c9ced6;border-radius:.3rem}form.search button{padding:.45rem 1rem;font-size:1rem}
.tag{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.25rem;background:#eef1f5;color:#444;margin-right:.25rem}.tag.warn{background:#fde7e5;color:#a1251b}.tag.ok{background:#e5f4ea;color:#1d6b37}
.muted{color:#6a737d;font-size:.88rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dt{color:#57606a}dd{margin:0}
code{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}footer{max-width:68rem;margin:1rem auto 2rem;padding:0 1rem;color:#6a737d;font-size:.85rem}`;

/** The hash of the portal's inline style, for its Content-Security-Policy. */
export const PORTAL_STYLE_HASH = cspHash(STYLE);

/** The portal's page frame: readable without JavaScript, in Chinese. */
export function page(title: string, body: Html, extraHead: Html = html``): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · 双随机、一公开</title><style>${STYLE}</style>${extraHead.text}</head>
<body><header><a href="/"><h1>双随机、一公开 · 安全生产监督抽查公示</h1></a><p>随机抽取检查对象，随机选派执法检查人员，抽查情况及查处结果及时向社会公开</p></header>
<main>${body.text}</main>
<footer>本平台公示内容不含身份证号码、联系电话等个人信息。抽取结果可由任何人依据公开的承诺值、种子与名录快照独立验证。<a href="/graphql">GraphQL 接口</a></footer>
</body></html>`;
}
