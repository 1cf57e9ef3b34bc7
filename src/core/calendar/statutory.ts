import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/**
 * China's statutory holidays and make-up working days (调休) as published by the State
 * Council, from the `chinese-days` package. A year counts as official when the package has
 * its schedule; later years are provisional until published (or until a jurisdiction's
 * override declares them).
 */
export interface StatutorySchedule {
  /** Holiday date → name (e.g. 春节). */
  readonly holidays: ReadonlyMap<string, string>;
  /** Weekend days that are working days (调休 make-up days) → the holiday they make up for. */
  readonly makeUpWorkdays: ReadonlyMap<string, string>;
  /** Years whose schedule is published. */
  readonly officialYears: ReadonlySet<number>;
}

const chineseName = (label: string) => label.split(',')[1] ?? label;

function fromChineseDays(): StatutorySchedule {
  const holidays = new Map(Object.entries(data.holidays as Record<string, string>).map(([d, l]) => [d, chineseName(l)]));
  const makeUpWorkdays = new Map(Object.entries(data.workdays as Record<string, string>).map(([d, l]) => [d, chineseName(l)]));
  const officialYears = new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4))));
  return { holidays, makeUpWorkdays, officialYears };
}

export const STATUTORY_SCHEDULE: StatutorySchedule = fromChineseDays();
