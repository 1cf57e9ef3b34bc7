import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

/** A month as `YYYY-MM`. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH.test(s);

/** The month before the one `day` (YYYY-MM-DD) lies in. */
export function monthBefore(day: string): Month {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The month after `month`. */
export function monthAfter(month: Month): { readonly year: number; readonly month: number } {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
}

/**
 * The day a month's bulletin is due: the n-th working day of the next month in the jurisdiction's
 * calendar (顺城 第二十一条: 每月前5个工作日内公开上月结果).
 */
export function bulletinDueOn(calendar: WorkingDayCalendar, month: Month, withinWorkingDays: number): { readonly date: string; readonly provisional: boolean } {
  const next = monthAfter(month);
  const d = calendar.nthWorkingDayOfMonth(next.year, next.month, withinWorkingDays);
  return { date: d.date, provisional: d.provisional };
}

/** Calendar days from `due` to `on` (0 on or before the due day): how late a bulletin was issued. */
export function daysLate(due: string, on: string): number {
  const days = Math.round((Date.parse(`${on}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, days);
}

/**
 * What a bulletin can be issued for on `today`: a month that is over (issuing by hand may come
 * before the due day, within the period), never the current month or a later one.
 */
export function monthIsOver(month: Month, today: string): boolean {
  const next = monthAfter(month);
  return today >= `${next.year}-${String(next.month).padStart(2, '0')}-01`;
}

/** One published result of the month, as the bulletin lists it (no personal data). */
export interface BulletinResult {
  readonly resultId: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly taskTitle: string;
  readonly inspectedOn: string;
  readonly publishedOn: string;
  readonly version: number;
  readonly categoryLabel: string;
  readonly majorHazards: number;
  readonly handling: string;
}

/** A dated event after an inspection (反馈, 意见, 查处完毕, 复查) of a published result. */
export interface BulletinEvent {
  readonly resultId: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly kind: string;
  readonly label: string;
  readonly occurredOn: string;
  readonly note: string | null;
}

/** How a result was used: a consequence it had in the enterprise's standing (黑名单, 风险等级, 信用). */
export interface BulletinUse {
  readonly resultId: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly what: string;
  readonly on: string;
}

/** A bulletin's content, stored and hashed as issued (canonical JSON). */
export interface BulletinContent {
  readonly month: Month;
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly basis: { readonly document: string | null; readonly clause: string; readonly withinWorkingDays: number };
  readonly results: readonly BulletinResult[];
  readonly feedback: readonly BulletinEvent[];
  readonly opinions: readonly BulletinEvent[];
  readonly penalties: readonly BulletinResult[];
  readonly transfers: readonly BulletinResult[];
  /** 查处完毕 and 复查 of the month: how the handling ended. */
  readonly handling: readonly BulletinEvent[];
  readonly uses: readonly BulletinUse[];
}

/** How many months back a tick looks for a bulletin never issued (a server down for a while). */
export const BULLETIN_CATCH_UP_MONTHS = 12;

/**
 * The months a tick on a day in the month after `lastMonth` owes a bulletin for, oldest first:
 * from `since` (the month the jurisdiction came under its pack), at most
 * BULLETIN_CATCH_UP_MONTHS back, to `lastMonth`, which is always owed.
 */
export function monthsOwed(since: Month, lastMonth: Month): Month[] {
  const out: Month[] = [lastMonth];
  while (out.length < BULLETIN_CATCH_UP_MONTHS && out[0]! > since) out.unshift(monthBefore(`${out[0]}-01`));
  return out;
}
