import type { CompliancePeriod, ObligationStatus } from './types.ts';

/**
 * The civil periods obligations run in (Beijing time: dates are civil days, never UTC instants)
 * and the one rule that tells on track from at risk.
 */

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;

/** Days from `a` to `b` (b − a), both civil dates. */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

export const yearPeriod = (year: number): CompliancePeriod => ({ from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年` });

/** 上半年 1月1日–6月30日, 下半年 7月1日–12月31日. */
export const halfYearPeriods = (year: number): [CompliancePeriod, CompliancePeriod] => [
  { from: `${year}-01-01`, to: `${year}-06-30`, label: `${year}年上半年` },
  { from: `${year}-07-01`, to: `${year}-12-31`, label: `${year}年下半年` },
];

/** The share of the period elapsed by the end of `asOf` (0 before it starts, 1 once it is over). */
export function elapsed(period: CompliancePeriod, asOf: string): number {
  if (asOf < period.from) return 0;
  if (asOf >= period.to) return 1;
  return (daysBetween(period.from, asOf) + 1) / (daysBetween(period.from, period.to) + 1);
}

/**
 * 已达成 once the target is reached; 未达成 once the period is over without it; in between,
 * 按进度 when what is done is at least the target's pro-rata share of the time elapsed (half the
 * year gone, half the units inspected), else 有风险.
 */
export function progressStatus(achieved: number, target: number, period: CompliancePeriod, asOf: string): ObligationStatus {
  if (achieved >= target) return 'MET';
  if (asOf >= period.to) return 'MISSED';
  return achieved >= target * elapsed(period, asOf) ? 'ON_TRACK' : 'AT_RISK';
}

/** A share in percent, two decimals, rounded down (103 of 2,030 → 5.07): never shown as met when it is not. */
export const percentOf = (value: number, of: number): number => (of === 0 ? 0 : Math.floor((value * 10_000) / of) / 100);
