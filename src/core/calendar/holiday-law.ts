import { lunarNewYearsEve, lunarToIsoDate, LUNAR_RANGE } from './lunar-calendar.ts';
import { qingmingDay } from './solar-terms.ts';
import type { IsoDate } from './working-day-calendar.ts';
import { addDays } from './china-date.ts';

/**
 * The days every citizen has off by 全国年节及纪念日放假办法 第二条, as amended: the law fixes
 * them, the State Council's yearly schedule only adds bridges and make-up working days (调休).
 * So a year whose schedule is not yet published still knows its statutory holidays; the
 * make-up days stay unknown, which is why such a year remains provisional.
 */
interface Version {
  /** The first year the version governs. */
  readonly from: number;
  /** The amendment, for the reader. */
  readonly amended: string;
  /** 春节 from 除夕 (the 2007 and 2024 texts) or from 正月初一 (the 2013 text). */
  readonly springFromEve: boolean;
  readonly springDays: number;
  readonly labourDays: number;
}

/** Newest first. Years before 2008 are all published, so older texts are not needed. */
const VERSIONS: readonly Version[] = [
  { from: 2025, amended: '2024-11-10', springFromEve: true, springDays: 4, labourDays: 2 },
  { from: 2014, amended: '2013-12-11', springFromEve: false, springDays: 3, labourDays: 1 },
  { from: 2008, amended: '2007-12-14', springFromEve: true, springDays: 3, labourDays: 1 },
];

const run = (first: IsoDate, n: number) => Array.from({ length: n }, (_, i) => addDays(first, i));

/**
 * The statutory holidays of a Gregorian year, date → name (the names `chinese-days` uses).
 * Empty before 2008 and after the lunar table (2100); two holidays on one day (中秋 on 10-01)
 * share it.
 */
export function statutoryHolidaysOf(year: number): ReadonlyMap<IsoDate, string> {
  const version = VERSIONS.find((v) => year >= v.from);
  const days = new Map<IsoDate, string>();
  if (!version || year > LUNAR_RANGE.last) return days;
  const add = (dates: readonly IsoDate[], name: string) => {
    for (const d of dates) days.set(d, days.has(d) ? `${days.get(d)}、${name}` : name);
  };
  add([`${year}-01-01`], '元旦');
  add(run(version.springFromEve ? lunarNewYearsEve(year) : lunarToIsoDate(year, 1, 1), version.springDays), '春节');
  add([qingmingDay(year)!], '清明');
  add(run(`${year}-05-01`, version.labourDays), '劳动节');
  add([lunarToIsoDate(year, 5, 5)], '端午');
  add([lunarToIsoDate(year, 8, 15)], '中秋');
  add(run(`${year}-10-01`, 3), '国庆节');
  return days;
}
