// The periods of a screening cadence on the holiday calendar, and each period's due time. Pure: the calendar
// and the time come from the caller.
// - daily: every working day is a period, due at the close of office that day (no period on a rest day);
// - weekly: the ISO week (Monday–Sunday), due on its last working day — a 调休 Saturday or Sunday included;
// - half_monthly: the 1st–15th and the 16th–end of the month, each due on its last working day;
// - monthly: the calendar month, due on its last working day.
// A period without a working day (a week wholly inside the Spring Festival) asks for nothing.
import { chinaDayOf, chinaTime, type DayKey, dayKeyOf, parseDayKey, weekdayOf } from '../calendar/china-time.js';
import type { WorkCalendar } from '../calendar/index.js';
import type { Cadence } from './types.js';

export interface ScreeningPeriod {
  readonly cadence: Cadence;
  /** First and last day of the period, both inclusive. */
  readonly start: DayKey;
  readonly end: DayKey;
  /** The last working day of the period: the screening is due at its close of office. */
  readonly dueDay: DayKey;
  readonly dueAt: Date;
}

function dayNumber(day: DayKey): number {
  const n = parseDayKey(day);
  if (n === undefined) throw new RangeError(`not a day: ${day}`);
  return n;
}

/** The close of office hours of a working day (the calendar's own arithmetic, so the administrator's hours apply). */
export function closeOfOffice(day: DayKey, calendar: WorkCalendar): Date {
  return calendar.addDuration(chinaTime(dayKeyOf(dayNumber(day) - 1), '12:00'), 1, 'working_days');
}

/** The bounds [start, end] of the period of `cadence` holding the day. */
export function periodBounds(day: DayKey, cadence: Cadence): { start: number; end: number } {
  const n = dayNumber(day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  switch (cadence) {
    case 'daily':
      return { start: n, end: n };
    case 'weekly': {
      const monday = n - ((weekdayOf(n) + 6) % 7);
      return { start: monday, end: monday + 6 };
    }
    case 'half_monthly': {
      const first = Date.UTC(y, m - 1, 1) / 86_400_000;
      const last = Date.UTC(y, m, 0) / 86_400_000;
      return d <= 15 ? { start: first, end: first + 14 } : { start: first + 15, end: last };
    }
    case 'monthly':
      return { start: Date.UTC(y, m - 1, 1) / 86_400_000, end: Date.UTC(y, m, 0) / 86_400_000 };
  }
}

/** The period of the cadence holding `day`, or null when it has no working day (nothing is due). */
export function periodOf(day: DayKey, cadence: Cadence, calendar: WorkCalendar): ScreeningPeriod | null {
  const { start, end } = periodBounds(day, cadence);
  for (let n = end; n >= start; n--) {
    const key = dayKeyOf(n);
    if (!calendar.isWorkingDay(key)) continue;
    return { cadence, start: dayKeyOf(start), end: dayKeyOf(end), dueDay: key, dueAt: closeOfOffice(key, calendar) };
  }
  return null;
}

/** Every period of the cadence that begins within [from, to] (both inclusive) and asks for a screening, in order. */
export function periodsBetween(from: DayKey, to: DayKey, cadence: Cadence, calendar: WorkCalendar): ScreeningPeriod[] {
  const last = dayNumber(to);
  const periods: ScreeningPeriod[] = [];
  let n = periodBounds(from, cadence).start;
  if (n < dayNumber(from)) n = periodBounds(from, cadence).end + 1;
  while (n <= last) {
    const key = dayKeyOf(n);
    const period = periodOf(key, cadence, calendar);
    if (period) periods.push(period);
    n = periodBounds(key, cadence).end + 1;
  }
  return periods;
}

/**
 * The period whose screening task should exist at `now`: the running one, when it asks for a screening and its
 * due time is still ahead. A task is never born overdue — a day no process ran through has no task (see the
 * README); a weekly, half-monthly or monthly period that began while no process ran is opened on restart.
 */
export function periodToOpen(now: Date, cadence: Cadence, calendar: WorkCalendar): ScreeningPeriod | null {
  const period = periodOf(chinaDayOf(now), cadence, calendar);
  return period && period.dueAt > now ? period : null;
}

/** The task's source key: one task per unit, cadence and period, whatever the number of server processes. */
export function screeningSourceKey(orgId: number, period: Pick<ScreeningPeriod, 'cadence' | 'start'>): string {
  return `screening:${orgId}:${period.cadence}:${period.start}`;
}

/** '2026-10-05' weekly → '2026-10-05～10-11'; daily → '2026-10-08'. */
export function periodLabel(period: Pick<ScreeningPeriod, 'start' | 'end'>): string {
  return period.start === period.end ? period.start : `${period.start}～${period.end.slice(5)}`;
}
