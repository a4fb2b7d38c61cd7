// The weekly progress reports of a special work team (工作专班周报): every member unit reports once per ISO week
// while the team runs, by the end of office hours of the week's last working day — on the holiday calendar, so a
// week ending in the National Day holiday is due on its last working day before it, and a week with a 调休
// working Saturday or Sunday is due on that day. Pure: the calendar and the time come from the caller.
import { chinaDayOf, chinaTime, type DayKey, dayKeyOf, parseDayKey, weekdayOf } from '../calendar/china-time.js';
import type { WorkCalendar } from '../calendar/index.js';

/** The days a team runs, both inclusive (China calendar days). */
export interface TeamPeriod {
  readonly start: DayKey;
  readonly end: DayKey;
}

export interface ReportWeek {
  /** ISO week, '2026-W40'. */
  readonly week: string;
  readonly monday: DayKey;
  readonly sunday: DayKey;
  /** The last working day of the week that falls within the team's period: the report is due that day. */
  readonly dueDay: DayKey;
  /** End of office hours of dueDay. */
  readonly dueAt: Date;
}

function dayNumber(day: DayKey): number {
  const n = parseDayKey(day);
  if (n === undefined) throw new RangeError(`not a day: ${day}`);
  return n;
}

/** Monday of the ISO week holding the day. */
function mondayOf(n: number): number {
  return n - ((weekdayOf(n) + 6) % 7);
}

/** The ISO week of a day, '2026-W01' (the week belongs to the year of its Thursday). */
export function isoWeekOf(day: DayKey): string {
  const thursday = mondayOf(dayNumber(day)) + 3;
  const key = dayKeyOf(thursday);
  const year = Number(key.slice(0, 4));
  const firstOfYear = dayNumber(`${year}-01-01`);
  const week = Math.floor((thursday - firstOfYear) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The end of office hours of a day, or of the first working day after it when it is none: one working day
 * counted from the day before ends there (the calendar's own time-limit arithmetic, so the office hours kept
 * by the administrator apply).
 */
export function closeOfOfficeDay(day: DayKey, calendar: WorkCalendar): Date {
  return calendar.addDuration(chinaTime(dayKeyOf(dayNumber(day) - 1), '12:00'), 1, 'working_days');
}

/**
 * The report week holding `day`, limited to the team's period: null when the day is outside the period or no
 * working day of that week falls within it (the Spring Festival week: nothing to report).
 */
export function reportWeekOf(day: DayKey, period: TeamPeriod, calendar: WorkCalendar): ReportWeek | null {
  const n = dayNumber(day);
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  if (n < start || n > end) return null;
  const monday = mondayOf(n);
  const sunday = monday + 6;
  for (let d = Math.min(sunday, end); d >= Math.max(monday, start); d--) {
    const key = dayKeyOf(d);
    if (!calendar.isWorkingDay(key)) continue;
    return {
      week: isoWeekOf(key),
      monday: dayKeyOf(monday),
      sunday: dayKeyOf(sunday),
      dueDay: key,
      dueAt: closeOfOfficeDay(key, calendar),
    };
  }
  return null;
}

/** Every report week of the period that has begun by `until` (default: the period's end), in order. */
export function reportWeeks(period: TeamPeriod, calendar: WorkCalendar, until?: DayKey): ReportWeek[] {
  const last = Math.min(dayNumber(period.end), until === undefined ? Number.POSITIVE_INFINITY : dayNumber(until));
  const weeks: ReportWeek[] = [];
  for (let monday = mondayOf(dayNumber(period.start)); monday <= last; monday += 7) {
    const day = Math.max(monday, dayNumber(period.start));
    if (day > last) break;
    const week = reportWeekOf(dayKeyOf(day), period, calendar);
    if (week) weeks.push(week);
  }
  return weeks;
}

/**
 * The report weeks whose tasks should exist now: the current week, when it is a report week whose report is not
 * yet due. A task is never born overdue: a team formed on a Friday evening reports first in the next week, and a
 * week is opened only once the team has begun.
 */
export function weeksToOpen(period: TeamPeriod, now: Date, calendar: WorkCalendar): ReportWeek[] {
  const week = reportWeekOf(chinaDayOf(now), period, calendar);
  return week && week.dueAt > now ? [week] : [];
}
