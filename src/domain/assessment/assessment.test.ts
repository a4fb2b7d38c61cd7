// The whole chain on hand-computed examples: cases driven through the real state machine → their timelines →
// extracted facts → indicators, composite score and ranking. Org ids are numbers written as strings, as the
// case service stores them.
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkAnswers,
  compositeScore,
  defaultWeights,
  departmentRating,
  emptyFacts,
  extractCaseFacts,
  type Facts,
  indicatorScores,
  indicatorValues,
  monthsOf,
  periodRange,
  previousPeriod,
  rankUnits,
  submissionScore,
  sumFacts,
  withTownRating,
} from './index.js';
import { scenario } from './test-story.js';

const COUNTY = 1;
const TOWN = 2;
const VILLAGE = 3;
const GRID = 4;
const DEPT_A = 10;
const DEPT_B = 11;
const DEPT_C = 12;
const { case1, case2, case3, case4 } = scenario(
  { county: COUNTY, town: TOWN, village: VILLAGE, grid: GRID },
  { a: DEPT_A, b: DEPT_B, c: DEPT_C },
);

const facts = (rows: ReturnType<typeof sumFacts>, unitId: number, month: string): Facts =>
  rows.find((r) => r.unitId === unitId && r.month === month)?.facts ?? emptyFacts();
const only = (f: Facts) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== 0));

describe('fact extraction from timelines', () => {
  it('case 1: a case spanning two months counts each event in its own month; the reopening counts once', () => {
    const { rows, links } = extractCaseFacts(case1().history(1));
    // March: received; three sign-for obligations (the town's acceptance, A on time, B late); one dispatch;
    // B's clock ran out, which also put the case under supervision.
    expect(only(facts(rows, TOWN, '2026-03'))).toEqual({
      received: 1,
      signDue: 3,
      signOnTime: 2,
      dispatched: 1,
      overdue: 1,
      supervised: 1,
    });
    expect(only(facts(rows, DEPT_A, '2026-03'))).toEqual({
      received: 1,
      signDue: 1,
      signOnTime: 1,
      dispatched: 1,
      supervised: 1,
    });
    expect(only(facts(rows, DEPT_B, '2026-03'))).toEqual({ signDue: 1, overdue: 1 });
    // April: two replies, both on time; the first rated unsatisfied (reopened), the second satisfied;
    // closed, but not on time because a clock had run out in March.
    const april = {
      replyDue: 2,
      replyOnTime: 2,
      replies: 2,
      settled: 2,
      resolved: 1,
      rated: 2,
      satisfied: 1,
      reopened: 1,
      closed: 1,
    };
    expect(only(facts(rows, TOWN, '2026-04'))).toEqual(april);
    expect(only(facts(rows, GRID, '2026-04'))).toEqual(april);
    expect(only(facts(rows, DEPT_A, '2026-04'))).toEqual(april);
    expect(facts(rows, DEPT_B, '2026-04')).toEqual(emptyFacts());
    expect(links).toEqual([
      { townId: TOWN, orgId: DEPT_A, month: '2026-03' },
      { townId: TOWN, orgId: DEPT_B, month: '2026-03' },
    ]);
  });

  it('case 2: a merged duplicate counts for nothing, not even in the month before it was merged', () => {
    const merged = case2();
    expect(merged.c.state).toBe('merged');
    expect(extractCaseFacts(merged.history(2))).toEqual({ rows: [], links: [] });
  });

  it('case 3: a return, a re-dispatch and a close by the lapsed callback window', () => {
    const { rows } = extractCaseFacts(case3().history(3));
    expect(only(facts(rows, TOWN, '2026-04'))).toEqual({
      received: 1,
      signDue: 2, // acceptance, A (C returned before signing: no obligation settled)
      signOnTime: 2,
      dispatched: 2,
      returned: 1,
      replyDue: 1,
      replyOnTime: 1,
      replies: 1,
      settled: 1,
      resolved: 1,
      closed: 1,
      closedOnTime: 1,
    });
    expect(only(facts(rows, DEPT_C, '2026-04'))).toEqual({ received: 1, dispatched: 1, returned: 1 });
  });

  it('case 4: the grid solves a small matter; the town and village count it, no department does', () => {
    const { rows } = extractCaseFacts(case4().history(4));
    const expected = {
      received: 1,
      signDue: 1,
      signOnTime: 1,
      replyDue: 1,
      replyOnTime: 1,
      replies: 1,
      settled: 1,
      resolved: 1,
      rated: 1,
      satisfied: 1,
      closed: 1,
      closedOnTime: 1,
    };
    expect(only(facts(rows, GRID, '2026-04'))).toEqual(expected);
    expect(only(facts(rows, TOWN, '2026-04'))).toEqual(expected);
    expect(rows.map((r) => r.unitId).sort()).toEqual([TOWN, VILLAGE, GRID].sort());
  });
});

describe('indicators over the four cases', () => {
  const all = sumFacts(
    [case1().history(1), case2().history(2), case3().history(3), case4().history(4)].flatMap(
      (h) => extractCaseFacts(h).rows,
    ),
  );
  const quarter = (unit: number) =>
    monthsOf('2026-Q2')
      .concat(monthsOf('2026-Q1'))
      .filter((m) => m === '2026-03' || m === '2026-04')
      .reduce((acc, m) => {
        const f = facts(all, unit, m);
        for (const k of Object.keys(acc) as (keyof Facts)[]) acc[k] += f[k];
        return acc;
      }, emptyFacts());

  it('the town in April, computed by hand', () => {
    const v = indicatorValues(facts(all, TOWN, '2026-04'));
    // April: replies 2 (case 1) + 1 (case 3) + 1 (case 4) = 4, all on time → 响应率 4/4.
    // Settled: case 1 ×2 (1 resolved), case 3 (resolved, window), case 4 (resolved) → 解决率 3/4.
    // Rated: case 1 ×2 (1 satisfied), case 4 (basically satisfied) → 满意率 2/3.
    // Closed: case 1 (late: B's clock ran out in March), case 3, case 4 → 按期办结率 2/3.
    // Sign-for in April: case 3 acceptance + A, case 4 acceptance → 3/3. Returns 1 of 2 dispatches.
    // Reopened 1 of 4 replies; no clock ran out in April; nothing supervised.
    expect(v).toEqual({
      signOnTimeRate: 1,
      responseRate: 1,
      resolutionRate: 3 / 4,
      satisfactionRate: 2 / 3,
      onTimeCloseRate: 2 / 3,
      returnRate: 1 / 2,
      overdueCount: 0,
      reopenRate: 1 / 4,
      supervisedCount: 0,
      taskOnTimeRate: null,
      screeningOnTimeRate: null,
      surveySatisfactionRate: null,
      disputeSuccessRate: null,
      disputeResolutionRate: null,
    });
  });

  it('the town in March: the merged duplicate’s acceptance is not counted', () => {
    const v = indicatorValues(facts(all, TOWN, '2026-03'));
    expect(v.signOnTimeRate).toBe(2 / 3);
    expect(v.responseRate).toBeNull();
    expect(v.overdueCount).toBe(1);
    expect(v.supervisedCount).toBe(1);
    expect(facts(all, TOWN, '2026-03').received).toBe(1);
  });

  it('department A across March and April adds the months', () => {
    const f = quarter(DEPT_A);
    expect(f.received).toBe(2);
    expect(f.signDue).toBe(2);
    expect(f.replies).toBe(3);
    expect(indicatorValues(f).resolutionRate).toBe(2 / 3);
    expect(indicatorValues(f).onTimeCloseRate).toBe(1 / 2);
  });

  it('the composite score: weighted mean of the scores with data, counts against the peers', () => {
    const values = indicatorValues(facts(all, TOWN, '2026-04'));
    const peer = { ...values, overdueCount: 4, supervisedCount: 2 };
    const scores = indicatorScores(values, [values, peer]);
    expect(scores.overdueCount).toBe(100);
    expect(scores.supervisedCount).toBe(100);
    expect(scores.returnRate).toBe(50);
    expect(scores.reopenRate).toBe(75);
    // (10·100 + 15·100 + 20·75 + 20·66.67 + 15·66.67 + 5·50 + 5·100 + 5·75 + 5·100) / 100
    const expected = (1000 + 1500 + 1500 + (20 * 200) / 3 + (15 * 200) / 3 + 250 + 500 + 375 + 500) / 100;
    expect(compositeScore(scores, defaultWeights())).toBeCloseTo(expected, 10);
    const peerScores = indicatorScores(peer, [values, peer]);
    expect(peerScores.overdueCount).toBe(0);
    // Indicators without data drop out and the weights are renormalised.
    const sparse = indicatorValues({ ...emptyFacts(), rated: 4, satisfied: 3 });
    expect(compositeScore(indicatorScores(sparse, [sparse]), defaultWeights())).toBeCloseTo(
      (20 * 75 + 5 * 100 + 5 * 100) / 30,
      10,
    );
    expect(
      compositeScore(indicatorScores(sparse, [sparse]), { ...defaultWeights(), overdueCount: 0, supervisedCount: 0 }),
    ).toBe(75);
  });

  it('a department’s final score joins the towns’ rating with its weight', () => {
    expect(withTownRating(80, 60, 20)).toBeCloseTo(76, 10);
    expect(withTownRating(80, null, 20)).toBe(80);
    expect(withTownRating(null, 60, 20)).toBe(60);
  });
});

describe('ranking and trends', () => {
  it('ranks with ties, puts units without data last and compares with the previous period', () => {
    const ranked = rankUnits(
      [
        { unitId: 1, score: 90 },
        { unitId: 2, score: 95 },
        { unitId: 3, score: 90.001 },
        { unitId: 4, score: null },
        { unitId: 5, score: 70 },
      ],
      [
        { unitId: 1, score: 99 },
        { unitId: 2, score: 80 },
        { unitId: 3, score: 85 },
        { unitId: 5, score: 70 },
      ],
    );
    expect(ranked.map((r) => [r.unitId, r.rank, r.previousRank, r.trend])).toEqual([
      [2, 1, 3, 'up'],
      [1, 2, 1, 'down'],
      [3, 2, 2, 'same'],
      [5, 4, 4, 'same'],
      [4, null, null, 'new'],
    ]);
    expect(ranked[0]?.scoreChange).toBe(15);
  });
});

describe('periods', () => {
  it('months, quarters and their boundaries in China time', () => {
    expect(monthsOf('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(addMonths('2026-12', -11)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(() => addMonths('2026-13', 1)).toThrow(RangeError);
    expect(periodRange('2026-03').start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(periodRange('2026-Q4').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('the towns’ questionnaire', () => {
  const sheet = { speed: 5, quality: 4, cooperation: 3, attitude: 1, overall: 80 };
  it('scores a sheet on 100 and averages towns', () => {
    // (100 + 75 + 50 + 0 + 80) / 5 = 61
    expect(submissionScore(sheet)).toBe(61);
    expect(departmentRating([sheet, { ...sheet, overall: 90 }])).toBe(62);
    expect(departmentRating([])).toBeNull();
  });
  it('names every missing or out-of-range answer', () => {
    expect(checkAnswers(sheet)).toEqual({});
    const problems = checkAnswers({ speed: 6, quality: 2.5, overall: 101, extra: 3 });
    expect(Object.keys(problems).sort()).toEqual(['attitude', 'cooperation', 'extra', 'overall', 'quality', 'speed']);
  });
});
