import type { IsoDate } from './working-day-calendar.ts';

/**
 * 清明 (the sun at 15° ecliptic longitude), by the 寿星 formula for the 21st century:
 * day of April = ⌊Y·0.2422 + C⌋ − L, with Y the year's last two digits, C = 4.81 and L the leap
 * days since 2000 (2100 is not a leap year). Exact for 2000–2100, the range the table of lunar
 * years covers too; outside it, null.
 */
export function qingmingDay(year: number): IsoDate | null {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return null;
  const y = year - 2000;
  const leapDays = Math.floor(y / 4) - (year === 2100 ? 1 : 0);
  const day = Math.floor(y * 0.2422 + 4.81) - leapDays;
  return `${year}-04-0${day}`;
}
