import type { PageCache } from '../cache/page-cache.ts';
import { parseUscc } from '../../core/identifiers/uscc.ts';
import type { Services } from '../tasks/services.ts';
import { drawVerification } from './draw-verification.ts';
import { enterpriseNotice } from './enterprise-notice.ts';
import { enterpriseRecordPage, verificationPage } from './enterprise-pages.ts';
import { enterpriseRecord } from './enterprise-record.ts';
import { html, page } from './html.ts';
import { noticePdf } from './notice-pdf.ts';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const NOTICE = /^\/j\/([0-9]{6,12})\/tasks\/([0-9a-f-]{36})\/notices\/([^/]{1,40})\.pdf$/;
const VERIFY = /^\/verify\/([0-9a-f-]{36})\/([^/]{1,40})$/;
const RECORD = /^\/enterprises\/([^/]{1,40})$/;

const refusal = (status: 400 | 404, title: string, what: string) =>
  new Response(page(title, html`<section><h2>${title}</h2><p>${what}</p><p><a href="/">返回首页</a></p></section>`), { status, headers: HTML });

/** A USCC from a path, checked (GB 32100-2015, its check character): the value, or the page that refuses it. */
function usccOf(segment: string): { uscc: string } | { refused: Response } {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    text = segment;
  }
  const parsed = parseUscc(text);
  return parsed.ok ? { uscc: parsed.value } : { refused: refusal(400, '统一社会信用代码有误', parsed.error.message) };
}

/**
 * The enterprise's side of 一公开, no login: its 检查通知书 (`/j/<code>/tasks/<task>/notices/<uscc>.pdf`),
 * the verification page its QR code opens (`/verify/<draw>/<uscc>`) and its public record
 * (`/enterprises/<uscc>?page=`). Nothing of a covert task before it closes. Undefined for other paths.
 * The notice is kept in the portal's page cache when one is given (per origin: its QR code holds it).
 */
export async function enterprisePortal(s: Services, request: Request, pages?: PageCache): Promise<Response | undefined> {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  const notice = NOTICE.exec(url.pathname);
  if (notice) {
    const render = async () => {
      const checked = usccOf(notice[3]!);
      if ('refused' in checked) return checked.refused;
      const found = await enterpriseNotice(s.prisma, notice[2]!, notice[1]!, checked.uscc);
      if (!found) return refusal(404, '未找到检查通知书', '该抽查任务尚未公告（暗查暗访任务在检查结束前不公开），或该企业不是本任务的检查对象。');
      const pdf = await noticePdf(found, url.origin);
      return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="notice-${checked.uscc}.pdf"` } });
    };
    // Rendering a PDF costs far more than a page: kept like the portal's pages, dropped alike.
    return pages ? ((await pages.serve(request, render, { byOrigin: true })) ?? render()) : render();
  }
  const verify = VERIFY.exec(url.pathname);
  if (verify) {
    const checked = usccOf(verify[2]!);
    if ('refused' in checked) return checked.refused;
    const found = await drawVerification(s, verify[1]!, checked.uscc);
    if (!found) return refusal(404, '未找到抽取', '没有这次已公开的抽取（暗查暗访任务在检查结束前不公开）。');
    return new Response(verificationPage(found), { headers: HTML });
  }
  const record = RECORD.exec(url.pathname);
  if (record) {
    const checked = usccOf(record[1]!);
    if ('refused' in checked) return checked.refused;
    const pageNo = Number.parseInt(url.searchParams.get('page') ?? '1', 10);
    return new Response(enterpriseRecordPage(await enterpriseRecord(s.prisma, checked.uscc, Number.isFinite(pageNo) ? pageNo : 1)), { headers: HTML });
  }
  return undefined;
}
