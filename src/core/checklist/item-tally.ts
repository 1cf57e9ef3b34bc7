import type { ItemPeriod } from './ratio-frequency.ts';
import { enterprisesNeeded } from './item-ratios.ts';

/** One period of a year (Beijing-time civil dates, both ends included). */
export interface TallyPeriod {
  readonly from: string;
  readonly to: string;
  /** Inspections (picks) of the item with their inspection date in the period. */
  readonly inspections: number;
  /** The period has ended by `today`: only ended periods decide whether the frequency is met. */
  readonly ended: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const MONTHS: Readonly<Record<ItemPeriod, number>> = { year: 12, half_year: 6, quarter: 3, month: 1 };

/** The periods of a year for a frequency: 每半年 → 1–6月, 7–12月; 每季度 → four quarters… */
export function periodsOf(year: number, period: ItemPeriod): { from: string; to: string }[] {
  const step = MONTHS[period];
  const periods: { from: string; to: string }[] = [];
  for (let m = 1; m <= 12; m += step) {
    const end = m + step - 1;
    periods.push({ from: `${year}-${pad(m)}-01`, to: `${year}-${pad(end)}-${pad(lastDay(year, end))}` });
  }
  return periods;
}

export interface ItemTallyInput {
  readonly ratioPercent: number | null;
  readonly period: ItemPeriod | null;
  /** The item's objects now (enterprises of its sectors). */
  readonly objects: number;
  /** Each inspection (pick) of the item this year: its enterprise and inspection date. */
  readonly inspections: readonly { readonly uscc: string; readonly on: string }[];
}

export interface ItemTally {
  readonly inspected: number;
  /** Distinct enterprises inspected ÷ objects, in percent with two decimals (null without objects). */
  readonly sharePercent: number | null;
  readonly ratioNeeded: number | null;
  /** The ratio is met by the enterprises inspected so far (null: the item has no ratio). */
  readonly ratioMet: boolean | null;
  readonly periods: readonly TallyPeriod[];
  /** Every period ended by today had an inspection (null: the item has no frequency). */
  readonly frequencyMet: boolean | null;
}

/** The year so far of one checklist item: what was inspected, and whether its ratio and frequency are met. */
export function tallyItem(year: number, today: string, input: ItemTallyInput): ItemTally {
  const inspected = new Set(input.inspections.map((i) => i.uscc)).size;
  const sharePercent = input.objects === 0 ? null : Math.floor((inspected * 10_000) / input.objects) / 100;
  const ratioNeeded = input.ratioPercent === null ? null : enterprisesNeeded(input.ratioPercent, input.objects);
  const periods = input.period === null ? [] : periodsOf(year, input.period).map((p) => ({ ...p, inspections: input.inspections.filter((i) => i.on >= p.from && i.on <= p.to).length, ended: p.to < today }));
  return {
    inspected,
    sharePercent,
    ratioNeeded,
    ratioMet: ratioNeeded === null ? null : inspected >= ratioNeeded,
    periods,
    frequencyMet: input.period === null ? null : periods.every((p) => !p.ended || p.inspections > 0),
  };
}
