import { describe, expect, it } from 'vitest';
import { parseFrequency, parseRatio } from '../../src/core/checklist/ratio-frequency.ts';
import { enterprisesNeeded, itemRatioShortfalls } from '../../src/core/checklist/item-ratios.ts';
import { periodsOf, tallyItem } from '../../src/core/checklist/item-tally.ts';

describe('抽查比例 as published', () => {
  it.each([
    ['不低于5%', { percent: 5, minimum: true }],
    ['不低于 5％', { percent: 5, minimum: true }],
    ['5%', { percent: 5, minimum: false }],
    ['3%以上', { percent: 3, minimum: true }],
    ['不少于10%', { percent: 10, minimum: true }],
    ['100%', { percent: 100, minimum: false }],
    ['2.5%', { percent: 2.5, minimum: false }],
  ])('%s', (text, value) => expect(parseRatio(text)).toEqual(value));
  it.each(['根据实际情况确定', '按年度计划', '', '150%', '0%', '5'])('%s has no value', (text) => expect(parseRatio(text)).toBeNull());
});

describe('抽查频次 as published', () => {
  it.each([
    ['每年一次', 'year'],
    ['1次/年', 'year'],
    ['每年1次', 'year'],
    ['一年一次', 'year'],
    ['每年至少检查一次', 'year'],
    ['每半年一次', 'half_year'],
    ['1次/半年', 'half_year'],
    ['每季度一次', 'quarter'],
    ['每季度1次', 'quarter'],
    ['1次/季度', 'quarter'],
    ['每月一次', 'month'],
  ])('%s', (text, period) => expect(parseFrequency(text)).toBe(period));
  it.each(['根据实际情况确定', '随机', '每年两次', ''])('%s has no value', (text) => expect(parseFrequency(text)).toBeNull());
});

describe('a task for items with a ratio', () => {
  it('needs ceil(ratio × objects), exactly, in integers', () => {
    expect(enterprisesNeeded(5, 100)).toBe(5);
    expect(enterprisesNeeded(5, 101)).toBe(6);
    expect(enterprisesNeeded(5, 0)).toBe(0);
    expect(enterprisesNeeded(2.5, 40)).toBe(1);
    expect(enterprisesNeeded(0.1, 10_000)).toBe(10);
    expect(enterprisesNeeded(100, 7)).toBe(7);
  });
  it('names each item the task size does not meet, counting only its objects', () => {
    const pool = [...Array(30).fill('hazardous_chemicals'), ...Array(70).fill('machinery')];
    const items = [
      { code: '1', name: '危化', ratioPercent: 10, ratioText: '不低于10%', sectors: ['hazardous_chemicals'] },
      { code: '2', name: '全部', ratioPercent: 5, ratioText: '不低于5%', sectors: [] },
    ];
    expect(itemRatioShortfalls(items, pool, 5)).toEqual([]);
    expect(itemRatioShortfalls(items, pool, 4)).toEqual([{ code: '2', name: '全部', ratioText: '不低于5%', objects: 100, needed: 5, drawn: 4 }]);
    expect(itemRatioShortfalls(items, pool, 2).map((s) => [s.code, s.needed])).toEqual([['1', 3], ['2', 5]]);
  });
});

describe('the year of an item', () => {
  it('cuts the year into Beijing-time periods', () => {
    expect(periodsOf(2024, 'half_year')).toEqual([{ from: '2024-01-01', to: '2024-06-30' }, { from: '2024-07-01', to: '2024-12-31' }]);
    expect(periodsOf(2024, 'quarter').map((p) => p.to)).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
    expect(periodsOf(2026, 'month')[1]).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
  it('meets a half-yearly frequency only when each ended half had an inspection, and a ratio by distinct enterprises', () => {
    const input = { ratioPercent: 5, period: 'half_year' as const, objects: 40, inspections: [{ uscc: 'A', on: '2026-03-16' }, { uscc: 'A', on: '2026-05-01' }] };
    expect(tallyItem(2026, '2026-06-01', input)).toMatchObject({ inspected: 1, sharePercent: 2.5, ratioNeeded: 2, ratioMet: false, frequencyMet: true });
    expect(tallyItem(2026, '2026-08-01', { ...input, inspections: [] }).frequencyMet).toBe(false);
    expect(tallyItem(2026, '2026-08-01', { ...input, inspections: [...input.inspections, { uscc: 'B', on: '2026-07-02' }] })).toMatchObject({ ratioMet: true, frequencyMet: true });
    expect(tallyItem(2026, '2026-08-01', { ratioPercent: null, period: null, objects: 0, inspections: [] })).toMatchObject({ sharePercent: null, ratioMet: null, frequencyMet: null, periods: [] });
  });
});
