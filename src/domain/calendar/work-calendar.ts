// Deadline arithmetic on the Chinese working calendar: public holidays, 调休 make-up working days, and office
// hours, all in China time. Everything is a pure function of the calendar data and the instants given.
//
// Semantics (what a civil servant expects, as practised by 12345 hotlines):
// - natural_hours: plain elapsed time; nights, weekends and holidays count.
// - working_hours: only time inside office hours on working days counts. A deadline is the earliest instant
//   at which enough office time has passed, so a limit that is used up exactly at 17:30 is due at 17:30,
//   not at 08:30 the next working day.
// - working_days: the start day never counts, whatever the hour (a case registered at 08:00 Monday or on a
//   Sunday is treated alike); N working days are due at the end of office hours of the Nth working day after
//   the start day. Registered on the evening before the National Day holiday, a case counts from the first
//   working day after it. Fractions are allowed and run through the office hours of the next working day
//   (0.5 → that day's office time half used).
// - A suspension stops the clock: on resuming, a deadline moves by the working time the pause covered (office
//   time for working units, elapsed time for natural hours), which is the same as keeping the remaining time.
import {
  CHINA_OFFSET_MS,
  chinaDayNumber,
  DAY_MS,
  type DayKey,
  dayKeyOf,
  dayStart,
  parseDayKey,
  weekdayOf,
} from './china-time.js';

export type DurationUnit = 'natural_hours' | 'working_hours' | 'working_days';

export const DURATION_UNITS: readonly DurationUnit[] = ['natural_hours', 'working_hours', 'working_days'];

/** A day that differs from the weekday rule: a holiday on a weekday, or a 调休 working day on a weekend. */
export interface SpecialDay {
  readonly day: DayKey;
  readonly kind: 'holiday' | 'workday';
  readonly name?: string;
}

/** Office hours as [start, end) minute-of-day ranges, e.g. [[510, 720], [840, 1050]] for 08:30–12:00, 14:00–17:30. */
export type OfficeHours = readonly (readonly [startMinute: number, endMinute: number])[];

export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60, 17 * 60 + 30],
];

export interface WorkCalendarConfig {
  readonly specialDays: readonly SpecialDay[];
  readonly officeHours?: OfficeHours;
}

export interface WorkCalendar {
  readonly officeHours: OfficeHours;
  /** Years for which special days are known; outside them only the weekday rule applies. */
  readonly years: readonly number[];
  isWorkingDay(day: DayKey | Date): boolean;
  /** The deadline for a limit of `amount` units started at `start` (amount ≥ 0; 0 gives `start`). */
  addDuration(start: Date, amount: number, unit: DurationUnit): Date;
  /** Time elapsed from a to b in the unit, measured as addDuration counts (0 when b is not after a). */
  workingTimeBetween(a: Date, b: Date, unit: DurationUnit): number;
  /** The instant at which `share` (0..1) of the limit running from start to dueAt has elapsed (yellow warning). */
  pointAtShare(start: Date, dueAt: Date, share: number, unit: DurationUnit): Date;
  /** The deadline after a suspension from pausedAt to resumedAt: moved by the working time the pause covered. */
  extendBySuspension(dueAt: Date, pausedAt: Date, resumedAt: Date, unit: DurationUnit): Date;
}

const HOUR_MS = 3600_000;
/** No real calendar has ten years without a working day; beyond that the data is broken. */
const MAX_SEARCH_DAYS = 3660;

function dayNumberOfMs(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

function validateOfficeHours(hours: OfficeHours): void {
  if (hours.length === 0) throw new RangeError('office hours: at least one range is needed');
  let previousEnd = -1;
  for (const [start, end] of hours) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 1440 || start >= end) {
      throw new RangeError(`office hours: [${start}, ${end}] is not a range of minutes within a day`);
    }
    if (start < previousEnd) throw new RangeError('office hours: ranges must be sorted and must not overlap');
    previousEnd = end;
  }
}

function indexSpecialDays(days: readonly SpecialDay[]): Map<number, 'holiday' | 'workday'> {
  const index = new Map<number, 'holiday' | 'workday'>();
  for (const { day, kind } of days) {
    const number = parseDayKey(day);
    if (number === undefined) throw new RangeError(`special day: '${day}' is not a date (YYYY-MM-DD)`);
    if (kind !== 'holiday' && kind !== 'workday') throw new RangeError(`special day ${day}: unknown kind '${kind}'`);
    const existing = index.get(number);
    if (existing !== undefined && existing !== kind) throw new RangeError(`special day ${day} is listed as both kinds`);
    index.set(number, kind);
  }
  return index;
}

export function createWorkCalendar(config: WorkCalendarConfig): WorkCalendar {
  const officeHours = config.officeHours ?? DEFAULT_OFFICE_HOURS;
  validateOfficeHours(officeHours);
  const special = indexSpecialDays(config.specialDays);
  const windows = officeHours.map(([s, e]) => [s * 60_000, e * 60_000] as const);
  const officeMsPerDay = windows.reduce((sum, [s, e]) => sum + (e - s), 0);
  const officeEndMs = windows[windows.length - 1]?.[1] ?? 0;
  const years = [...new Set([...special.keys()].map((n) => Number(dayKeyOf(n).slice(0, 4))))].sort((a, b) => a - b);

  const isWorkingDayNumber = (day: number): boolean => {
    const kind = special.get(day);
    if (kind !== undefined) return kind === 'workday';
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  };

  const officeMsBetween = (a: number, b: number): number => {
    if (b <= a) return 0;
    let total = 0;
    const last = dayNumberOfMs(b);
    for (let day = dayNumberOfMs(a); day <= last; day++) {
      if (!isWorkingDayNumber(day)) continue;
      const base = dayStart(day);
      for (const [s, e] of windows) total += Math.max(0, Math.min(b, base + e) - Math.max(a, base + s));
    }
    return total;
  };

  const addOfficeMs = (start: number, amount: number): number => {
    if (amount <= 0) return start;
    let remaining = amount;
    const first = dayNumberOfMs(start);
    for (let day = first; day <= first + MAX_SEARCH_DAYS; day++) {
      if (!isWorkingDayNumber(day)) continue;
      const base = dayStart(day);
      for (const [s, e] of windows) {
        const from = Math.max(start, base + s);
        const to = base + e;
        if (to <= from) continue;
        if (remaining <= to - from) return from + remaining;
        remaining -= to - from;
      }
    }
    throw new RangeError('calendar: no working time within ten years');
  };

  const nthWorkingDayAfter = (day: number, n: number): number => {
    let found = 0;
    for (let d = day + 1; d <= day + MAX_SEARCH_DAYS; d++) {
      if (isWorkingDayNumber(d) && ++found === n) return d;
    }
    throw new RangeError('calendar: no working day within ten years');
  };

  const addWorkingDays = (start: number, amount: number): number => {
    if (amount <= 0) return start;
    const startDay = dayNumberOfMs(start);
    const whole = Math.floor(amount);
    const fraction = amount - whole;
    if (fraction === 0) return dayStart(nthWorkingDayAfter(startDay, whole)) + officeEndMs;
    const day = nthWorkingDayAfter(startDay, whole + 1);
    return addOfficeMs(dayStart(day), Math.round(fraction * officeMsPerDay));
  };

  const workingDaysBetween = (a: number, b: number): number => {
    if (b <= a) return 0;
    const startDay = dayNumberOfMs(a);
    const endDay = dayNumberOfMs(b);
    let count = 0;
    for (let day = startDay + 1; day < endDay; day++) if (isWorkingDayNumber(day)) count++;
    if (endDay > startDay && isWorkingDayNumber(endDay)) count += officeMsBetween(dayStart(endDay), b) / officeMsPerDay;
    return count;
  };

  const checkAmount = (amount: number): void => {
    if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`duration amount must be ≥ 0, got ${amount}`);
  };

  const addDuration = (start: Date, amount: number, unit: DurationUnit): Date => {
    checkAmount(amount);
    const from = start.getTime();
    switch (unit) {
      case 'natural_hours':
        return new Date(from + Math.round(amount * HOUR_MS));
      case 'working_hours':
        return new Date(addOfficeMs(from, Math.round(amount * HOUR_MS)));
      case 'working_days':
        return new Date(addWorkingDays(from, amount));
    }
  };

  const workingTimeBetween = (a: Date, b: Date, unit: DurationUnit): number => {
    const from = a.getTime();
    const to = b.getTime();
    switch (unit) {
      case 'natural_hours':
        return Math.max(0, to - from) / HOUR_MS;
      case 'working_hours':
        return officeMsBetween(from, to) / HOUR_MS;
      case 'working_days':
        return workingDaysBetween(from, to);
    }
  };

  return {
    officeHours,
    years,
    isWorkingDay(day) {
      const number = day instanceof Date ? chinaDayNumber(day) : parseDayKey(day);
      if (number === undefined) throw new RangeError(`'${String(day)}' is not a date (YYYY-MM-DD)`);
      return isWorkingDayNumber(number);
    },
    addDuration,
    workingTimeBetween,
    pointAtShare(start, dueAt, share, unit) {
      if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be within 0..1, got ${share}`);
      return addDuration(start, share * workingTimeBetween(start, dueAt, unit), unit);
    },
    extendBySuspension(dueAt, pausedAt, resumedAt, unit) {
      const paused = pausedAt.getTime();
      const resumed = resumedAt.getTime();
      if (resumed <= paused) return dueAt;
      if (unit === 'natural_hours') return new Date(dueAt.getTime() + (resumed - paused));
      return new Date(addOfficeMs(dueAt.getTime(), officeMsBetween(paused, resumed)));
    },
  };
}
