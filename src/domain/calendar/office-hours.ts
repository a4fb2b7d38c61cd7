// Office hours as people write them ("08:30"–"12:00") to and from the calendar's minute ranges, with the
// problems an administrator can fix named in Chinese.
import { err, ok, type Result } from '../result.js';
import type { OfficeHours } from './work-calendar.js';

export interface OfficePeriod {
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutes(text: string): number | undefined {
  const m = HHMM.exec(text.trim());
  if (!m) return undefined;
  return text.trim() === '24:00' ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

export function parseOfficeHours(periods: readonly OfficePeriod[]): Result<OfficeHours, string> {
  if (periods.length === 0) return err('至少需要一个上班时段');
  if (periods.length > 4) return err('上班时段最多 4 个');
  const ranges: [number, number][] = [];
  for (const [i, p] of periods.entries()) {
    const start = minutes(p.start);
    const end = minutes(p.end);
    if (start === undefined || end === undefined) return err(`第 ${i + 1} 个时段的时间格式应为 HH:MM，如 08:30`);
    if (start >= end) return err(`第 ${i + 1} 个时段的开始时间须早于结束时间`);
    ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i] as [number, number])[0] < (ranges[i - 1] as [number, number])[1]) return err('上班时段不能重叠');
  }
  return ok(ranges);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatOfficeHours(hours: OfficeHours): OfficePeriod[] {
  return hours.map(([s, e]) => ({
    start: `${pad(Math.floor(s / 60))}:${pad(s % 60)}`,
    end: `${pad(Math.floor(e / 60))}:${pad(e % 60)}`,
  }));
}
