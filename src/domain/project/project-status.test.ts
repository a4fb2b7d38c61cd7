import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaTime } from '../calendar/china-time.js';
import {
  elapsedShareOfYear,
  indicatorProgress,
  LAG_MARGIN,
  type MilestoneFact,
  owedReportMonth,
  type ProjectFacts,
  type ProjectStatus,
  projectStanding,
} from './project-status.js';

const now = chinaTime('2026-07-01', '10:00');
const day = (d: string) => chinaTime(d, '17:30');
const elapsed = elapsedShareOfYear(2026, now);

const doneOnTime: MilestoneFact = { state: 'done', dueAt: day('2026-03-31'), warnAt: null, completedLate: false };
const doneLate: MilestoneFact = { state: 'done', dueAt: day('2026-03-31'), warnAt: null, completedLate: true };
const openGreen: MilestoneFact = {
  state: 'in_progress',
  dueAt: day('2026-09-30'),
  warnAt: day('2026-09-01'),
  completedLate: null,
};
const openYellow: MilestoneFact = { ...openGreen, dueAt: day('2026-07-10'), warnAt: day('2026-06-28') };
const overdue: MilestoneFact = { state: 'overdue', dueAt: day('2026-06-15'), warnAt: null, completedLate: null };
const pastDueNotSwept: MilestoneFact = { ...openGreen, dueAt: day('2026-06-30'), warnAt: day('2026-06-20') };
const cancelledOverdue: MilestoneFact = { ...overdue, state: 'cancelled' };

const half = { baseline: 0, target: 100, current: 50 };
const base: ProjectFacts = {
  year: 2026,
  registeredAt: chinaTime('2026-01-10', '09:00'),
  milestones: [doneOnTime, openGreen],
  indicators: [half],
  reportedMonths: ['2026-05', '2026-06'],
};

describe('the status of a project (rules in project-status.ts)', () => {
  it.each<[string, Partial<ProjectFacts>, ProjectStatus, string[]]>([
    ['milestones on time, indicators at pace, June reported', {}, 'on_track', []],
    ['a milestone overdue', { milestones: [doneOnTime, overdue] }, 'late', ['milestone_overdue']],
    ['a milestone past due before the sweeper ran', { milestones: [pastDueNotSwept] }, 'late', ['milestone_overdue']],
    [
      'a milestone done late and indicators behind',
      { milestones: [doneLate], indicators: [{ baseline: 0, target: 100, current: 20 }] },
      'late',
      ['milestone_late_and_behind', 'indicators_behind'],
    ],
    ['a milestone done late but caught up', { milestones: [doneLate] }, 'on_track', []],
    ['a milestone in its yellow band', { milestones: [doneOnTime, openYellow] }, 'at_risk', ['milestone_warning']],
    [
      'indicators lagging the year by more than the margin',
      { indicators: [{ baseline: 0, target: 100, current: 30 }] },
      'at_risk',
      ['indicators_behind'],
    ],
    [
      'indicators lagging by exactly the margin',
      { indicators: [{ baseline: 0, target: 1, current: elapsed - LAG_MARGIN }] },
      'on_track',
      [],
    ],
    ['last month’s report missing', { reportedMonths: ['2026-05'] }, 'at_risk', ['report_missing']],
    [
      'registered this month: no report owed yet',
      { reportedMonths: [], registeredAt: chinaTime('2026-07-01', '08:00') },
      'on_track',
      [],
    ],
    ['a cancelled overdue milestone does not count', { milestones: [cancelledOverdue] }, 'on_track', []],
    [
      'an indicator to be lowered (积案 120 → 20) half way',
      { indicators: [{ baseline: 120, target: 20, current: 70 }] },
      'on_track',
      [],
    ],
    ['no indicators and no milestones', { indicators: [], milestones: [] }, 'on_track', []],
    [
      'overdue, yellow and missing report together: late, every reason given',
      { milestones: [overdue, openYellow], reportedMonths: [] },
      'late',
      ['milestone_overdue', 'milestone_warning', 'report_missing'],
    ],
  ])('%s', (_, change, status, reasons) => {
    const standing = projectStanding({ ...base, ...change }, now);
    expect(standing.status).toBe(status);
    expect(standing.reasons.map((r) => r.code)).toEqual(reasons);
  });

  it('after the year: December is owed in January, nothing in February', () => {
    const facts = { ...base, reportedMonths: ['2026-11'], milestones: [doneOnTime] };
    const january = chinaTime('2027-01-05', '10:00');
    expect(owedReportMonth(facts, january)).toBe('2026-12');
    expect(projectStanding({ ...facts, indicators: [] }, january).status).toBe('at_risk');
    expect(owedReportMonth(facts, chinaTime('2027-02-05', '10:00'))).toBeNull();
  });

  it('explains itself in Chinese', () => {
    const standing = projectStanding(
      { ...base, milestones: [overdue], indicators: [{ baseline: 0, target: 100, current: 10 }], reportedMonths: [] },
      now,
    );
    expect(standing.reasons.map((r) => r.text)).toEqual([
      '1 个里程碑已超期未完成',
      `指标完成 10%，落后于时间进度 ${Math.round(elapsed * 100)}%`,
      '2026-06 月度进展未报送',
    ]);
  });
});

describe('progress', () => {
  it.each([
    [{ baseline: 0, target: 100, current: 50 }, 0.5],
    [{ baseline: 0, target: 100, current: 150 }, 1],
    [{ baseline: 0, target: 100, current: -5 }, 0],
    [{ baseline: 120, target: 20, current: 45 }, 0.75],
    [{ baseline: 10, target: 20, current: null }, 0],
  ])('%o is %d', (indicator, expected) => {
    expect(indicatorProgress(indicator)).toBeCloseTo(expected);
  });

  it('shows indicator progress, or the share of milestones done without indicators', () => {
    expect(projectStanding(base, now).progressPercent).toBe(50);
    expect(projectStanding({ ...base, indicators: [] }, now).progressPercent).toBe(50);
    expect(projectStanding({ ...base, indicators: [], milestones: [] }, now).progressPercent).toBe(0);
  });

  it('measures the China calendar year', () => {
    expect(elapsedShareOfYear(2026, chinaTime('2026-01-01'))).toBe(0);
    expect(elapsedShareOfYear(2026, chinaTime('2027-01-01'))).toBe(1);
    expect(elapsedShareOfYear(2026, chinaTime('2025-12-31', '23:59'))).toBe(0);
    expect(elapsedShareOfYear(2026, chinaTime('2026-07-02', '12:00'))).toBeCloseTo(0.5, 2);
  });
});

describe('properties', () => {
  const state = fc.constantFrom('pending_sign', 'in_progress', 'overdue', 'done', 'cancelled' as const);
  const dayOf2026 = fc
    .integer({ min: 1, max: 364 })
    .map((n) => new Date(chinaTime('2026-01-01').getTime() + n * 86_400_000));
  const milestone = fc.record({
    state,
    dueAt: dayOf2026,
    warnAt: fc.option(dayOf2026, { nil: null }),
    completedLate: fc.option(fc.boolean(), { nil: null }),
  }) as fc.Arbitrary<MilestoneFact>;
  const facts = fc.record({
    year: fc.constant(2026),
    registeredAt: dayOf2026,
    milestones: fc.array(milestone, { maxLength: 6 }),
    indicators: fc.array(
      fc.record({
        baseline: fc.integer({ min: 0, max: 50 }),
        target: fc.integer({ min: 51, max: 100 }),
        current: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      }),
      { maxLength: 4 },
    ),
    reportedMonths: fc.subarray(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']),
  });
  const rank: Record<ProjectStatus, number> = { on_track: 0, at_risk: 1, late: 2 };

  it('is on track exactly when no reason is given, and an overdue milestone never makes it better', () => {
    fc.assert(
      fc.property(facts, dayOf2026, (f, at) => {
        const standing = projectStanding(f, at);
        expect(standing.status === 'on_track').toBe(standing.reasons.length === 0);
        expect(standing.progressPercent).toBeGreaterThanOrEqual(0);
        expect(standing.progressPercent).toBeLessThanOrEqual(100);
        const worse = projectStanding({ ...f, milestones: [...f.milestones, overdue] }, at);
        expect(rank[worse.status]).toBeGreaterThanOrEqual(rank[standing.status]);
      }),
    );
  });
});
