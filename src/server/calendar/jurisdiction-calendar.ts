import type { PrismaClient } from '@prisma/client';
import { STATUTORY_SCHEDULE } from '../../core/calendar/statutory.ts';
import { createCalendar, type WorkingDayCalendar } from '../../core/calendar/working-day-calendar.ts';

/** The national calendar with a jurisdiction's own corrections (the latest entry per date wins). */
export async function jurisdictionCalendar(prisma: PrismaClient, jurisdictionId: string): Promise<WorkingDayCalendar> {
  const [overrides, years] = await Promise.all([
    prisma.calendarOverride.findMany({ where: { jurisdictionId }, orderBy: { createdAt: 'asc' } }),
    prisma.calendarOfficialYear.findMany({ where: { jurisdictionId } }),
  ]);
  const latest = new Map(overrides.map((o) => [o.date.toISOString().slice(0, 10), o]));
  return createCalendar(STATUTORY_SCHEDULE, {
    days: [...latest.entries()].map(([date, o]) => ({ date, working: o.working, reason: o.reason })),
    officialYears: years.map((y) => y.year),
  });
}
