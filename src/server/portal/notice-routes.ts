import { encodeTable, type ExportTable } from '../import/encode-file.ts';
import { creditPeriod, creditRecords, creditTable } from './credit-export.ts';
import { html, page } from './html.ts';
import { checklistPage, checklistTable, plansPage, plansTable, resultNoticePage, resultsPage, resultsTable, taskPage, tasksPage, tasksTable, type NoticeKind } from './notice-pages.ts';
import { checklistNotice, noticeJurisdiction, planNotices, resultNotice, resultNotices, taskNotice, taskNotices, type NoticeContext } from './notices-data.ts';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const NOTICE = /^\/j\/([0-9]{6,12})\/notices\/(checklist|plans|tasks|results)(?:\.(csv|xlsx)|\/([0-9a-f-]{36}))?$/;
const CREDIT = /^\/j\/([0-9]{6,12})\/credit\.(csv|xlsx)$/;

const message = (status: number, title: string, text: string) =>
  new Response(page(title, html`<section><h2>${title}</h2><p>${text}</p><p><a href="/">返回首页</a></p></section>`), { status, headers: HTML });

async function file(table: ExportTable, format: 'csv' | 'xlsx', name: string): Promise<Response> {
  const body = await encodeTable(table, format);
  const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
  return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}.${format}"` } });
}

/**
 * The four notices and the credit export, public, no login:
 * `/j/<code>/notices/<checklist|plans|tasks|results>` (HTML, `.csv`, `.xlsx`),
 * `/j/<code>/notices/tasks/<taskId>`, `/j/<code>/notices/results/<taskId>?v=<version>`,
 * `/j/<code>/credit.csv|xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD`. Undefined for any other path.
 */
export async function noticeRoutes(c: NoticeContext, request: Request): Promise<Response | undefined> {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  const notice = NOTICE.exec(url.pathname);
  const credit = notice ? undefined : CREDIT.exec(url.pathname);
  if (!notice && !credit) return undefined;
  const code = (notice ?? credit)![1]!;
  const row = await c.prisma.jurisdiction.findUnique({ where: { code } });
  if (!row) return message(404, '未找到', `没有行政区划代码为 ${code} 的辖区。`);

  if (credit) {
    const format = credit[2] as 'csv' | 'xlsx';
    const period = creditPeriod(url.searchParams.get('from'), url.searchParams.get('to'));
    if (!period.ok) return new Response(`${period.error.message}\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const records = await creditRecords(c.prisma, row, period.value);
    return file(creditTable(records), format, `${code}-credit-${period.value.from}-${period.value.to}`);
  }

  const [, , kind, format, taskId] = notice! as unknown as [string, string, NoticeKind, 'csv' | 'xlsx' | undefined, string | undefined];
  const j = await noticeJurisdiction(c, row);
  if (taskId) {
    if (kind === 'tasks') {
      const t = await taskNotice(c, j, taskId);
      return t ? new Response(taskPage(j, t), { headers: HTML }) : message(404, '未找到', '没有这份已公告的抽查任务公告。');
    }
    if (kind === 'results') {
      const v = Number(url.searchParams.get('v'));
      const n = await resultNotice(c, j, taskId, Number.isInteger(v) && v > 0 ? v : undefined);
      return n ? new Response(resultNoticePage(j, n), { headers: HTML }) : message(404, '未找到', '这项抽查任务没有已公示的抽查结果公告。');
    }
    return undefined;
  }
  const name = `${code}-${kind}`;
  switch (kind) {
    case 'checklist': {
      const items = await checklistNotice(c, j);
      return format ? file(checklistTable(j, items), format, name) : new Response(checklistPage(j, items), { headers: HTML });
    }
    case 'plans': {
      const plans = await planNotices(c, j);
      return format ? file(plansTable(plans), format, name) : new Response(plansPage(j, plans), { headers: HTML });
    }
    case 'tasks': {
      const tasks = await taskNotices(c, j);
      return format ? file(tasksTable(tasks), format, name) : new Response(tasksPage(j, tasks), { headers: HTML });
    }
    case 'results': {
      const notices = await resultNotices(c, j);
      return format ? file(resultsTable(notices), format, name) : new Response(resultsPage(j, notices), { headers: HTML });
    }
  }
}
