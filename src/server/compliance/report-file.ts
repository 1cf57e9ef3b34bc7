import { extname } from 'node:path';
import { reportSections } from '../../core/compliance/report-sections.ts';
import type { ComplianceReport } from '../../core/compliance/types.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { findPack } from '../rulepacks/stored-packs.ts';
import type { Services } from '../tasks/services.ts';
import { reportData } from './report-data.ts';
import { reportPdf } from './report-pdf.ts';
import { reportXlsx } from './report-xlsx.ts';

export type ReportFormat = 'pdf' | 'xlsx';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ReportFormatProblem {
  readonly code: 'UNSUPPORTED_FORMAT';
  readonly field: string;
  readonly message: string;
}

/** The report's format from a file name's extension: .pdf or .xlsx, anything else refused by name. */
export function reportFormatOf(file: string, field = '--out'): Result<ReportFormat, ReportFormatProblem> {
  const ext = extname(file).toLowerCase();
  if (ext === '.pdf' || ext === '.xlsx') return ok(ext.slice(1) as ReportFormat);
  return err({ code: 'UNSUPPORTED_FORMAT', field, message: ext ? `不支持的报告格式"${ext}"：${field} 的文件扩展名须为 .pdf 或 .xlsx` : `${field} 的文件"${file}"没有扩展名：须为 .pdf 或 .xlsx` });
}

/** 411303-2026-自查报告.pdf; ASCII in the header's filename, the Chinese name in filename*. */
export function reportFileName(report: Pick<ComplianceReport, 'jurisdiction' | 'year'>, format: ReportFormat): { ascii: string; utf8: string } {
  return { ascii: `${report.jurisdiction.code}-${report.year}-self-inspection.${format}`, utf8: `${report.jurisdiction.code}-${report.jurisdiction.name}-${report.year}年自查报告.${format}` };
}

/**
 * The self-inspection report (自查报告) of a year's compliance as a file: the facts the report
 * adds (results, corrections, objections, consequences) read for the same jurisdiction, year and
 * day, under the pack the compliance was measured with, then rendered.
 */
export async function reportFile(s: Services, jurisdictionId: string, compliance: ComplianceReport, format: ReportFormat): Promise<Buffer> {
  const pack = compliance.pack ? ((await findPack(s.prisma, s.packs, compliance.pack.id, compliance.pack.version)) ?? null) : null;
  const facts = await reportData(s, jurisdictionId, compliance.year, compliance.asOf, pack);
  const report = reportSections(compliance, facts);
  return format === 'pdf' ? reportPdf(report) : reportXlsx(compliance, report, facts);
}
