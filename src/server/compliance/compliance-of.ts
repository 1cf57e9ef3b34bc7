import { chinaDate } from '../../core/calendar/china-date.ts';
import { complianceReport } from '../../core/compliance/measure-compliance.ts';
import type { ComplianceReport } from '../../core/compliance/types.ts';
import { err, ok, type Problem, type Result } from '../../core/result.ts';
import { canRead, type Viewer } from '../auth/viewer.ts';
import type { Services } from '../tasks/services.ts';
import { loadComplianceFacts } from './load-facts.ts';

export type ComplianceProblem = Problem<'FORBIDDEN' | 'NOT_FOUND' | 'BAD_YEAR' | 'BAD_DATE'>;

/** The first and last years a compliance report is asked for: the platform's records start in 2015. */
const FIRST_YEAR = 2015;

/**
 * 年度合规 of a jurisdiction's year as of a day (Beijing time; by default today, or the year's
 * last day once it is over): for its members and the levels above it (上级监督), never the public.
 */
export async function complianceOf(s: Services, viewer: Viewer, jurisdictionCode: string, year: number, asOf?: string | null, now = new Date()): Promise<Result<ComplianceReport, ComplianceProblem>> {
  const j = await s.prisma.jurisdiction.findUnique({ where: { code: jurisdictionCode }, select: { id: true, code: true, name: true, level: true, rulePackId: true, rulePackVersion: true } });
  if (!j) return err({ code: 'NOT_FOUND', message: `没有行政区划代码为 ${jurisdictionCode} 的辖区`, field: 'jurisdiction' });
  if (!canRead(viewer, j.id)) return err({ code: 'FORBIDDEN', message: `只有${j.name}及其上级的工作人员可以查看其年度合规情况`, field: 'jurisdiction' });
  const day = countedUpTo(year, asOf, now);
  if (!day.ok) return day;
  return ok(complianceReport(await loadComplianceFacts(s, j, year, day.value)));
}

/** The day a year's compliance is counted up to: `asOf` if given (a day of that year), else today, or the year's last day once it is over. */
export function countedUpTo(year: number, asOf: string | null | undefined, now: Date): Result<string, ComplianceProblem> {
  const today = chinaDate(now);
  const last = Number(today.slice(0, 4)) + 1;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > last) return err({ code: 'BAD_YEAR', message: `年度应为 ${FIRST_YEAR} 至 ${last} 年之间的整数，收到 ${year}`, field: 'year' });
  const day = asOf ?? (today > `${year}-12-31` ? `${year}-12-31` : today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day.slice(0, 4) !== String(year)) {
    return err({ code: 'BAD_DATE', message: `截止日期（asOf）应为 ${year} 年内的日期（YYYY-MM-DD），收到 ${day}`, field: 'asOf' });
  }
  return ok(day);
}
