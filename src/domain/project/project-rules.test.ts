import { describe, expect, it } from 'vitest';
import { CHINA_2025, CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaTime } from '../calendar/china-time.js';
import { createWorkCalendar } from '../calendar/index.js';
import {
  checkEvaluation,
  checkProject,
  checkReport,
  gradeOf,
  milestoneDueAt,
  type ProjectInput,
} from './project-rules.js';

const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });
const now = chinaTime('2026-03-10', '10:00');
const valid: ProjectInput = {
  year: 2026,
  name: ' 信访积案清零攻坚 ',
  goal: '年底前化解全部信访积案',
  indicators: [{ name: '积案数', unit: '件', baseline: 120, target: 0 }],
  milestones: [{ title: '摸底建档', dueDate: '2026-04-30' }],
};

describe('when a milestone is due', () => {
  it.each([
    ['an ordinary Thursday: its close', '2026-04-30', '2026-04-30'],
    ['National Day: the first working day after', '2026-10-01', '2026-10-08'],
    ['a Sunday: the Monday', '2026-03-15', '2026-03-16'],
    ['a make-up working Saturday: that day', '2026-10-10', '2026-10-10'],
  ])('%s', (_, date, dueDay) => {
    expect(milestoneDueAt(date, calendar).toISOString()).toBe(chinaTime(dueDay, '17:30').toISOString());
  });
});

describe('a project as registered', () => {
  it('is accepted with its milestones’ due instants', () => {
    const checked = checkProject(valid, now, calendar);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.value.milestones[0]?.dueAt).toEqual(chinaTime('2026-04-30', '17:30'));
  });

  it.each<[string, Partial<ProjectInput>, string, string]>([
    ['a year too far', { year: 2029 }, 'year', '2025–2027'],
    ['no name', { name: '' }, 'name', '项目名称'],
    ['no goal', { goal: ' ' }, 'goal', '项目目标'],
    [
      'an indicator with no unit',
      { indicators: [{ name: '积案数', unit: '', baseline: 1, target: 0 }] },
      'indicators[0].unit',
      '计量单位',
    ],
    [
      'a target equal to the baseline',
      { indicators: [{ name: '积案数', unit: '件', baseline: 5, target: 5 }] },
      'indicators[0].target',
      '不能等于基线值',
    ],
    [
      'a milestone in another year',
      { milestones: [{ title: '验收', dueDate: '2027-01-15' }] },
      'milestones[0].dueDate',
      '须在 2026 年内',
    ],
    [
      'a milestone already past',
      { milestones: [{ title: '启动', dueDate: '2026-03-09' }] },
      'milestones[0].dueDate',
      '已过',
    ],
    [
      'a milestone with a bad date',
      { milestones: [{ title: '启动', dueDate: '2026-13-01' }] },
      'milestones[0].dueDate',
      'YYYY-MM-DD',
    ],
  ])('refuses %s', (_, change, field, message) => {
    const checked = checkProject({ ...valid, ...change }, now, calendar);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.field).toBe(field);
    expect(checked.error.message).toContain(message);
  });
});

describe('a monthly report', () => {
  const report = { month: '2026-02', text: '完成摸底', values: [{ indicatorId: 1, value: 100 }], attachmentIds: [] };
  it.each([
    ['a month of another year', { month: '2025-12' }, 'month'],
    ['a month not yet begun', { month: '2026-04' }, 'month'],
    ['no text', { text: '' }, 'text'],
    ['another project’s indicator', { values: [{ indicatorId: 9, value: 1 }] }, 'values'],
    [
      'one indicator twice',
      {
        values: [
          { indicatorId: 1, value: 1 },
          { indicatorId: 1, value: 2 },
        ],
      },
      'values',
    ],
    ['ten attachments', { attachmentIds: Array.from({ length: 10 }, (_, i) => `a${i}`) }, 'attachmentIds'],
  ])('refuses %s', (_, change, field) => {
    const checked = checkReport({ ...report, ...change }, 2026, [1, 2], now);
    expect(!checked.ok && checked.error.field).toBe(field);
  });

  it('accepts this month and earlier months of the year', () => {
    expect(checkReport({ ...report, month: '2026-03' }, 2026, [1], now).ok).toBe(true);
    expect(checkReport(report, 2026, [1], now).ok).toBe(true);
  });
});

describe('the year-end evaluation', () => {
  it.each([
    [95, '优秀'],
    [90, '优秀'],
    [89.9, '良好'],
    [80, '良好'],
    [60, '一般'],
    [59.5, '较差'],
  ] as const)('%d earns %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });

  it('opens on 1 December of the project year', () => {
    const early = checkEvaluation({ score: 90 }, 2026, chinaTime('2026-11-30', '23:59'));
    expect(!early.ok && early.error.notOpen).toBe(true);
    const open = checkEvaluation({ score: 86.44, comment: ' 成效明显 ' }, 2026, chinaTime('2026-12-01'));
    expect(open.ok && open.value).toEqual({ score: 86.4, grade: '良好', comment: '成效明显' });
    const judged = checkEvaluation({ score: 86, grade: '优秀' }, 2025, now);
    expect(judged.ok && judged.value.grade).toBe('优秀');
  });

  it('refuses a score outside 0–100', () => {
    const checked = checkEvaluation({ score: 101 }, 2025, now);
    expect(!checked.ok && checked.error.field).toBe('score');
  });
});
