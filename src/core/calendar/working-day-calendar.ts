import { statutoryHolidaysOf } from './holiday-law.ts';
import type { StatutorySchedule } from './statutory.ts';

/** YYYY-MM-DD */
export type IsoDate = string;

export type DayCount = 'calendar' | 'working';

/** A jurisdiction's corrections to the national schedule: local holidays, extra working days. */
export interface CalendarOverrides {
  readonly days?: readonly { readonly date: IsoDate; readonly working: boolean; readonly reason: string }[];
  /** Years whose schedule the jurisdiction declares official (after entering that year's days). */
  readonly officialYears?: readonly number[];
}

export interface Deadline {
  readonly date: IsoDate;
  /** The count ran through a year whose schedule is not yet official: the date may move. */
  readonly provisional: boolean;
  /** The years that made it provisional. */
  readonly provisionalYears: readonly number[];
}

export interface DeadlineRequest {
  /** The event the period runs from; that day itself is not counted (期间开始之日不计入). */
  readonly from: IsoDate;
  readonly days: number;
  readonly count: DayCount;
  /**
   * For calendar days: when the last day is not a working day, the period ends on the next
   * working day (期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期). Default true.
   */
  readonly extendToWorkingDay?: boolean;
}

export interface WorkingDayCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** Why a day is (not) a working day: 周末, 春节, 调休上班, a local reason… */
  describe(date: IsoDate): string;
  isOfficial(year: number): boolean;
  /** The one API for every deadline: n calendar or working days from an event. */
  deadline(request: DeadlineRequest): Deadline;
  /** The n-th working day of a month (e.g. "within the first 5 working days of each month"). */
  nthWorkingDayOfMonth(year: number, month: number, n: number): Deadline;
}

const DAY = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

function toTime(date: IsoDate): number {
  if (!ISO.test(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a real date: ${date}`);
  return t;
}

const fromTime = (t: number): IsoDate => new Date(t).toISOString().slice(0, 10);
const addDays = (date: IsoDate, n: number) => fromTime(toTime(date) + n * DAY);

/**
 * Builds a calendar from the national schedule and a jurisdiction's overrides. Pure. A year the
 * schedule has not published still has the statutory holidays of 全国年节及纪念日放假办法 (its
 * make-up days are unknown, so it stays provisional until published or declared official).
 */
export function createCalendar(schedule: StatutorySchedule, overrides: CalendarOverrides = {}): WorkingDayCalendar {
  const local = new Map((overrides.days ?? []).map((d) => [d.date, d]));
  const official = new Set([...schedule.officialYears, ...(overrides.officialYears ?? [])]);
  const byLaw = new Map<number, ReadonlyMap<IsoDate, string>>();

  /** A holiday of the published schedule, or of the law in a year not published. */
  const holidayOf = (date: IsoDate): { readonly name: string; readonly byLaw: boolean } | undefined => {
    const published = schedule.holidays.get(date);
    if (published) return { name: published, byLaw: false };
    const year = Number(date.slice(0, 4));
    if (schedule.officialYears.has(year)) return undefined;
    let days = byLaw.get(year);
    if (!days) byLaw.set(year, (days = statutoryHolidaysOf(year)));
    const name = days.get(date);
    return name ? { name, byLaw: true } : undefined;
  };

  // Both are asked the same days and deadlines over and over (a year's deadlines: thousands of
  // picks counted from a few dozen dates), and each answer walks the days with Date arithmetic.
  // The calendar never changes once made, so an answer is kept for the calendar's life.
  const workingDays = new Map<IsoDate, boolean>();
  const deadlines = new Map<string, Deadline>();

  const isWorkingDay = (date: IsoDate) => {
    let working = workingDays.get(date);
    if (working === undefined) workingDays.set(date, (working = isWorkingDayUncached(date)));
    return working;
  };

  const isWorkingDayUncached = (date: IsoDate) => {
    const override = local.get(date);
    if (override) return override.working;
    if (holidayOf(date)) return false;
    if (schedule.makeUpWorkdays.has(date)) return true;
    const weekday = new Date(toTime(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  const describe = (date: IsoDate) => {
    const override = local.get(date);
    if (override) return `${override.reason}（${override.working ? '工作日' : '休息日'}）`;
    const holiday = holidayOf(date);
    if (holiday) {
      const year = Number(date.slice(0, 4));
      return holiday.byLaw && !official.has(year) ? `${holiday.name}（法定节假日；${year}年放假安排尚未公布，调休未定）` : holiday.name;
    }
    const makeUp = schedule.makeUpWorkdays.get(date);
    if (makeUp) return `${makeUp}调休上班`;
    const weekday = new Date(toTime(date)).getUTCDay();
    return weekday === 0 || weekday === 6 ? '周末' : '工作日';
  };

  const result = (date: IsoDate, from: IsoDate): Deadline => {
    const years: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(date.slice(0, 4)); y++) if (!official.has(y)) years.push(y);
    return { date, provisional: years.length > 0, provisionalYears: years };
  };

  const nextWorkingDay = (date: IsoDate) => {
    let d = date;
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  const deadline = (request: DeadlineRequest): Deadline => {
    const key = `${request.from}|${request.days}|${request.count}|${request.extendToWorkingDay ?? true}`;
    let found = deadlines.get(key);
    if (!found) deadlines.set(key, (found = deadlineUncached(request)));
    return found;
  };

  const deadlineUncached = ({ from, days, count, extendToWorkingDay = true }: DeadlineRequest): Deadline => {
    toTime(from);
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
    if (count === 'calendar') {
      const end = addDays(from, days);
      return result(extendToWorkingDay ? nextWorkingDay(end) : end, from);
    }
    let d = from;
    for (let left = days; left > 0; ) {
      d = addDays(d, 1);
      if (isWorkingDay(d)) left -= 1;
    }
    return result(d, from);
  };

  const nthWorkingDayOfMonth = (year: number, month: number, n: number) => {
    const lastOfPrevious = fromTime(Date.UTC(year, month - 1, 1) - DAY);
    return deadline({ from: lastOfPrevious, days: n, count: 'working' });
  };

  return { isWorkingDay, describe, isOfficial: (y) => official.has(y), deadline, nthWorkingDayOfMonth };
}
