import { describe, expect, it } from 'vitest';
import { STATUTORY_SCHEDULE } from '../../src/core/calendar/statutory.ts';
import { createCalendar } from '../../src/core/calendar/working-day-calendar.ts';
import { statutoryHolidaysOf } from '../../src/core/calendar/holiday-law.ts';

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

describe('a year not yet published keeps the statutory holidays of 全国年节及纪念日放假办法', () => {
  // 2027 is not in the national schedule yet: the law's days apply, the make-up days (调休) are unknown.
  const off = ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'];

  it('counts 元旦, 春节 (除夕 to 初三), 清明, 劳动节, 端午, 中秋 and 国庆 as days off, and says why', () => {
    expect(calendar.isOfficial(2027)).toBe(false);
    for (const date of off) expect(calendar.isWorkingDay(date), date).toBe(false);
    expect(statutoryHolidaysOf(2027)).toEqual(new Map(off.map((d) => [d, calendar.describe(d).split('（')[0]])));
    expect(calendar.describe('2027-01-01')).toBe('元旦（法定节假日；2027年放假安排尚未公布，调休未定）');
    expect(calendar.describe('2027-02-05')).toMatch(/^春节（/); // 除夕, a Friday
    expect(calendar.describe('2027-06-09')).toMatch(/^端午（/);
    expect(calendar.describe('2027-09-15')).toMatch(/^中秋（/);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true);
  });

  it('counts deadlines past them, still provisional', () => {
    const through = (from: string, days: number) => calendar.deadline({ from, days, count: 'working' });
    expect(through('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: true, provisionalYears: [2027] });
    expect(through('2027-02-04', 1)).toEqual({ date: '2027-02-09', provisional: true, provisionalYears: [2027] });
    expect(through('2027-04-02', 1).date).toBe('2027-04-06');
    expect(through('2027-06-08', 1).date).toBe('2027-06-10');
    expect(through('2027-09-14', 1).date).toBe('2027-09-16');
    expect(through('2027-09-30', 1)).toEqual({ date: '2027-10-04', provisional: true, provisionalYears: [2027] });
    // 7 calendar days after 2027-09-08 end on 中秋 and move to the next working day.
    expect(calendar.deadline({ from: '2027-09-08', days: 7, count: 'calendar' })).toEqual({ date: '2027-09-16', provisional: true, provisionalYears: [2027] });
  });

  it('lets a jurisdiction that declares the year official decide: its days win, and the year is no longer provisional', () => {
    const local = createCalendar(STATUTORY_SCHEDULE, { officialYears: [2027], days: [{ date: '2027-02-08', working: true, reason: '春节调休上班（本地）' }] });
    expect(local.isWorkingDay('2027-02-08')).toBe(true);
    expect(local.isWorkingDay('2027-02-05')).toBe(false); // the law's days stay unless corrected
    expect(local.describe('2027-02-05')).toBe('春节');
    expect(local.deadline({ from: '2027-02-04', days: 1, count: 'working' })).toEqual({ date: '2027-02-08', provisional: false, provisionalYears: [] });
  });

  it('computes the statutory holidays of every published year 2008–2026 among the published holidays', () => {
    for (let year = 2008; year <= 2026; year++) {
      const days = statutoryHolidaysOf(year);
      // 11 days a year until 2024 (3 for 春节, 1 for 劳动节), 13 from 2025; fewer only when two holidays share a day.
      const expected = year >= 2025 ? 13 : 11;
      const shared = [...days.values()].filter((n) => n.includes('、')).length;
      expect(days.size + shared, String(year)).toBe(expected);
      for (const [date, name] of days) {
        // chinese-days leaves out this Saturday of 端午 (2012-06-22…24 were off); the law's day is right.
        if (date === '2012-06-23') continue;
        expect(STATUTORY_SCHEDULE.holidays.has(date), `${date} ${name}`).toBe(true);
        // The published name is the holiday's (or one of the two sharing the day).
        expect(name.split('、'), `${date} ${name}`).toContain(STATUTORY_SCHEDULE.holidays.get(date));
      }
    }
  });

  it('places the lunar holidays and 清明 of later years', () => {
    const of = (year: number, name: string) => [...statutoryHolidaysOf(year)].filter(([, n]) => n.split('、').includes(name)).map(([d]) => d);
    expect(of(2028, '春节')).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']);
    expect(of(2030, '春节')[1]).toBe('2030-02-03');
    expect(of(2028, '中秋')).toEqual(['2028-10-03']);
    expect(of(2029, '端午')).toEqual(['2029-06-16']);
    expect([2027, 2028, 2029, 2030, 2031, 2032].map((y) => of(y, '清明')[0])).toEqual(['2027-04-05', '2028-04-04', '2029-04-04', '2030-04-05', '2031-04-05', '2032-04-04']);
  });
});
