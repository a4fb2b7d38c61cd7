// The State Council holiday schedules for 2025 (国办发明电〔2024〕12号) and 2026 (gov.cn 202511/content_7047091),
// as an administrator would enter them. Used by tests here and in other modules; checked against the
// `chinese-days` package in work-calendar.test.ts.
import type { SpecialDay } from './work-calendar.js';

function span(from: string, to: string, name: string): SpecialDay[] {
  const days: SpecialDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push({ day: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return days;
}

function workdays(name: string, ...days: string[]): SpecialDay[] {
  return days.map((day) => ({ day, kind: 'workday', name }));
}

export const CHINA_2025: readonly SpecialDay[] = [
  ...span('2025-01-01', '2025-01-01', '元旦'),
  ...span('2025-01-28', '2025-02-04', '春节'),
  ...workdays('春节', '2025-01-26', '2025-02-08'),
  ...span('2025-04-04', '2025-04-06', '清明节'),
  ...span('2025-05-01', '2025-05-05', '劳动节'),
  ...workdays('劳动节', '2025-04-27'),
  ...span('2025-05-31', '2025-06-02', '端午节'),
  ...span('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  ...workdays('国庆节、中秋节', '2025-09-28', '2025-10-11'),
];

export const CHINA_2026: readonly SpecialDay[] = [
  ...span('2026-01-01', '2026-01-03', '元旦'),
  ...workdays('元旦', '2026-01-04'),
  ...span('2026-02-15', '2026-02-23', '春节'),
  ...workdays('春节', '2026-02-14', '2026-02-28'),
  ...span('2026-04-04', '2026-04-06', '清明节'),
  ...span('2026-05-01', '2026-05-05', '劳动节'),
  ...workdays('劳动节', '2026-05-09'),
  ...span('2026-06-19', '2026-06-21', '端午节'),
  ...span('2026-09-25', '2026-09-27', '中秋节'),
  ...span('2026-10-01', '2026-10-07', '国庆节'),
  ...workdays('国庆节', '2026-09-20', '2026-10-10'),
];
