import { chinaDate } from '../../core/calendar/china-date.ts';
import type { Services } from '../tasks/services.ts';
import { KEEP_ENTERPRISES } from './directory-cache.ts';
import { packInForce, yearDirectory } from './load-facts.ts';

/**
 * At a server's start, this year's directory of each jurisdiction with a pack, read in the
 * background and kept (directory-cache.ts), the largest first while they fit what is kept: the
 * first compliance query then finds it kept instead of reading 100,000 enterprises' history
 * (~1.2–1.5 s), and the next days are told from it. Returns how many enterprises it keeps.
 */
export async function warmDirectories(s: Services, now: Date = new Date()): Promise<number> {
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const jurisdictions = await s.prisma.$queryRaw<{ id: string; code: string; name: string; level: 'PROVINCE' | 'CITY' | 'COUNTY'; rule_pack_id: string; rule_pack_version: string | null; enterprises: number }[]>`
    SELECT j.id, j.code, j.name, j.level, j.rule_pack_id, j.rule_pack_version, count(*)::int AS enterprises
    FROM jurisdiction j JOIN enterprise e ON e.jurisdiction_id = j.id
    WHERE j.rule_pack_id IS NOT NULL GROUP BY j.id ORDER BY enterprises DESC, j.code`;
  let kept = 0;
  for (const j of jurisdictions) {
    if (kept + j.enterprises > KEEP_ENTERPRISES) continue;
    const pack = await packInForce(s, { ...j, rulePackId: j.rule_pack_id, rulePackVersion: j.rule_pack_version }, today);
    if (!pack) continue;
    kept += (await yearDirectory(s, j.id, pack, year, today)).length;
  }
  return kept;
}
