// Day arithmetic of the small-power rules, on China-time calendar days ('YYYY-MM-DD').
import type { DayKey } from '../calendar/index.js';
import type { DayCalendar } from './types.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A valid calendar day, or undefined ('2026-02-30' is not one). */
export function dayNumber(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t).toISOString().slice(0, 10);
  return back === day ? t / DAY_MS : undefined;
}

export function isDay(day: string): boolean {
  return dayNumber(day) !== undefined;
}

function keyOf(n: number): DayKey {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: DayKey, n: number): DayKey {
  return keyOf((dayNumber(day) as number) + n);
}

/** The n-th working day after `day` (n ≥ 1): the last day of a limit of n working days started on `day`. */
export function addWorkingDays(calendar: DayCalendar, day: DayKey, n: number): DayKey {
  let d = day;
  let left = n;
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: DayCalendar, from: DayKey, to: DayKey): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) count++;
  return count;
}

/** The last day of a publicity of `days` calendar days starting on `from` (公示 5 天: from, from+4). */
export function publicityEnd(from: DayKey, days: number): DayKey {
  return addDays(from, days - 1);
}
