// The public-holiday calendar (法定节假日 and 调休 make-up working days) from the chinese-days package.
import chineseDays from 'chinese-days';
import type { Kysely } from 'kysely';
import type { CalendarDaysTable, DB } from '../schema.js';

const FULL_NAMES: Record<string, string> = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
};

/** Years of the holiday calendar the seed loads by default (the package may not know the last one yet). */
export const CALENDAR_YEARS: readonly number[] = [2025, 2026, 2027];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Every day of the given years that the State Council schedule names: each day of a holiday period
 * (weekends included, kind 'holiday') and each make-up working day (kind 'workday'). A year the package
 * does not know yet yields nothing.
 */
export function calendarDays(years: readonly number[]): CalendarDaysTable[] {
  const days: CalendarDaysTable[] = [];
  for (const year of years) {
    for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = isoDay(d);
      const detail = chineseDays.getDayDetail(day);
      // Named days carry "English,中文,n"; ordinary days carry the weekday's English name.
      const parts = detail.name.split(',');
      if (parts.length < 2) continue;
      const zh = parts[1] ?? '';
      const name = FULL_NAMES[zh] ?? zh;
      days.push(detail.work ? { day, kind: 'workday', name: `${name}调休` } : { day, kind: 'holiday', name });
    }
  }
  return days;
}

/** Years among those asked for that the package has no schedule for (e.g. not yet announced). */
export function missingCalendarYears(years: readonly number[]): number[] {
  const have = new Set(calendarDays(years).map((d) => Number(d.day.slice(0, 4))));
  return years.filter((y) => !have.has(y));
}

/** Inserts the calendar for the years; days already present are left as they are. Returns rows inserted. */
export async function seedCalendar(db: Kysely<DB>, years: readonly number[] = CALENDAR_YEARS): Promise<number> {
  const days = calendarDays(years);
  let inserted = 0;
  for (let i = 0; i < days.length; i += 200) {
    const rows = await db
      .insertInto('calendar_days')
      .values(days.slice(i, i + 200))
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('day')
      .execute();
    inserted += rows.length;
  }
  return inserted;
}
