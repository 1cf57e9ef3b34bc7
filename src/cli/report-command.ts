import { writeFile } from 'node:fs/promises';
import type { Viewer } from '../server/auth/viewer.ts';
import { complianceOf } from '../server/compliance/compliance-of.ts';
import { reportFile, reportFormatOf } from '../server/compliance/report-file.ts';
import type { Services } from '../server/tasks/services.ts';

export interface ReportArgs {
  readonly jurisdiction: string | undefined;
  readonly year: string | undefined;
  readonly asOf: string | undefined;
  readonly out: string | undefined;
}

/** Why the command stops, in Chinese, naming the option. */
export class ReportCommandError extends Error {}

/**
 * `double-random report --jurisdiction <code> --year 2026 [--as-of YYYY-MM-DD] --out <file>`: the
 * year's self-inspection report (自查报告), PDF or XLSX by the file's extension. The command line
 * has the database itself: it reads the jurisdiction as one of its auditors would (read only).
 */
export async function reportCommand(s: Services, args: ReportArgs): Promise<string> {
  if (!args.jurisdiction) throw new ReportCommandError('report 需要 --jurisdiction <辖区代码>');
  if (!args.year || !/^\d{4}$/.test(args.year)) throw new ReportCommandError(`report 需要 --year <年份>（四位数字，如 2026）${args.year ? `，"${args.year}"不是年份` : ''}`);
  if (!args.out) throw new ReportCommandError('report 需要 --out <文件>（.pdf 或 .xlsx）');
  const format = reportFormatOf(args.out);
  if (!format.ok) throw new ReportCommandError(format.error.message);
  const jurisdiction = await s.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true } });
  if (!jurisdiction) throw new ReportCommandError(`没有代码为 ${args.jurisdiction} 的辖区`);
  const viewer: Viewer = { kind: 'token', tokenId: 'cli', name: `cli:${process.env.USER ?? 'unknown'}`, role: 'AUDITOR', jurisdictionId: jurisdiction.id };
  const compliance = await complianceOf(s, viewer, args.jurisdiction, Number(args.year), args.asOf);
  if (!compliance.ok) throw new ReportCommandError(compliance.error.message);
  await writeFile(args.out, await reportFile(s, jurisdiction.id, compliance.value, format.value));
  const missed = compliance.value.rows.filter((r) => r.status === 'MISSED').length;
  return `自查报告已写入 ${args.out}（${compliance.value.jurisdiction.name} ${args.year}年，统计截至 ${compliance.value.asOf}；${compliance.value.rows.length} 项义务，未达成 ${missed} 项）`;
}
