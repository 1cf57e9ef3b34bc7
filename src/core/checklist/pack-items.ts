import type { Citation, Rules } from '../rules/schema.ts';
import type { ItemPeriod } from './ratio-frequency.ts';

export interface ItemAsImported {
  readonly code: string;
  readonly name: string;
  readonly inspectionObject: string | null;
  readonly ratioText: string | null;
  readonly ratioPercent: number | null;
  readonly frequencyText: string | null;
  readonly frequencyPeriod: ItemPeriod | null;
}

/** An item's ratio and frequency in force: the pack's where it names the item, else the checklist's. */
export interface ItemValues {
  readonly ratioPercent: number | null;
  /** The ratio as a clerk reads it: the pack's ("不低于5%") or the checklist's text. */
  readonly ratioText: string | null;
  /** The pack's clause for the ratio; null when it is the checklist's own. */
  readonly ratioCite: Citation | null;
  readonly period: ItemPeriod | null;
  readonly frequencyText: string | null;
  readonly frequencyCite: Citation | null;
}

const PERIOD: Readonly<Record<'year' | 'half-year' | 'quarter' | 'month', ItemPeriod>> = { year: 'year', 'half-year': 'half_year', quarter: 'quarter', month: 'month' };
const PERIOD_TEXT: Readonly<Record<ItemPeriod, string>> = { year: '每年一次', half_year: '每半年一次', quarter: '每季度一次', month: '每月一次' };

/**
 * `rules.checklist.items`: the first entry naming the item (by code, or `match` found in its name
 * or 检查对象) that gives a ratio overrides the checklist's ratio; likewise for the frequency.
 */
export function itemValues(item: ItemAsImported, rules: Rules): ItemValues {
  const named = (rules.checklist?.items ?? []).filter((r) =>
    r.code !== undefined ? r.code === item.code : r.match !== undefined && (item.name.includes(r.match) || (item.inspectionObject ?? '').includes(r.match)));
  const ratio = named.find((r) => r.ratioMinPercent !== undefined);
  const every = named.find((r) => r.every !== undefined);
  return {
    ratioPercent: ratio ? ratio.ratioMinPercent! : item.ratioPercent,
    ratioText: ratio ? `不低于${ratio.ratioMinPercent}%` : item.ratioText,
    ratioCite: ratio ? ratio.cite : null,
    period: every ? PERIOD[every.every!] : item.frequencyPeriod,
    frequencyText: every ? PERIOD_TEXT[PERIOD[every.every!]] : item.frequencyText,
    frequencyCite: every ? every.cite : null,
  };
}
