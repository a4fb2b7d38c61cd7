import { describe, expect, it } from 'vitest';
import { chinaTime } from '../calendar/china-time.js';
import {
  capWindow,
  checkApprover,
  checkCap,
  checkDeedDay,
  checkObjection,
  creditVerdict,
  DEFAULT_POINTS_SETTINGS,
  needsApproval,
  objectionDeadline,
  type PointsRuleSpec,
  parseRankingPeriod,
  postAwardOrDeduction,
  postCorrection,
  postRedemption,
  postRefund,
  rankByScore,
  ruleAmount,
} from './index.js';

const garbage: PointsRuleSpec = { points: 2, unit: 'time', capPoints: 10, capPeriod: 'month', active: true };
const volunteer: PointsRuleSpec = { points: 1, unit: 'hour', capPoints: 40, capPeriod: 'year', active: true };
const dumping: PointsRuleSpec = { points: -5, unit: 'time', capPoints: null, capPeriod: null, active: true };

describe('the amount of a rule', () => {
  it.each([
    [garbage, 1, 2],
    [volunteer, 6, 6],
    [dumping, 2, -10],
  ])('%o × %i = %i', (rule, quantity, points) => {
    expect(ruleAmount(rule, quantity)).toEqual({ ok: true, value: points });
  });
  it('refuses an inactive rule and a quantity out of range', () => {
    expect(ruleAmount({ ...garbage, active: false }, 1)).toMatchObject({
      ok: false,
      error: { code: 'POINTS_RULE_INACTIVE' },
    });
    for (const q of [0, -1, 1.5, 101]) {
      expect(ruleAmount(garbage, q)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
  });
});

describe('the day of the deed (China time)', () => {
  // 2026-03-01 00:30 in China is still 2026-02-28 in UTC
  const now = chinaTime('2026-03-01', '00:30');
  it.each([
    ['2026-03-01', true],
    ['2026-02-28', true],
    ['2026-01-29', true], // 31 days back
    ['2026-01-28', false],
    ['2026-03-02', false],
    ['2026-02-30', false],
    ['3月1日', false],
  ])('%s → %s', (day, okay) => {
    expect(checkDeedDay(day, now).ok).toBe(okay);
  });
});

describe('caps per period', () => {
  it('windows are China months and years', () => {
    expect(capWindow('2026-12-31', 'month')).toEqual({ from: '2026-12-01', to: '2027-01-01', label: '2026年12月' });
    expect(capWindow('2026-02-14', 'year')).toEqual({ from: '2026-01-01', to: '2027-01-01', label: '2026年' });
  });
  it.each([
    // [rule, used, nominal, ok]
    [garbage, 0, 2, true],
    [garbage, 8, 2, true],
    [garbage, 8, 4, false],
    [garbage, 10, 2, false],
    [volunteer, 36, 4, true],
    [volunteer, 36, 5, false],
    [dumping, 500, -5, true],
  ] as const)('%o: used %i + %i → %s', (rule, used, nominal, okay) => {
    expect(checkCap(rule, used, nominal, '本月').ok).toBe(okay);
  });
  it('says how much is left', () => {
    const r = checkCap(garbage, 8, 4, '2026年3月');
    expect(r).toMatchObject({ ok: false, error: { code: 'POINTS_CAP_REACHED', details: { remaining: 2 } } });
    if (!r.ok) expect(r.error.message).toContain('最多还可记 2 分');
  });
});

describe('approval by a second person', () => {
  it.each([
    [9, 10, false],
    [10, 10, true],
    [-20, 10, true],
    [-5, 10, false],
  ])('%i points, threshold %i → %s', (points, threshold, needed) => {
    expect(needsApproval(points, threshold)).toBe(needed);
  });
  it('the giver may not approve their own entry', () => {
    expect(checkApprover(7, 7)).toMatchObject({ ok: false, error: { code: 'POINTS_SAME_APPROVER' } });
    expect(checkApprover(7, 8).ok).toBe(true);
  });
});

describe('postings never take the balance below zero', () => {
  it('an award adds, a deduction takes at most the balance (keeping its nominal amount)', () => {
    expect(postAwardOrDeduction(3, 20)).toEqual({
      ok: true,
      value: { points: 20, nominalPoints: 20, balanceAfter: 23 },
    });
    expect(postAwardOrDeduction(3, -5)).toEqual({
      ok: true,
      value: { points: -3, nominalPoints: -5, balanceAfter: 0 },
    });
    expect(postAwardOrDeduction(0, -5)).toEqual({ ok: true, value: { points: 0, nominalPoints: -5, balanceAfter: 0 } });
    expect(postAwardOrDeduction(3, 0).ok).toBe(false);
  });
  it('a redemption needs stock and points', () => {
    expect(postRedemption(30, { price: 10, quantity: 3, stock: 3, active: true })).toMatchObject({
      ok: true,
      value: { points: -30, balanceAfter: 0, stockAfter: 0 },
    });
    expect(postRedemption(29, { price: 10, quantity: 3, stock: 3, active: true })).toMatchObject({
      ok: false,
      error: { code: 'POINTS_BALANCE_INSUFFICIENT', details: { balance: 29, needed: 30 } },
    });
    expect(postRedemption(99, { price: 10, quantity: 3, stock: 2, active: true })).toMatchObject({
      ok: false,
      error: { code: 'POINTS_OUT_OF_STOCK' },
    });
    expect(postRedemption(99, { price: 10, quantity: 1, stock: 2, active: false }).ok).toBe(false);
    expect(postRedemption(99, { price: 10, quantity: 0, stock: 2, active: true }).ok).toBe(false);
  });
  it('a redemption not yet handed over can be cancelled once: points and stock come back', () => {
    const standing = { points: 30, quantity: 3, handedOver: false, cancelled: false };
    expect(postRefund(5, 2, standing)).toEqual({
      ok: true,
      value: { points: 30, nominalPoints: 30, balanceAfter: 35, stockAfter: 5 },
    });
    expect(postRefund(5, 2, { ...standing, handedOver: true })).toMatchObject({
      ok: false,
      error: { code: 'POINTS_REDEMPTION_CLOSED', details: { state: 'handed_over' } },
    });
    expect(postRefund(5, 2, { ...standing, cancelled: true })).toMatchObject({
      ok: false,
      error: { code: 'POINTS_REDEMPTION_CLOSED', details: { state: 'cancelled' } },
    });
  });
  it('a correction counters what still stands of an entry, in the opposite direction', () => {
    const award = { kind: 'award' as const, points: 10, correctedSoFar: 0 };
    expect(postCorrection(15, award)).toMatchObject({ ok: true, value: { points: -10, balanceAfter: 5 } });
    expect(postCorrection(15, award, -4)).toMatchObject({ ok: true, value: { points: -4, balanceAfter: 11 } });
    expect(postCorrection(15, { ...award, correctedSoFar: -4 })).toMatchObject({ ok: true, value: { points: -6 } });
    expect(postCorrection(15, { ...award, correctedSoFar: -10 })).toMatchObject({
      ok: false,
      error: { code: 'POINTS_NOT_CORRECTABLE' },
    });
    expect(postCorrection(15, award, 4)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(postCorrection(15, award, -11)).toMatchObject({ ok: false, error: { code: 'POINTS_NOT_CORRECTABLE' } });
    // the points were spent at the shop: taking them back would go below zero
    expect(postCorrection(6, award)).toMatchObject({ ok: false, error: { code: 'POINTS_BALANCE_INSUFFICIENT' } });
    const deduction = { kind: 'deduct' as const, points: -5, correctedSoFar: 0 };
    expect(postCorrection(0, deduction)).toMatchObject({ ok: true, value: { points: 5, balanceAfter: 5 } });
    expect(postCorrection(9, { kind: 'redemption', points: -9, correctedSoFar: 0 }).ok).toBe(false);
  });
});

describe('objections (申诉)', () => {
  const postedAt = chinaTime('2026-03-10', '23:00');
  it('close at the end of the China day `days` days after the entry', () => {
    expect(objectionDeadline(postedAt, 7).toISOString()).toBe(chinaTime('2026-03-18').toISOString());
  });
  it.each([
    ['deduct', '2026-03-17 23:59', false, 'ok'],
    ['deduct', '2026-03-18 00:00', false, 'POINTS_OBJECTION_WINDOW_CLOSED'],
    ['deduct', '2026-03-11 09:00', true, 'POINTS_OBJECTION_NOT_ALLOWED'],
    ['award', '2026-03-11 09:00', false, 'POINTS_OBJECTION_NOT_ALLOWED'],
  ] as const)('%s at %s (objected before: %s) → %s', (kind, at, objected, expected) => {
    const [day, time] = at.split(' ') as [string, string];
    const r = checkObjection({ kind, postedAt, now: chinaTime(day, time), days: 7, alreadyObjected: objected });
    expect(r.ok ? 'ok' : r.error.code).toBe(expected);
  });
});

describe('credit households (诚信户)', () => {
  const s = DEFAULT_POINTS_SETTINGS;
  const clean = { yearPoints: 65, unresolvedDeductions: 0, overdueDebt: false, active: true };
  it.each([
    [clean, true, 'AA'],
    [{ ...clean, yearPoints: 100 }, true, 'AAA'],
    [{ ...clean, yearPoints: 30 }, true, 'A'],
    [{ ...clean, yearPoints: 29 }, false, null],
    [{ ...clean, unresolvedDeductions: 1 }, false, null],
    [{ ...clean, overdueDebt: true }, false, null],
    [{ ...clean, active: false }, false, null],
  ])('%o → eligible %s, grade %s', (facts, eligible, grade) => {
    const v = creditVerdict(facts, s);
    expect(v.eligible).toBe(eligible);
    expect(v.grade).toBe(grade);
    expect(v.reasons.length === 0).toBe(eligible);
  });
  it('names every reason', () => {
    const v = creditVerdict({ yearPoints: 3, unresolvedDeductions: 2, overdueDebt: true, active: true }, s);
    expect(v.reasons).toEqual([
      '年度积分 3 分，未达到 30 分',
      '有 2 条扣分尚未处理完毕（待审批或申诉中）',
      '村委会登记有逾期欠款',
    ]);
  });
});

describe('rankings', () => {
  it('parses months and years', () => {
    expect(parseRankingPeriod('2026-03')).toMatchObject({
      ok: true,
      value: { kind: 'month', from: '2026-03-01', to: '2026-04-01' },
    });
    expect(parseRankingPeriod('2026')).toMatchObject({
      ok: true,
      value: { kind: 'year', from: '2026-01-01', to: '2027-01-01' },
    });
    expect(parseRankingPeriod('2026-13').ok).toBe(false);
  });
  it('gives competition ranks, ties share', () => {
    const ranked = rankByScore([
      { id: 1, score: 5 },
      { id: 2, score: 9 },
      { id: 3, score: 5 },
      { id: 4, score: -2 },
    ]);
    expect(ranked.map((r) => [r.rank, r.row.id])).toEqual([
      [1, 2],
      [2, 1],
      [2, 3],
      [4, 4],
    ]);
  });
});
