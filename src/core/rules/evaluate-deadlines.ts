import type { Deadline, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { Citation, Rules } from './schema.ts';
import type { z } from 'zod';
import type { DeadlineId } from './schema.ts';

export interface CitedDeadline extends Deadline {
  readonly id: string;
  readonly cite: Citation;
}

/** The pack's deadline `id` counted from the day its event happened; undefined when the pack has none. */
export function deadlineFor(rules: Rules, id: z.infer<typeof DeadlineId>, eventDate: string, calendar: WorkingDayCalendar): CitedDeadline | undefined {
  const rule = rules.deadlines?.find((d) => d.id === id);
  if (!rule) return undefined;
  return { id, cite: rule.cite, ...calendar.deadline({ from: eventDate, days: rule.days, count: rule.count }) };
}

/** The last day to announce a non-covert inspection; null when covert and the pack keeps covert checks secret. */
export function announcementDue(rules: Rules, inspectionDate: string, covert: boolean): { readonly date: string; readonly cite: Citation } | null | undefined {
  const rule = rules.announcement;
  if (!rule) return undefined;
  if (covert && rule.covertStaysSecret) return null;
  const t = Date.parse(`${inspectionDate}T00:00:00Z`) - rule.leadDays * 86_400_000;
  return { date: new Date(t).toISOString().slice(0, 10), cite: rule.cite };
}
