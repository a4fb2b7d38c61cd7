import { describe, expect, it } from 'vitest';
import { CHINA_2025, CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaTime, createWorkCalendar } from '../calendar/index.js';
import { decisionDue } from './decision-due.js';

const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });
const now = chinaTime('2025-09-26', '10:00'); // a Friday before the National Day holiday

describe('when a decision’s task is due', () => {
  const table: [string, string, string | null, string | null][] = [
    ['an ordinary working day: the end of its office hours', '2025-09-29', '2025-09-29T17:30', null],
    ['a 调休 Sunday that is a working day', '2025-09-28', '2025-09-28T17:30', null],
    ['a day of the National Day holiday', '2025-10-03', null, '节假日或休息日'],
    ['an ordinary Saturday', '2025-10-18', null, '节假日或休息日'],
    ['the day itself, before the end of office hours', '2025-09-26', '2025-09-26T17:30', null],
    ['a day already past', '2025-09-25', null, '已过'],
    ['not a date', '2025-02-30', null, '不是有效日期'],
  ];
  it.each(table)('%s', (_name, dueDate, expected, problem) => {
    const result = decisionDue({ dueDate }, calendar, now);
    if (expected) {
      expect(result.ok).toBe(true);
      if (result.ok && 'dueAt' in result.value) {
        const [day, time] = expected.split('T') as [string, string];
        expect(result.value.dueAt.toISOString()).toBe(chinaTime(day, time).toISOString());
      }
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION');
        expect(result.error.message).toContain(problem);
      }
    }
  });

  it('passes a working-calendar limit through to the task clock', () => {
    const result = decisionDue({ limit: { amount: 15, unit: 'working_days' } }, calendar, now);
    expect(result).toEqual({ ok: true, value: { limit: { amount: 15, unit: 'working_days' } } });
  });

  it('refuses a limit of nothing, an absurd limit, both choices, or neither', () => {
    for (const choice of [
      { limit: { amount: 0, unit: 'working_days' as const } },
      { limit: { amount: 1000, unit: 'working_days' as const } },
      { dueDate: '2025-09-29', limit: { amount: 3, unit: 'working_days' as const } },
      {},
    ]) {
      const result = decisionDue(choice, calendar, now);
      expect(result.ok, JSON.stringify(choice)).toBe(false);
    }
  });
});
