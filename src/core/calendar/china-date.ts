/** The calendar day (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no daylight saving): the day deadlines count in. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** An instant as Beijing time, ISO 8601 with its offset (2026-12-02T01:53:00+08:00): how exports and messages show times. */
export function chinaDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The civil day `days` calendar days after `day` (before, if negative): YYYY-MM-DD in, YYYY-MM-DD out. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first instant after a Beijing civil day (its 24:00): a stored timestamp is on or before `day` when it is earlier. */
export function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000);
}
