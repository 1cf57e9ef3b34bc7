import { describe, expect, it } from 'vitest';
import { STATUTORY_SCHEDULE } from '../../src/core/calendar/statutory.ts';
import { createCalendar } from '../../src/core/calendar/working-day-calendar.ts';

const calendar = createCalendar(STATUTORY_SCHEDULE);
const working = (from: string, days: number) => calendar.deadline({ from, days, count: 'working' }).date;

describe('the 2026 statutory schedule (国务院办公厅 2026 年部分节假日安排)', () => {
  it('knows holidays and the weekend days worked to make up for them (调休)', () => {
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false); // 春节
    expect(calendar.describe('2026-02-17')).toBe('春节');
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, made up
    expect(calendar.describe('2026-02-14')).toBe('春节调休上班');
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday after 国庆
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // plain Sunday
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('counts working days across 国庆 and its make-up Saturday', () => {
    // After 2026-09-30: 10-01…10-07 off; 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
    expect(working('2026-09-30', 1)).toBe('2026-10-08');
    expect(working('2026-09-30', 3)).toBe('2026-10-10');
    expect(working('2026-09-30', 5)).toBe('2026-10-13');
  });

  it('counts working days across 春节', () => {
    // Friday 02-13 → Saturday 02-14 is worked; 02-15…02-23 off.
    expect(working('2026-02-13', 1)).toBe('2026-02-14');
    expect(working('2026-02-13', 2)).toBe('2026-02-24');
    // 20 working days for an objection review lodged on 2026-02-10 (卧龙 第二十六条):
    // 02-11, 12, 13, 14 (调休), 24, 25, 26, 27, 28 (调休), 03-02, 03, 04, 05, 06, 09, 10, 11, 12, 13, 16.
    expect(working('2026-02-10', 20)).toBe('2026-03-16');
  });

  it('counts calendar days, moving an end that falls on a holiday to the next working day', () => {
    expect(calendar.deadline({ from: '2026-03-02', days: 7, count: 'calendar' }).date).toBe('2026-03-09');
    // 7 days after 2026-09-25 is 10-02, inside 国庆: the period ends on 10-08.
    expect(calendar.deadline({ from: '2026-09-25', days: 7, count: 'calendar' }).date).toBe('2026-10-08');
    expect(calendar.deadline({ from: '2026-09-25', days: 7, count: 'calendar', extendToWorkingDay: false }).date).toBe('2026-10-02');
    // 15 days before an inspection is counted backwards by the caller; 0 days is the day itself.
    expect(calendar.deadline({ from: '2026-06-01', days: 0, count: 'working' }).date).toBe('2026-06-01');
  });

  it('finds the first five working days of a month (顺城 第二十一条)', () => {
    expect(calendar.nthWorkingDayOfMonth(2026, 10, 5).date).toBe('2026-10-13');
    expect(calendar.nthWorkingDayOfMonth(2026, 2, 5).date).toBe('2026-02-06');
    expect(calendar.nthWorkingDayOfMonth(2026, 5, 1).date).toBe('2026-05-06'); // 劳动节 05-01…05-05
  });

  it('never moves a deadline earlier when the event is later (monotonic)', () => {
    let previous = '';
    for (let day = 0; day < 365; day++) {
      const from = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      for (const days of [1, 5, 20]) expect(working(from, days) > from).toBe(true);
      const d = working(from, 5);
      expect(d >= previous).toBe(true);
      previous = d;
    }
  });
});

describe('years whose schedule is not yet official', () => {
  it('flags a deadline that runs into such a year as provisional, naming the year', () => {
    expect(calendar.isOfficial(2026)).toBe(true);
    expect(calendar.isOfficial(2027)).toBe(false);
    expect(calendar.deadline({ from: '2026-12-01', days: 5, count: 'working' })).toEqual({ date: '2026-12-08', provisional: false, provisionalYears: [] });
    expect(calendar.deadline({ from: '2026-12-20', days: 20, count: 'working' })).toMatchObject({ provisional: true, provisionalYears: [2027] });
  });

  it('makes it official through a jurisdiction override, which also moves local days', () => {
    const local = createCalendar(STATUTORY_SCHEDULE, {
      officialYears: [2027],
      days: [
        { date: '2027-01-01', working: false, reason: '元旦' },
        { date: '2026-12-21', working: false, reason: '本地停工日' },
      ],
    });
    // Friday 12-18; Monday 12-21 is off locally: 12-22, 12-23, 12-24.
    const d = local.deadline({ from: '2026-12-18', days: 3, count: 'working' });
    expect(d).toEqual({ date: '2026-12-24', provisional: false, provisionalYears: [] });
    expect(calendar.deadline({ from: '2026-12-18', days: 3, count: 'working' }).date).toBe('2026-12-23');
    expect(local.deadline({ from: '2026-12-28', days: 5, count: 'working' })).toEqual({ date: '2027-01-05', provisional: false, provisionalYears: [] });
    expect(local.describe('2026-12-21')).toBe('本地停工日（休息日）');
  });

  it('refuses nonsense input', () => {
    expect(() => calendar.deadline({ from: '2026-02-30', days: 1, count: 'working' })).toThrow(RangeError);
    expect(() => calendar.deadline({ from: '2026-02-01', days: -1, count: 'working' })).toThrow(RangeError);
  });
});
