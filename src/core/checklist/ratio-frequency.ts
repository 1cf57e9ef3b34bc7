/**
 * 抽查比例 and 抽查频次 of a checklist item as bureaus publish them. The text is always kept;
 * a value is read only from the phrasings below, and anything else ("根据实际情况确定")
 * stays text only, with no value.
 */

/** A ratio read from its text: `percent` of the item's objects, at least (`minimum`) or exactly. */
export interface ItemRatio {
  readonly percent: number;
  readonly minimum: boolean;
}

/** The period within which an item's objects are inspected once (Beijing-time calendar periods). */
export type ItemPeriod = 'year' | 'half_year' | 'quarter' | 'month';

const NUMBER = String.raw`(\d{1,3}(?:\.\d{1,2})?)`;
const MINIMUM_WORDS = /^(不低于|不少于|至少|最低|不得低于|原则上不低于|≥|>=)/;

/**
 * "不低于5%" / "5%以上" → minimum 5 %; "5%" / "5％" → exactly 5 %. Numbers in words (百分之五)
 * are not read (left as text); a percent of 0 or over 100 is not a ratio: no value.
 */
export function parseRatio(text: string): ItemRatio | null {
  const t = text.replace(/\s+/g, '').replace(/％/g, '%').replace(/[。.]$/, '');
  const minimum = MINIMUM_WORDS.test(t);
  const rest = t.replace(MINIMUM_WORDS, '').replace(/^(抽查比例|比例)[:：]?/, '');
  const m = new RegExp(`^${NUMBER}%(以上)?$`).exec(rest);
  if (!m) return null;
  const percent = Number(m[1]);
  if (!(percent > 0 && percent <= 100)) return null;
  return { percent, minimum: minimum || m[2] !== undefined };
}

const PERIOD_WORDS: readonly [RegExp, ItemPeriod][] = [
  [/^(每|一)?(半年|半年度)(一|1)次$|^(1|一)次\/半年$|^每半年(至少)?(抽查|检查)?(一|1)次$/, 'half_year'],
  [/^(每|一)?(年|年度)(一|1)次$|^(1|一)次\/年$|^每年(至少)?(抽查|检查)?(一|1)次$|^一年一次$/, 'year'],
  [/^(每|一)?(季度?|季)(一|1)次$|^(1|一)次\/季度?$|^每季度?(至少)?(抽查|检查)?(一|1)次$/, 'quarter'],
  [/^(每|一)?月(一|1)次$|^(1|一)次\/月$|^每月(至少)?(抽查|检查)?(一|1)次$/, 'month'],
];

/** "每年一次" / "1次/年" → year; "每半年一次" → half_year; "每季度一次" → quarter; else null. */
export function parseFrequency(text: string): ItemPeriod | null {
  const t = text.replace(/\s+/g, '').replace(/[。.]$/, '').replace(/个/g, ''); // 每个季度 = 每季度
  for (const [pattern, period] of PERIOD_WORDS) if (pattern.test(t)) return period;
  return null;
}

/** Chinese label of a period, for clerks. */
export const PERIOD_LABELS: Readonly<Record<ItemPeriod, string>> = { year: '每年', half_year: '每半年', quarter: '每季度', month: '每月' };
