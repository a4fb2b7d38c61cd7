import { describe, expect, it } from 'vitest';
import { CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaTime } from '../calendar/china-time.js';
import { createWorkCalendar } from '../calendar/index.js';
import { reportPunctuality, standingOf, type WeeklyReportTask } from './report-punctuality.js';
import { reportWeeks } from './report-weeks.js';
import { leaderTaskOrder } from './team-rules.js';

const calendar = createWorkCalendar({ specialDays: CHINA_2026 });
const period = { start: '2026-09-14', end: '2026-12-31' };
// W38 (due 09-20), W39 (due 09-24), W40 (due 09-30), W41 (due 10-10)
const weeks = reportWeeks(period, calendar, '2026-10-06');
const [w38, w39, w40, w41] = weeks as [(typeof weeks)[0], (typeof weeks)[0], (typeof weeks)[0], (typeof weeks)[0]];
const now = chinaTime('2026-10-06', '10:00');
const unit = { orgId: 7, since: '2026-09-14' };

describe('where a unit stands for a week', () => {
  it.each([
    ['done on time', w38, { state: 'done', completedLate: false }, 'on_time'],
    ['done after the due time', w38, { state: 'done', completedLate: true }, 'late'],
    ['still open after the due time', w39, { state: 'overdue', completedLate: null }, 'missing'],
    ['never generated, due passed', w40, undefined, 'missing'],
    ['open, not yet due', w41, { state: 'in_progress', completedLate: null }, 'pending'],
    ['done before the due time', w41, { state: 'done', completedLate: false }, 'on_time'],
    ['cancelled by the organiser', w39, { state: 'cancelled', completedLate: null }, null],
  ] as const)('%s', (_, week, task, standing) => {
    const t = task ? ({ orgId: 7, week: week.week, ...task } as WeeklyReportTask) : undefined;
    expect(standingOf(week, unit, t, now)).toBe(standing);
  });

  it('owes nothing for a week due before the unit joined', () => {
    expect(standingOf(w38, { orgId: 7, since: '2026-09-22' }, undefined, now)).toBeNull();
    expect(standingOf(w39, { orgId: 7, since: '2026-09-22' }, undefined, now)).toBe('missing');
  });
});

describe('tallies per unit and per week', () => {
  it('counts on time, late, missing and pending, and the on-time rate of what was due', () => {
    const tasks: WeeklyReportTask[] = [
      { orgId: 1, week: w38.week, state: 'done', completedLate: false },
      { orgId: 1, week: w39.week, state: 'done', completedLate: true },
      { orgId: 1, week: w40.week, state: 'overdue', completedLate: null },
      { orgId: 1, week: w41.week, state: 'in_progress', completedLate: null },
      { orgId: 2, week: w38.week, state: 'done', completedLate: false },
      { orgId: 2, week: w39.week, state: 'done', completedLate: false },
      { orgId: 2, week: w40.week, state: 'done', completedLate: false },
      { orgId: 2, week: w41.week, state: 'done', completedLate: false },
    ];
    const result = reportPunctuality(
      weeks,
      [
        { orgId: 1, since: '2026-09-14' },
        { orgId: 2, since: '2026-09-14' },
        { orgId: 3, since: '2026-10-01' },
      ],
      tasks,
      now,
    );
    expect(result.units).toEqual([
      { orgId: 1, onTime: 1, late: 1, missing: 1, pending: 1, due: 3, onTimeRate: 1 / 3 },
      { orgId: 2, onTime: 4, late: 0, missing: 0, pending: 0, due: 4, onTimeRate: 1 },
      { orgId: 3, onTime: 0, late: 0, missing: 0, pending: 1, due: 0, onTimeRate: null },
    ]);
    expect(result.weeks.map((w) => [w.week, w.onTime, w.late, w.missing, w.pending])).toEqual([
      ['2026-W38', 2, 0, 0, 0],
      ['2026-W39', 1, 1, 0, 0],
      ['2026-W40', 1, 0, 1, 0],
      ['2026-W41', 1, 0, 0, 2],
    ]);
  });
});

describe('the leader’s order of tasks', () => {
  it('puts overdue first, then open, then finished, each by due time', () => {
    const at = (day: string) => chinaTime(day, '17:30').toISOString();
    const tasks = [
      { id: 'done', state: 'done', dueAt: at('2026-09-01') },
      { id: 'open-late', state: 'in_progress', dueAt: at('2026-10-20') },
      { id: 'overdue-b', state: 'overdue', dueAt: at('2026-10-01') },
      { id: 'open-soon', state: 'pending_sign', dueAt: at('2026-10-08') },
      { id: 'past-due-not-swept', state: 'in_progress', dueAt: at('2026-09-30') },
      { id: 'cancelled', state: 'cancelled', dueAt: at('2026-08-01') },
    ];
    expect(tasks.sort(leaderTaskOrder(now)).map((t) => t.id)).toEqual([
      'past-due-not-swept',
      'overdue-b',
      'open-soon',
      'open-late',
      'cancelled',
      'done',
    ]);
  });
});
