import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_2025, CHINA_2026 } from './calendar-fixtures.js';
import { chinaDayOf, chinaTime } from './china-time.js';
import { createWorkCalendar, DURATION_UNITS } from './work-calendar.js';

const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });
const at = (day: string, time: string) => chinaTime(day, time);
const iso = (d: Date) => `${chinaDayOf(d)} ${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;

describe('the 2025 and 2026 schedules', () => {
  it.each([2025, 2026])('agree with chinese-days on every day of %i', (year) => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (calendar.isWorkingDay(day) !== chineseDays.isWorkday(day)) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });

  it('lists exactly the make-up working days chinese-days knows as working weekends', () => {
    const makeUp = [...CHINA_2025, ...CHINA_2026].filter((d) => d.kind === 'workday').map((d) => d.day);
    for (const day of makeUp) expect(chineseDays.getDayDetail(day).work).toBe(true);
    expect(makeUp.sort()).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('marks as holidays exactly the days chinese-days calls holidays (isHoliday), weekends aside', () => {
    const holidays = new Set([...CHINA_2025, ...CHINA_2026].filter((d) => d.kind === 'holiday').map((d) => d.day));
    for (const day of holidays) expect(chineseDays.isHoliday(day)).toBe(true);
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const weekend = [0, 6].includes(new Date(t).getUTCDay());
      if (!weekend && chineseDays.isHoliday(day)) expect(holidays.has(day)).toBe(true);
      // 调休 days off (isInLieu) are weekdays off: the calendar must treat them as rest days.
      if (chineseDays.isInLieu(day)) expect(calendar.isWorkingDay(day)).toBe(false);
    }
  });

  it.each([
    ['2025-01-01', false, '元旦'],
    ['2025-01-26', true, 'Sunday make-up day before 春节'],
    ['2025-02-04', false, 'last day of 春节'],
    ['2025-02-08', true, 'Saturday make-up day after 春节'],
    ['2025-04-27', true, 'Sunday make-up day before 劳动节'],
    ['2025-05-05', false, '劳动节 Monday'],
    ['2025-06-02', false, '端午 Monday'],
    ['2025-09-28', true, 'Sunday make-up day before 国庆'],
    ['2025-10-08', false, 'last day of 国庆+中秋'],
    ['2025-10-09', true, 'first working day after 国庆'],
    ['2025-10-11', true, 'Saturday make-up day after 国庆'],
    ['2025-10-12', false, 'ordinary Sunday after the holiday'],
    ['2026-01-02', false, '元旦 Friday'],
    ['2026-01-04', true, 'Sunday make-up day after 元旦'],
    ['2026-02-14', true, 'Saturday make-up day before 春节'],
    ['2026-02-23', false, 'last day of 春节'],
    ['2026-02-24', true, 'back to work after 春节'],
    ['2026-02-28', true, 'Saturday make-up day after 春节'],
    ['2026-10-07', false, 'last day of 国庆'],
    ['2026-10-10', true, 'Saturday make-up day after 国庆'],
    ['2027-01-04', true, 'a Monday of a year with no schedule yet: weekday rule'],
  ])('%s working=%s (%s)', (day, working) => {
    expect(calendar.isWorkingDay(day)).toBe(working);
  });

  it('knows which years it has data for', () => {
    expect(calendar.years).toEqual([2025, 2026]);
  });

  it('takes the China day of an instant, whatever the machine TZ', () => {
    // 2025-09-30 17:00 UTC is already 2025-10-01 01:00 in China: a holiday.
    expect(calendar.isWorkingDay(new Date('2025-09-30T17:00:00Z'))).toBe(false);
    expect(calendar.isWorkingDay(new Date('2025-09-30T15:59:59Z'))).toBe(true);
  });
});

describe('addDuration', () => {
  it.each([
    // working days: the start day never counts; due at 17:30 of the Nth working day after it
    ['2025-09-26', '19:00', 3, 'working_days', '2025-09-30 17:30', 'Fri evening; Sun 9/28 is a make-up day'],
    ['2025-09-30', '19:00', 1, 'working_days', '2025-10-09 17:30', 'eve of 国庆: counts from the first day after'],
    ['2025-09-30', '09:00', 1, 'working_days', '2025-10-09 17:30', 'morning of the start day still does not count'],
    ['2025-10-08', '10:00', 3, 'working_days', '2025-10-11 17:30', 'holiday start; Sat 10/11 is a make-up day'],
    ['2025-10-10', '10:00', 2, 'working_days', '2025-10-13 17:30', 'Sun 10/12 is an ordinary rest day'],
    ['2025-01-24', '16:00', 1, 'working_days', '2025-01-26 17:30', 'Sun 1/26 make-up before 春节'],
    ['2025-01-26', '16:00', 1, 'working_days', '2025-01-27 17:30', 'the day before 除夕'],
    ['2025-01-27', '16:00', 1, 'working_days', '2025-02-05 17:30', 'across 春节 2025'],
    ['2026-02-13', '18:00', 1, 'working_days', '2026-02-14 17:30', 'Sat 2/14 is a make-up day'],
    ['2026-02-14', '10:00', 1, 'working_days', '2026-02-24 17:30', 'across 春节 2026'],
    ['2026-02-14', '10:00', 5, 'working_days', '2026-02-28 17:30', 'Sat 2/28 is a make-up day'],
    ['2026-09-30', '10:00', 1, 'working_days', '2026-10-08 17:30', 'across 国庆 2026'],
    ['2025-09-29', '10:00', 0.5, 'working_days', '2025-09-30 12:00', 'half a working day: half of next day office'],
    ['2025-09-29', '10:00', 0, 'working_days', '2025-09-29 10:00', 'zero is the start'],
    // working hours: only office hours on working days
    ['2025-09-26', '17:00', 2, 'working_hours', '2025-09-28 10:00', 'Fri 17:00: 0.5 h Fri, 1.5 h on make-up Sun'],
    ['2025-10-10', '17:00', 2, 'working_hours', '2025-10-11 10:00', 'Fri 17:00 → make-up Sat'],
    ['2025-10-17', '17:00', 2, 'working_hours', '2025-10-20 10:00', 'ordinary Fri 17:00 → Mon 10:00'],
    ['2025-09-30', '16:30', 2, 'working_hours', '2025-10-09 09:30', 'eve of 国庆'],
    ['2025-09-30', '17:00', 0.5, 'working_hours', '2025-09-30 17:30', 'used up at closing time: due 17:30'],
    ['2025-09-29', '11:30', 1, 'working_hours', '2025-09-29 14:30', 'lunch break does not count'],
    ['2025-09-29', '12:30', 1, 'working_hours', '2025-09-29 15:00', 'starting inside the lunch break'],
    ['2025-09-29', '07:00', 7, 'working_hours', '2025-09-29 17:30', 'a full office day is 7 h'],
    ['2026-02-13', '17:00', 11, 'working_hours', '2026-02-24 12:00', 'Fri, make-up Sat 2/14, then 春节 2026'],
    // natural hours: plain elapsed time
    ['2025-09-30', '16:30', 24, 'natural_hours', '2025-10-01 16:30', 'holidays count'],
    ['2025-09-30', '23:30', 1.5, 'natural_hours', '2025-10-01 01:00', 'across midnight'],
  ] as const)('%s %s + %s %s → %s (%s)', (day, time, amount, unit, expected, _why) => {
    expect(iso(calendar.addDuration(at(day, time), amount, unit))).toBe(expected);
  });

  it('2026-02-13 17:00 + 4 working hours is due on the make-up Saturday before 春节', () => {
    // Fri 17:00–17:30 = 0.5 h, Sat 2/14 is a make-up day: 08:30 + 3.5 h = 12:00.
    expect(iso(calendar.addDuration(at('2026-02-13', '17:00'), 4, 'working_hours'))).toBe('2026-02-14 12:00');
  });

  it('rejects negative or non-finite amounts', () => {
    expect(() => calendar.addDuration(at('2025-09-29', '10:00'), -1, 'working_hours')).toThrow(RangeError);
    expect(() => calendar.addDuration(at('2025-09-29', '10:00'), Number.NaN, 'natural_hours')).toThrow(RangeError);
  });

  it('honours configured office hours', () => {
    const nineToFive = createWorkCalendar({ specialDays: CHINA_2025, officeHours: [[9 * 60, 17 * 60]] });
    expect(iso(nineToFive.addDuration(at('2025-10-17', '16:00'), 2, 'working_hours'))).toBe('2025-10-20 10:00');
    expect(iso(nineToFive.addDuration(at('2025-10-17', '16:00'), 1, 'working_days'))).toBe('2025-10-20 17:00');
  });

  it('refuses broken configuration', () => {
    expect(() => createWorkCalendar({ specialDays: [], officeHours: [] })).toThrow(RangeError);
    expect(() => createWorkCalendar({ specialDays: [], officeHours: [[600, 500]] })).toThrow(RangeError);
    expect(() =>
      createWorkCalendar({
        specialDays: [],
        officeHours: [
          [500, 700],
          [600, 800],
        ],
      }),
    ).toThrow(RangeError);
    expect(() => createWorkCalendar({ specialDays: [{ day: '2025-02-30', kind: 'holiday' }] })).toThrow(RangeError);
    expect(() =>
      createWorkCalendar({
        specialDays: [
          { day: '2025-10-11', kind: 'holiday' },
          { day: '2025-10-11', kind: 'workday' },
        ],
      }),
    ).toThrow(RangeError);
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['2025-09-30', '16:30', '2025-10-09', '09:30', 'working_hours', 2],
    ['2025-09-30', '16:30', '2025-10-09', '09:30', 'natural_hours', 209],
    ['2025-09-26', '19:00', '2025-09-30', '17:30', 'working_days', 3],
    ['2025-09-26', '19:00', '2025-09-29', '12:00', 'working_days', 1.5],
    ['2025-09-29', '10:00', '2025-09-29', '17:00', 'working_days', 0],
    ['2025-10-01', '08:00', '2025-10-08', '18:00', 'working_hours', 0],
    ['2025-10-09', '10:00', '2025-10-09', '09:00', 'working_hours', 0],
  ] as const)('%s %s → %s %s in %s = %s', (d1, t1, d2, t2, unit, expected) => {
    expect(calendar.workingTimeBetween(at(d1, t1), at(d2, t2), unit)).toBeCloseTo(expected, 9);
  });
});

describe('pointAtShare (yellow warning)', () => {
  it('warns when 80% of a 2 working-hour limit has passed, counting office time only', () => {
    const start = at('2025-09-30', '16:30');
    const due = calendar.addDuration(start, 2, 'working_hours');
    expect(iso(calendar.pointAtShare(start, due, 0.8, 'working_hours'))).toBe('2025-10-09 09:06');
  });

  it('warns within the last working day of a working-day limit', () => {
    const start = at('2025-09-26', '19:00');
    const due = calendar.addDuration(start, 3, 'working_days');
    // 2.5 of 3 working days: half-way through the office hours of 9/30.
    expect(iso(calendar.pointAtShare(start, due, 2.5 / 3, 'working_days'))).toBe('2025-09-30 12:00');
  });
});

describe('extendBySuspension', () => {
  it('moves a working-hours deadline by the office time the pause covered', () => {
    // Paused across the whole 国庆 holiday: only 16:30–17:30 on 9/30 and 08:30–09:30 on 10/9 count.
    const due = at('2025-10-09', '10:00');
    const moved = calendar.extendBySuspension(
      due,
      at('2025-09-30', '16:30'),
      at('2025-10-09', '09:30'),
      'working_hours',
    );
    expect(iso(moved)).toBe('2025-10-09 12:00');
  });

  it('moves a working-days deadline by whole office days when whole days were paused', () => {
    const due = at('2025-10-14', '17:30');
    const moved = calendar.extendBySuspension(
      due,
      at('2025-10-09', '17:30'),
      at('2025-10-11', '17:30'),
      'working_days',
    );
    expect(iso(moved)).toBe('2025-10-16 17:30');
  });

  it('moves a natural-hours deadline by the elapsed pause', () => {
    const moved = calendar.extendBySuspension(
      at('2025-10-01', '12:00'),
      at('2025-10-01', '08:00'),
      at('2025-10-01', '10:30'),
      'natural_hours',
    );
    expect(iso(moved)).toBe('2025-10-01 14:30');
  });

  it('equals restarting the remaining time at resumption', () => {
    const start = at('2025-09-26', '15:00');
    const due = calendar.addDuration(start, 10, 'working_hours');
    const paused = at('2025-09-28', '11:00');
    const resumed = at('2025-10-10', '15:15');
    const remaining = calendar.workingTimeBetween(paused, due, 'working_hours');
    expect(calendar.extendBySuspension(due, paused, resumed, 'working_hours')).toEqual(
      calendar.addDuration(resumed, remaining, 'working_hours'),
    );
  });
});

describe('properties', () => {
  // Instants from 2024-12 to 2027-01, whole minutes, so the real schedules are crossed often.
  const instant = fc
    .integer({ min: Date.UTC(2024, 11, 1) / 60_000, max: Date.UTC(2027, 0, 31) / 60_000 })
    .map((minutes) => new Date(minutes * 60_000));
  const unit = fc.constantFrom(...DURATION_UNITS);
  const amount = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 60, noNaN: true }));

  it('the deadline is never before the start', () => {
    fc.assert(
      fc.property(instant, amount, unit, (start, n, u) => {
        expect(calendar.addDuration(start, n, u).getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  it('the deadline is monotone in the amount', () => {
    fc.assert(
      fc.property(instant, amount, amount, unit, (start, a, b, u) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(calendar.addDuration(start, small, u).getTime()).toBeLessThanOrEqual(
          calendar.addDuration(start, large, u).getTime(),
        );
      }),
    );
  });

  it('the deadline is monotone in the start', () => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 100 }), unit, (a, b, n, u) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(calendar.addDuration(early, n, u).getTime()).toBeLessThanOrEqual(
          calendar.addDuration(late, n, u).getTime(),
        );
      }),
    );
  });

  it('workingTimeBetween gives back the amount added (every unit)', () => {
    fc.assert(
      fc.property(instant, amount, unit, (start, n, u) => {
        const due = calendar.addDuration(start, n, u);
        // Amounts are rounded to the millisecond when added.
        expect(Math.abs(calendar.workingTimeBetween(start, due, u) - n)).toBeLessThan(1e-6);
      }),
    );
  });

  it('working hours add up: (a + b) from start = b from (a from start)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (start, a, b) => {
        const direct = calendar.addDuration(start, a + b, 'working_hours');
        const stepped = calendar.addDuration(calendar.addDuration(start, a, 'working_hours'), b, 'working_hours');
        expect(stepped).toEqual(direct);
      }),
    );
  });

  it('a deadline in working units lands on a working day within office hours', () => {
    fc.assert(
      fc.property(
        instant,
        fc.double({ min: 0.01, max: 60, noNaN: true }),
        fc.constantFrom('working_hours', 'working_days' as const),
        (start, n, u) => {
          const due = calendar.addDuration(start, n, u);
          expect(calendar.isWorkingDay(due)).toBe(true);
          const minute = Math.round(((due.getTime() + 8 * 3600_000) % 86_400_000) / 60_000);
          expect((minute >= 510 && minute <= 720) || (minute >= 840 && minute <= 1050)).toBe(true);
        },
      ),
    );
  });

  it('the warning point lies between start and deadline', () => {
    fc.assert(
      fc.property(instant, amount, unit, fc.double({ min: 0, max: 1, noNaN: true }), (start, n, u, share) => {
        const due = calendar.addDuration(start, n, u);
        const warn = calendar.pointAtShare(start, due, share, u);
        expect(warn.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(warn.getTime()).toBeLessThanOrEqual(due.getTime());
      }),
    );
  });

  it('a suspension never shortens a deadline, and moves working units by exactly the paused office time', () => {
    fc.assert(
      fc.property(instant, instant, instant, unit, (due, p, r, u) => {
        const [paused, resumed] = p <= r ? [p, r] : [r, p];
        const moved = calendar.extendBySuspension(due, paused, resumed, u);
        expect(moved.getTime()).toBeGreaterThanOrEqual(due.getTime());
        if (u !== 'natural_hours') {
          expect(calendar.workingTimeBetween(due, moved, 'working_hours')).toBeCloseTo(
            calendar.workingTimeBetween(paused, resumed, 'working_hours'),
            6,
          );
        }
      }),
    );
  });
});
