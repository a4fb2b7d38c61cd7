import { describe, expect, it } from 'vitest';
import { disputeIndicators, disputeIndicatorsBy, type IndicatorRow } from './indicators.js';

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
