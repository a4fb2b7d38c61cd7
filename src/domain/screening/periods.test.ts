import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { CHINA_2025, CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaDayOf, chinaTime, createWorkCalendar } from '../calendar/index.js';
import { periodBounds, periodOf, periodsBetween, periodToOpen, screeningSourceKey } from './periods.js';

const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });
const due = (d: Date) => `${chinaDayOf(d)} ${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;

describe('the calendar around the 2026 National Day', () => {
  it('is what chinese-days says: 国庆 Oct 1–7, make-up working Sunday Sep 20 and Saturday Oct 10', () => {
    for (const day of ['2026-09-20', '2026-10-08', '2026-10-09', '2026-10-10']) {
      expect(chineseDays.isWorkday(day), day).toBe(true);
      expect(calendar.isWorkingDay(day), day).toBe(true);
    }
    for (const day of ['2026-09-25', '2026-10-01', '2026-10-05', '2026-10-07', '2026-10-11']) {
      expect(chineseDays.isWorkday(day), day).toBe(false);
      expect(calendar.isWorkingDay(day), day).toBe(false);
    }
  });
});

describe('daily screenings (grid)', () => {
  it('are due on every working day from Sep 19 to Oct 12, 2026, written by hand', () => {
    const days = periodsBetween('2026-09-19', '2026-10-12', 'daily', calendar).map((p) => due(p.dueAt));
    expect(days).toEqual([
      '2026-09-20 17:30', // Sunday, 调休 working day
      '2026-09-21 17:30',
      '2026-09-22 17:30',
      '2026-09-23 17:30',
      '2026-09-24 17:30', // Sep 25–27 中秋
      '2026-09-28 17:30',
      '2026-09-29 17:30',
      '2026-09-30 17:30', // Oct 1–7 国庆
      '2026-10-08 17:30',
      '2026-10-09 17:30',
      '2026-10-10 17:30', // Saturday, 调休 working day
      '2026-10-12 17:30',
    ]);
  });

  it('has no period on a holiday or an ordinary weekend', () => {
    expect(periodOf('2026-10-01', 'daily', calendar)).toBeNull();
    expect(periodOf('2026-10-11', 'daily', calendar)).toBeNull();
    expect(periodOf('2026-10-10', 'daily', calendar)).toMatchObject({ start: '2026-10-10', dueDay: '2026-10-10' });
  });
});

describe('weekly screenings (village)', () => {
  it.each([
    ['2026-09-14', '2026-09-14', '2026-09-20', '2026-09-20 17:30', 'the week ends on the make-up Sunday'],
    ['2026-09-23', '2026-09-21', '2026-09-27', '2026-09-24 17:30', 'Friday is 中秋: due Thursday'],
    ['2026-10-02', '2026-09-28', '2026-10-04', '2026-09-30 17:30', 'the week runs into 国庆: due before it'],
    ['2026-10-05', '2026-10-05', '2026-10-11', '2026-10-10 17:30', 'after 国庆: due on the make-up Saturday'],
    ['2026-10-14', '2026-10-12', '2026-10-18', '2026-10-16 17:30', 'an ordinary week: due Friday'],
  ])('%s lies in %s–%s, due %s (%s)', (day, start, end, dueAt) => {
    const p = periodOf(day, 'weekly', calendar);
    expect(p && [p.start, p.end, due(p.dueAt)]).toEqual([start, end, dueAt]);
  });

  it('asks nothing in a week without a working day, and a week across the year is one period', () => {
    // 2026-02-16 … 2026-02-22 lies wholly inside the Spring Festival holiday.
    expect(periodOf('2026-02-18', 'weekly', calendar)).toBeNull();
    expect(periodOf('2026-01-01', 'weekly', calendar)).toMatchObject({ start: '2025-12-29', dueDay: '2026-01-04' });
  });
});

describe('half-monthly (town) and monthly (county) screenings', () => {
  it.each([
    ['2026-09-03', 'half_monthly', '2026-09-01', '2026-09-15', '2026-09-15 17:30'],
    ['2026-09-20', 'half_monthly', '2026-09-16', '2026-09-30', '2026-09-30 17:30'],
    ['2026-10-01', 'half_monthly', '2026-10-01', '2026-10-15', '2026-10-15 17:30'],
    ['2026-02-20', 'half_monthly', '2026-02-16', '2026-02-28', '2026-02-28 17:30'], // Saturday 调休
    ['2026-05-02', 'half_monthly', '2026-05-01', '2026-05-15', '2026-05-15 17:30'],
    ['2026-09-09', 'monthly', '2026-09-01', '2026-09-30', '2026-09-30 17:30'],
    ['2026-10-01', 'monthly', '2026-10-01', '2026-10-31', '2026-10-30 17:30'], // Oct 31 is a Saturday
    ['2026-01-02', 'monthly', '2026-01-01', '2026-01-31', '2026-01-30 17:30'],
  ] as const)('%s %s: %s–%s due %s', (day, cadence, start, end, dueAt) => {
    const p = periodOf(day, cadence, calendar);
    expect(p && [p.start, p.end, due(p.dueAt)]).toEqual([start, end, dueAt]);
  });

  it('covers every day of a year exactly once for every cadence', () => {
    for (const cadence of ['daily', 'weekly', 'half_monthly', 'monthly'] as const) {
      const seen = new Map<string, number>();
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const { start, end } = periodBounds(day, cadence);
        expect(start * 86_400_000 <= t && t <= end * 86_400_000).toBe(true);
        seen.set(`${start}`, (seen.get(`${start}`) ?? 0) + 1);
      }
      const expected = { daily: 365, weekly: 53, half_monthly: 24, monthly: 12 }[cadence];
      expect(seen.size, cadence).toBe(expected);
    }
  });

  it('counts the year 2026: 248 working days (as chinese-days), 24 half-months and 12 months all due', () => {
    expect(periodsBetween('2026-01-01', '2026-12-31', 'daily', calendar)).toHaveLength(248);
    expect(periodsBetween('2026-01-01', '2026-12-31', 'half_monthly', calendar)).toHaveLength(24);
    expect(periodsBetween('2026-01-01', '2026-12-31', 'monthly', calendar)).toHaveLength(12);
    expect(chineseDays.getWorkdaysInRange('2026-01-01', '2026-12-31')).toHaveLength(248);
  });
});

describe('which period a generator opens', () => {
  it.each([
    ['2026-10-08', '00:05', 'daily', '2026-10-08'],
    ['2026-10-08', '17:29', 'daily', '2026-10-08'],
    ['2026-10-08', '17:30', 'daily', null], // due now: never born overdue
    ['2026-10-03', '09:00', 'daily', null], // 国庆
    ['2026-10-09', '20:00', 'weekly', '2026-10-05'], // the week is due on Saturday Oct 10
    ['2026-10-10', '18:00', 'weekly', null],
    ['2026-10-11', '09:00', 'weekly', null], // Sunday after the week's last working day
    ['2026-10-05', '09:00', 'half_monthly', '2026-10-01'],
  ] as const)('%s %s %s → %s', (day, time, cadence, start) => {
    expect(periodToOpen(chinaTime(day, time), cadence, calendar)?.start ?? null).toBe(start);
  });

  it('keys a task by unit, cadence and period start', () => {
    const p = periodOf('2026-10-08', 'weekly', calendar);
    expect(p && screeningSourceKey(42, p)).toBe('screening:42:weekly:2026-10-05');
  });
});
