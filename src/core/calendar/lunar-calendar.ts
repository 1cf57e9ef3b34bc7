import type { IsoDate } from './working-day-calendar.ts';

/**
 * The Chinese lunisolar calendar (农历) of 2000–2100, enough to place 春节, 端午 and 中秋 in a
 * year whose holiday schedule is not yet published. One word per lunar year, the table every
 * Chinese calendar library carries (here as in the `chinese-days` package, MIT): bits 15…4 say
 * whether months 1…12 have 30 days (else 29), bits 3…0 the leap month (0: none), bit 16 whether
 * the leap month has 30 days.
 */
const FIRST_YEAR = 2000;
const LUNAR_YEARS: readonly number[] = [
  0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000
  0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010
  0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020
  0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030
  0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040
  0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050
  0x0a2e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060
  0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070
  0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080
  0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090
  0x0d520, // 2100
];
/** 正月初一 of the table's first year. */
const FIRST_NEW_YEAR = Date.UTC(2000, 1, 5);
const DAY = 86_400_000;

export const LUNAR_RANGE = { first: FIRST_YEAR, last: FIRST_YEAR + LUNAR_YEARS.length - 1 } as const;

const word = (year: number) => {
  const w = LUNAR_YEARS[year - FIRST_YEAR];
  if (w === undefined) throw new RangeError(`农历表只覆盖 ${LUNAR_RANGE.first}–${LUNAR_RANGE.last} 年，没有 ${year} 年（the lunar table covers ${LUNAR_RANGE.first}–${LUNAR_RANGE.last}）`);
  return w;
};
const monthDays = (w: number, month: number) => ((w & (0x10000 >> month)) !== 0 ? 30 : 29);
const leapMonth = (w: number) => w & 0xf;
const leapDays = (w: number) => (leapMonth(w) ? ((w & 0x10000) !== 0 ? 30 : 29) : 0);
const yearDays = (w: number) => {
  let days = leapDays(w);
  for (let m = 1; m <= 12; m++) days += monthDays(w, m);
  return days;
};

const newYearTime = (year: number) => {
  word(year);
  let t = FIRST_NEW_YEAR;
  for (let y = FIRST_YEAR; y < year; y++) t += yearDays(word(y)) * DAY;
  return t;
};

/** The Gregorian date of a lunar date (the ordinary month, not its leap month) of lunar year `year`. */
export function lunarToIsoDate(year: number, month: number, day: number): IsoDate {
  const w = word(year);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > monthDays(w, month)) {
    throw new RangeError(`农历 ${year} 年没有 ${month} 月 ${day} 日（no such lunar date）`);
  }
  let t = newYearTime(year);
  for (let m = 1; m < month; m++) t += monthDays(w, m) * DAY;
  // The leap month follows the ordinary month of the same number.
  if (leapMonth(w) && leapMonth(w) < month) t += leapDays(w) * DAY;
  return new Date(t + (day - 1) * DAY).toISOString().slice(0, 10);
}

/** 除夕: the last day of the lunar year before `year`'s 正月初一 (always in the same Gregorian year). */
export function lunarNewYearsEve(year: number): IsoDate {
  return new Date(newYearTime(year) - DAY).toISOString().slice(0, 10);
}
