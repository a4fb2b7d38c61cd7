import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_2025, CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaDayOf, chinaTime, dayKeyOf, parseDayKey } from '../calendar/china-time.js';
import { createWorkCalendar } from '../calendar/index.js';
import { closeOfOfficeDay, isoWeekOf, reportWeekOf, reportWeeks, weeksToOpen } from './report-weeks.js';

const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });
const YEAR_2026 = { start: '2026-01-01', end: '2026-12-31' };

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2025-12-28', '2025-W52'],
    ['2026-09-27', '2026-W39'],
    ['2026-09-28', '2026-W40'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });
});

describe('the due day of a week on the 2026 holiday calendar', () => {
  // 2026: 中秋 09-25..27 and 国庆 10-01..07 off; Sunday 09-20 and Saturday 10-10 are 调休 working days.
  it.each([
    ['an ordinary week: Friday', '2026-09-09', '2026-W37', '2026-09-11'],
    ['the week of the make-up Sunday: that Sunday', '2026-09-16', '2026-W38', '2026-09-20'],
    ['Mid-Autumn Friday off: Thursday', '2026-09-21', '2026-W39', '2026-09-24'],
    ['National Day from Thursday: Wednesday', '2026-10-02', '2026-W40', '2026-09-30'],
    ['the week after, with the make-up Saturday: that Saturday', '2026-10-05', '2026-W41', '2026-10-10'],
    ['New Year 2026 with the make-up Sunday 01-04: that Sunday', '2025-12-30', '2026-W01', '2026-01-04'],
    ['Spring Festival eve week: the make-up Saturday 02-14', '2026-02-10', '2026-W07', '2026-02-14'],
    ['the week after Spring Festival: the make-up Saturday 02-28', '2026-02-23', '2026-W09', '2026-02-28'],
  ])('%s', (_, day, week, dueDay) => {
    const w = reportWeekOf(day, { start: '2025-12-01', end: '2026-12-31' }, calendar);
    expect(w?.week).toBe(week);
    expect(w?.dueDay).toBe(dueDay);
    expect(w?.dueAt.toISOString()).toBe(chinaTime(dueDay, '17:30').toISOString());
  });

  it('owes nothing in a week without a working day (Spring Festival 2026-02-16..22)', () => {
    expect(reportWeekOf('2026-02-18', YEAR_2026, calendar)).toBeNull();
    expect(reportWeeks({ start: '2026-02-09', end: '2026-03-01' }, calendar).map((w) => w.week)).toEqual([
      '2026-W07',
      '2026-W09',
    ]);
  });

  it('keeps to the team period: a team ending on a Wednesday reports that Wednesday', () => {
    expect(reportWeekOf('2026-10-12', { start: '2026-09-01', end: '2026-10-14' }, calendar)?.dueDay).toBe('2026-10-14');
    expect(reportWeekOf('2026-10-15', { start: '2026-09-01', end: '2026-10-14' }, calendar)).toBeNull();
    // Starting on a Saturday that is no working day: nothing that week.
    expect(reportWeekOf('2026-10-17', { start: '2026-10-17', end: '2026-12-31' }, calendar)).toBeNull();
    // Starting on the make-up Saturday 10-10: that day is the week's report.
    expect(reportWeekOf('2026-10-10', { start: '2026-10-10', end: '2026-12-31' }, calendar)?.dueDay).toBe('2026-10-10');
  });

  it('uses the office hours the administrator keeps', () => {
    const late = createWorkCalendar({ specialDays: CHINA_2026, officeHours: [[9 * 60, 18 * 60]] });
    expect(closeOfOfficeDay('2026-09-30', late).toISOString()).toBe(chinaTime('2026-09-30', '18:00').toISOString());
    expect(reportWeekOf('2026-10-01', YEAR_2026, late)?.dueAt.toISOString()).toBe(
      chinaTime('2026-09-30', '18:00').toISOString(),
    );
  });

  it('lists the weeks of a period across the National Day holiday', () => {
    const weeks = reportWeeks({ start: '2026-09-16', end: '2026-10-18' }, calendar);
    expect(weeks.map((w) => `${w.week} ${w.dueDay}`)).toEqual([
      '2026-W38 2026-09-20',
      '2026-W39 2026-09-24',
      '2026-W40 2026-09-30',
      '2026-W41 2026-10-10',
      '2026-W42 2026-10-16',
    ]);
    expect(reportWeeks({ start: '2026-09-16', end: '2026-10-18' }, calendar, '2026-09-28').map((w) => w.week)).toEqual([
      '2026-W38',
      '2026-W39',
      '2026-W40',
    ]);
  });
});

describe('which weeks open now', () => {
  const period = { start: '2026-09-16', end: '2026-10-18' };
  it.each([
    ['before the team starts', '2026-09-15', '10:00', []],
    ['Wednesday morning before the holiday', '2026-09-30', '10:00', ['2026-W40']],
    ['a minute before the due time', '2026-09-30', '17:29', ['2026-W40']],
    ['at the due time', '2026-09-30', '17:30', []],
    ['during the holiday', '2026-10-03', '10:00', []],
    ['the first day of the next week, a holiday', '2026-10-05', '09:00', ['2026-W41']],
    ['the make-up Saturday', '2026-10-10', '09:00', ['2026-W41']],
    ['after the team ended', '2026-10-19', '09:00', []],
  ])('%s', (_, day, time, weeks) => {
    expect(weeksToOpen(period, chinaTime(day, time), calendar).map((w) => w.week)).toEqual(weeks);
  });
});

describe('properties', () => {
  const dayIn2026 = fc.integer({ min: 0, max: 364 }).map((i) => dayKeyOf((parseDayKey('2026-01-01') as number) + i));
  const period = fc.tuple(dayIn2026, dayIn2026).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a }));

  it('the due day is the last working day of the week within the period, and due at its close', () => {
    fc.assert(
      fc.property(period, dayIn2026, (p, day) => {
        const week = reportWeekOf(day, p, calendar);
        if (!week) return;
        expect(calendar.isWorkingDay(week.dueDay)).toBe(true);
        expect(week.dueDay >= week.monday && week.dueDay <= week.sunday).toBe(true);
        expect(week.dueDay >= p.start && week.dueDay <= p.end).toBe(true);
        expect(week.week).toBe(isoWeekOf(day));
        const n = parseDayKey(week.dueDay) as number;
        for (let d = n + 1; dayKeyOf(d) <= week.sunday && dayKeyOf(d) <= p.end; d++) {
          expect(calendar.isWorkingDay(dayKeyOf(d))).toBe(false);
        }
        expect(chinaDayOf(week.dueAt)).toBe(week.dueDay);
      }),
    );
  });

  it('a period lists each week once, in order, and at most one week is open at any time', () => {
    fc.assert(
      fc.property(period, dayIn2026, fc.integer({ min: 0, max: 1439 }), (p, day, minute) => {
        const weeks = reportWeeks(p, calendar).map((w) => w.week);
        expect([...weeks].sort()).toEqual(weeks);
        expect(new Set(weeks).size).toBe(weeks.length);
        const now = new Date(chinaTime(day).getTime() + minute * 60_000);
        const open = weeksToOpen(p, now, calendar);
        expect(open.length).toBeLessThanOrEqual(1);
        for (const w of open) {
          expect(weeks).toContain(w.week);
          expect(w.dueAt > now).toBe(true);
        }
      }),
    );
  });
});
