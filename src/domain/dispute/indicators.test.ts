import { describe, expect, it } from 'vitest';
import {
  type DisputeFactSource,
  disputeFactRows,
  disputeIndicators,
  disputeIndicatorsBy,
  type IndicatorRow,
} from './indicators.js';

const row = (r: Partial<IndicatorRow>): IndicatorRow => ({
  state: 'mediating',
  registeredInPeriod: true,
  concludedInPeriod: false,
  accepted: true,
  signed: false,
  performance: null,
  typeCode: 'neighbour',
  level: 'village',
  riskLevel: 'general',
  committeeOrgId: 1,
  ...r,
});

// Ten hand-made disputes of one month:
const month: IndicatorRow[] = [
  // 4 signed agreements concluded this month; one of them found unperformed at the follow-up
  row({ state: 'closed', signed: true, concludedInPeriod: true, performance: 'performed' }),
  row({ state: 'closed', signed: true, concludedInPeriod: true, performance: 'partial' }),
  row({ state: 'closed', signed: true, concludedInPeriod: true, performance: 'not_performed', typeCode: 'wages' }),
  row({ state: 'following_up', signed: true, concludedInPeriod: true, typeCode: 'wages', committeeOrgId: 2 }),
  // 1 failed
  row({ state: 'failed', concludedInPeriod: true, typeCode: 'wages', committeeOrgId: 2 }),
  // 2 still in mediation, 1 agreed but not signed
  row({}),
  row({ state: 'accepted', committeeOrgId: null }),
  row({ state: 'agreed' }),
  // 1 refused, 1 still awaiting 受理: registered but not accepted
  row({ state: 'rejected', accepted: false }),
  row({ state: 'registered', accepted: false }),
  // registered last month, concluded (failed) this month: in 调解成功率, not in 化解率
  row({ state: 'failed', registeredInPeriod: false, concludedInPeriod: true }),
];

describe('调解成功率 and 矛盾纠纷化解率 on hand-made data', () => {
  it('computes both by their formulas', () => {
    expect(disputeIndicators(month)).toEqual({
      registered: 10,
      accepted: 8,
      resolved: 3, // 4 signed, minus the unperformed one
      concluded: 6,
      succeeded: 4,
      failed: 2,
      successRate: 66.7, // 4 / (4 + 2)
      resolutionRate: 37.5, // 3 / 8
    });
  });

  it('by type and by committee', () => {
    const byType = disputeIndicatorsBy(month, (r) => r.typeCode);
    expect(byType.get('wages')).toMatchObject({ accepted: 3, resolved: 1, succeeded: 2, failed: 1, successRate: 66.7 });
    expect(byType.get('neighbour')).toMatchObject({ accepted: 5, resolved: 2, successRate: 66.7, resolutionRate: 40 });
    const byCommittee = disputeIndicatorsBy(month, (r) => r.committeeOrgId);
    expect(byCommittee.get(2)).toMatchObject({ succeeded: 1, failed: 1, successRate: 50, resolutionRate: 50 });
    expect(byCommittee.get(null)).toMatchObject({ accepted: 1, successRate: null, resolutionRate: 0 });
  });

  it('nothing to divide by is null, not 0', () => {
    expect(disputeIndicators([])).toMatchObject({ successRate: null, resolutionRate: null });
  });
});

describe('the assessment counts of a dispute (调解成功率, 矛盾纠纷化解率 per unit and month)', () => {
  // 2026-11-30 20:00 China time is still November; 2026-12-01 01:00 China time (2026-11-30 17:00 UTC) is December
  const nov = new Date('2026-11-30T12:00:00Z');
  const dec = new Date('2026-11-30T17:00:00Z');
  const src = (d: Partial<DisputeFactSource>): DisputeFactSource => ({
    state: 'mediating',
    createdAt: nov,
    acceptedAt: nov,
    signedAt: null,
    concludedAt: null,
    performance: null,
    unitIds: [31, 3, 1],
    ...d,
  });

  it('counts 受理 and 已化解 in the month of registration, the conclusion in its own month, for every unit', () => {
    const rows = disputeFactRows(src({ state: 'following_up', signedAt: dec, concludedAt: dec }));
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.month === '2026-11')).toEqual(
      [31, 3, 1].map((unitId) => ({ unitId, month: '2026-11', accepted: 1, resolved: 1, concluded: 0, succeeded: 0 })),
    );
    expect(rows.filter((r) => r.month === '2026-12')).toEqual(
      [31, 3, 1].map((unitId) => ({ unitId, month: '2026-12', accepted: 0, resolved: 0, concluded: 1, succeeded: 1 })),
    );
  });

  it('counts nothing before 受理; a refusal, an unsigned agreement and a mediation under way are not concluded', () => {
    expect(disputeFactRows(src({ state: 'registered', acceptedAt: null }))).toEqual([]);
    expect(disputeFactRows(src({ state: 'rejected', acceptedAt: null, concludedAt: nov }))).toEqual([]);
    for (const state of ['accepted', 'mediating', 'agreed'] as const) {
      expect(disputeFactRows(src({ state, unitIds: [1] }))).toEqual([
        { unitId: 1, month: '2026-11', accepted: 1, resolved: 0, concluded: 0, succeeded: 0 },
      ]);
    }
  });

  it('a failure is concluded without success; an agreement found unperformed is no longer 已化解', () => {
    expect(disputeFactRows(src({ state: 'failed', concludedAt: nov, unitIds: [1] }))).toEqual([
      { unitId: 1, month: '2026-11', accepted: 1, resolved: 0, concluded: 1, succeeded: 0 },
    ]);
    const unperformed = src({ state: 'closed', signedAt: nov, concludedAt: nov, performance: 'not_performed' });
    expect(disputeFactRows({ ...unperformed, unitIds: [1] })).toEqual([
      { unitId: 1, month: '2026-11', accepted: 1, resolved: 0, concluded: 1, succeeded: 1 },
    ]);
  });

  it('a month’s counts summed over its disputes give the dispute page’s rates for that month', () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2));
    const disputes: DisputeFactSource[] = [
      src({
        state: 'closed',
        createdAt: at(2),
        acceptedAt: at(2),
        signedAt: at(9),
        concludedAt: at(9),
        performance: 'performed',
      }),
      src({
        state: 'closed',
        createdAt: at(3),
        acceptedAt: at(3),
        signedAt: at(9),
        concludedAt: at(9),
        performance: 'not_performed',
      }),
      src({ state: 'following_up', createdAt: at(4), acceptedAt: at(4), signedAt: at(20), concludedAt: at(20) }),
      src({ state: 'failed', createdAt: at(5), acceptedAt: at(5), concludedAt: at(25) }),
      src({ state: 'mediating', createdAt: at(6), acceptedAt: at(6) }),
      src({ state: 'rejected', createdAt: at(7), acceptedAt: null, concludedAt: at(7) }),
      // registered in October, concluded in November
      src({
        state: 'failed',
        createdAt: new Date(Date.UTC(2026, 9, 20)),
        acceptedAt: new Date(Date.UTC(2026, 9, 20)),
        concludedAt: at(10),
      }),
    ];
    const facts = disputes
      .flatMap((d) => disputeFactRows({ ...d, unitIds: [1] }))
      .filter((r) => r.month === '2026-11')
      .reduce(
        (a, r) => ({
          accepted: a.accepted + r.accepted,
          resolved: a.resolved + r.resolved,
          concluded: a.concluded + r.concluded,
          succeeded: a.succeeded + r.succeeded,
        }),
        { accepted: 0, resolved: 0, concluded: 0, succeeded: 0 },
      );
    const inNov = (t: Date | null) =>
      t !== null && t.toISOString() >= '2026-10-31T16:00' && t.toISOString() < '2026-11-30T16:00';
    const page = disputeIndicators(
      disputes.map((d) => ({
        ...row({}),
        state: d.state,
        registeredInPeriod: inNov(d.createdAt),
        concludedInPeriod: inNov(d.concludedAt),
        accepted: d.acceptedAt !== null,
        signed: d.signedAt !== null,
        performance: d.performance,
      })),
    );
    expect(facts).toEqual({ accepted: 5, resolved: 2, concluded: 5, succeeded: 3 });
    expect(facts).toEqual({
      accepted: page.accepted,
      resolved: page.resolved,
      concluded: page.concluded,
      succeeded: page.succeeded,
    });
  });
});
