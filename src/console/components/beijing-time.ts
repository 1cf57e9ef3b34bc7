/** Dates and times as a clerk reads them: Beijing time (Asia/Shanghai), never UTC. */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** 2026-03-16T02:30:00Z → 2026/03/16 10:30 (Beijing). */
export function beijingDateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '';
}

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's civil date in China, YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  return DAY.format(now);
}

/** The year in Beijing now: the compliance year a screen opens on. */
export function beijingYear(now: Date = new Date()): number {
  return Number(beijingToday(now).slice(0, 4));
}
