import { complianceReport } from '../../core/compliance/measure-compliance.ts';
import type { ComplianceReport, ComplianceRow } from '../../core/compliance/types.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { isMemberOf, type Viewer } from '../auth/viewer.ts';
import type { Services } from '../tasks/services.ts';
import { countedUpTo, type ComplianceProblem } from './compliance-of.ts';
import { loadComplianceFacts } from './load-facts.ts';

/** A row without the entities behind it: the upper level sees statuses and figures, not lists. */
export type SubordinateRow = Omit<ComplianceRow, 'subjects' | 'explanation'>;

export interface SubordinateCompliance {
  readonly jurisdiction: ComplianceReport['jurisdiction'];
  readonly pack: ComplianceReport['pack'];
  readonly asOf: string;
  readonly rows: readonly SubordinateRow[];
  readonly totals: ComplianceReport['totals'];
  readonly warnings: number;
}

/**
 * 上级查看下级: the year's compliance of each jurisdiction directly below, side by side. Only the
 * upper jurisdiction's members and the platform operator read it (a county never reads its
 * neighbour's); rows keep their figures and drop their subjects and explanations, which name
 * entities, so nothing personal or list-like leaves the subordinate.
 */
export async function subordinateCompliance(s: Services, viewer: Viewer, jurisdictionCode: string, year: number, asOf?: string | null, now = new Date()): Promise<Result<SubordinateCompliance[], ComplianceProblem>> {
  const upper = await s.prisma.jurisdiction.findUnique({ where: { code: jurisdictionCode }, select: { id: true, name: true, children: { select: { id: true, code: true, name: true, level: true, rulePackId: true, rulePackVersion: true }, orderBy: { code: 'asc' } } } });
  if (!upper) return err({ code: 'NOT_FOUND', message: `没有行政区划代码为 ${jurisdictionCode} 的辖区`, field: 'jurisdiction' });
  if (viewer.kind !== 'operator' && !isMemberOf(viewer, upper.id)) return err({ code: 'FORBIDDEN', message: `只有${upper.name}的工作人员和平台管理员可以查看其下级的合规情况`, field: 'jurisdiction' });
  const day = countedUpTo(year, asOf, now);
  if (!day.ok) return day;
  const out: SubordinateCompliance[] = [];
  for (const child of upper.children) {
    const report = complianceReport(await loadComplianceFacts(s, child, year, day.value));
    out.push({
      jurisdiction: report.jurisdiction, pack: report.pack, asOf: report.asOf, totals: report.totals, warnings: report.warnings.length,
      rows: report.rows.map(({ subjects: _subjects, explanation: _explanation, ...row }) => row),
    });
  }
  return ok(out);
}
