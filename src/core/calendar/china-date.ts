/** The calendar day (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no daylight saving): the day deadlines count in. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
