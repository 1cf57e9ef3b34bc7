import { canRead } from '../auth/viewer.ts';
import { viewerFromRequest } from '../auth/tokens.ts';
import type { Services } from '../tasks/services.ts';
import { complianceOf } from './compliance-of.ts';
import { REPORT_CONTENT_TYPES, reportFile, reportFileName, type ReportFormat } from './report-file.ts';

/** GET /api/compliance/<code>/<year>/report.pdf|xlsx[?asOf=YYYY-MM-DD] */
export const REPORT_PATH = /^\/api\/compliance\/([0-9]{6,12})\/([0-9]{4})\/report\.([a-z0-9]+)$/;

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * The self-inspection report (自查报告) as a download, for the members of the jurisdiction and of
 * the levels above it (canRead, as Jurisdiction.compliance); the public and neighbours are refused.
 * The token comes in the Authorization header, never in the URL.
 */
export async function handleReportDownload(s: Services, request: Request, match: RegExpExecArray): Promise<Response> {
  const [, code, yearText, ext] = match as unknown as [string, string, string, string];
  if (ext !== 'pdf' && ext !== 'xlsx') return text(`不支持的报告格式".${ext}"：须为 report.pdf 或 report.xlsx`, 404);
  const format: ReportFormat = ext;
  const jurisdiction = await s.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true } });
  if (!jurisdiction) return text(`没有代码为 ${code} 的辖区`, 404);
  const viewer = await viewerFromRequest(s.prisma, request);
  if ('invalid' in viewer) return text(viewer.invalid, 401);
  if (!canRead(viewer, jurisdiction.id)) {
    return viewer.kind === 'public' ? text('自查报告需要本辖区或上级的令牌（Authorization: Bearer …）', 401) : text('您的令牌不能查看此辖区的自查报告：仅本辖区及其上级可以', 403);
  }
  const asOf = new URL(request.url).searchParams.get('asOf') ?? undefined;
  const compliance = await complianceOf(s, viewer, code, Number(yearText), asOf);
  if (!compliance.ok) return text(compliance.error.message, compliance.error.code === 'FORBIDDEN' ? 403 : compliance.error.code === 'NOT_FOUND' ? 404 : 400);
  const body = await reportFile(s, jurisdiction.id, compliance.value, format);
  const name = reportFileName(compliance.value, format);
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': REPORT_CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`, 'cache-control': 'no-store' },
  });
}
