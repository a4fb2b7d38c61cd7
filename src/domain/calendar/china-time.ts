// China Standard Time is UTC+8 all year (no daylight saving since 1991), so local time is a fixed shift of
// UTC. Computing with the offset keeps results independent of the machine's TZ setting.

export const CHINA_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day in China, 'YYYY-MM-DD'. */
export type DayKey = string;

/** Whole days since 1970-01-01 in China time (the "day number" of an instant). */
export function chinaDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** The instant at which a China-time day begins (00:00 UTC+8). */
export function dayStart(dayNumber: number): number {
  return dayNumber * DAY_MS - CHINA_OFFSET_MS;
}

export function dayKeyOf(dayNumber: number): DayKey {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The China-time day of an instant, 'YYYY-MM-DD'. */
export function chinaDayOf(at: Date): DayKey {
  return dayKeyOf(chinaDayNumber(at));
}

/** Parses 'YYYY-MM-DD' into a day number; undefined when it is not a real date. */
export function parseDayKey(day: string): number | undefined {
  const match = DAY_KEY.exec(day);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const number = ms / DAY_MS;
  return dayKeyOf(number) === day ? number : undefined;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The instant of a China wall-clock time, e.g. chinaTime('2025-09-30', '16:30'). */
export function chinaTime(day: DayKey, time = '00:00'): Date {
  const number = parseDayKey(day);
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (number === undefined || !match) throw new RangeError(`not a China day/time: ${day} ${time}`);
  const [, h, min, s] = match;
  return new Date(dayStart(number) + ((Number(h) * 60 + Number(min)) * 60 + Number(s ?? 0)) * 1000);
}
