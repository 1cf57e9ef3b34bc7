import { err, ok, type Problem, type Result } from '../result.ts';

/** A calendar date without time zone, as the documents use them. */
export type IsoDate = string; // YYYY-MM-DD

const PATTERNS: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** Parses the date formats bureaus write: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305. */
export function parseDate(input: string): Result<IsoDate, Problem<'DATE_FORMAT'>> {
  const text = input.trim().replace(/\s+/g, '');
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return ok(toIsoDate(date));
    }
    break;
  }
  return err({ code: 'DATE_FORMAT', message: `“${input}”不是日期，请写作 2024-03-05、2024/3/5、2024.3.5、2024年3月5日 或 20240305 (is not a date)` });
}

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}
