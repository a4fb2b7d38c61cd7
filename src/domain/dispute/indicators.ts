// The two indicators of dispute work, as pure functions of the disputes of a period:
//
//   调解成功率 (mediation success rate) = 调解成功 ÷ (调解成功 + 调解不成) × 100%
//     over the disputes whose mediation was concluded in the period (调解成功 = agreement signed by the parties;
//     调解不成 = concluded as failed). A transferred dispute counts once, where it was concluded.
//
//   矛盾纠纷化解率 (resolution rate) = 已化解 ÷ 受理 × 100%
//     over the disputes registered in the period and accepted (受理; 不予受理 and those still awaiting 受理 are
//     not counted); 已化解 = agreement signed and not found unperformed at the follow-up visit (回访). A dispute
//     still in mediation counts in 受理 only, so a backlog lowers the rate.
//
// A rate with nothing to divide by is null ("—"), not 0.
import type { DisputeState, Performance, RiskLevel } from './types.js';

export interface IndicatorRow {
  readonly state: DisputeState;
  /** In the period by registration time (for 化解率). */
  readonly registeredInPeriod: boolean;
  /** In the period by conclusion time (for 调解成功率). */
  readonly concludedInPeriod: boolean;
  readonly accepted: boolean;
  readonly signed: boolean;
  readonly performance: Performance | null;
  readonly typeCode: string;
  readonly level: string;
  readonly riskLevel: RiskLevel;
  readonly committeeOrgId: number | null;
}

export interface IndicatorCounts {
  registered: number;
  accepted: number;
  resolved: number;
  concluded: number;
  succeeded: number;
  failed: number;
  /** 调解成功率, percent with one decimal, or null. */
  successRate: number | null;
  /** 矛盾纠纷化解率, percent with one decimal, or null. */
  resolutionRate: number | null;
}

const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

export function emptyCounts(): IndicatorCounts {
  return {
    registered: 0,
    accepted: 0,
    resolved: 0,
    concluded: 0,
    succeeded: 0,
    failed: 0,
    successRate: null,
    resolutionRate: null,
  };
}

function add(c: IndicatorCounts, r: IndicatorRow): void {
  if (r.registeredInPeriod) {
    c.registered++;
    if (r.accepted) {
      c.accepted++;
      if (r.signed && r.performance !== 'not_performed') c.resolved++;
    }
  }
  if (r.concludedInPeriod && (r.signed || r.state === 'failed')) {
    c.concluded++;
    if (r.signed) c.succeeded++;
    else c.failed++;
  }
}

function finish(c: IndicatorCounts): IndicatorCounts {
  c.successRate = pct(c.succeeded, c.succeeded + c.failed);
  c.resolutionRate = pct(c.resolved, c.accepted);
  return c;
}

/** The counts and both rates over all rows. */
export function disputeIndicators(rows: readonly IndicatorRow[]): IndicatorCounts {
  const c = emptyCounts();
  for (const r of rows) add(c, r);
  return finish(c);
}

/** The counts and rates per group (by type, level, risk, committee …), groups with no row left out. */
export function disputeIndicatorsBy<K>(
  rows: readonly IndicatorRow[],
  keyOf: (row: IndicatorRow) => K,
): Map<K, IndicatorCounts> {
  const groups = new Map<K, IndicatorCounts>();
  for (const r of rows) {
    const key = keyOf(r);
    const c = groups.get(key) ?? emptyCounts();
    groups.set(key, c);
    add(c, r);
  }
  for (const c of groups.values()) finish(c);
  return groups;
}

export const INDICATOR_FORMULAS = {
  successRate: '调解成功率 = 调解成功数 ÷（调解成功数 + 调解不成数）× 100%，按调解终结时间统计',
  resolutionRate: '矛盾纠纷化解率 = 已化解数 ÷ 受理数 × 100%，按登记时间统计；已化解 = 协议已签署且回访未发现不履行',
} as const;

/** What a dispute record contributes to the assessment (督导考核): its dates and outcome, and its units. */
export interface DisputeFactSource {
  readonly state: DisputeState;
  readonly createdAt: Date;
  readonly acceptedAt: Date | null;
  readonly signedAt: Date | null;
  readonly concludedAt: Date | null;
  readonly performance: Performance | null;
  /** The dispute's territorial units (its grid, village and town: 属地责任). */
  readonly unitIds: readonly number[];
}

/** One unit and China month's dispute counts for the assessment. */
export interface DisputeFactRow {
  readonly unitId: number;
  readonly month: string;
  /** 受理数 of the disputes registered in the month (化解率's denominator). */
  readonly accepted: number;
  /** … of which 已化解 (agreement signed, not found unperformed at the follow-up visit). */
  readonly resolved: number;
  /** Mediations concluded in the month as 调解成功 or 调解不成 (调解成功率's denominator). */
  readonly concluded: number;
  /** … of which 调解成功 (agreement signed). */
  readonly succeeded: number;
}

const chinaMonth = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);

/**
 * The assessment counts of one dispute by the same rules as `disputeIndicators`: 受理/已化解 in the China month
 * of registration, 调解成功/调解不成 in the month the mediation was concluded, for each of its units. The counts
 * of a month therefore agree with the dispute page's rates over that month; a later outcome (an agreement
 * signed, a follow-up finding it unperformed) moves the month the dispute was registered in.
 */
export function disputeFactRows(d: DisputeFactSource): DisputeFactRow[] {
  const table = new Map<
    string,
    { unitId: number; month: string; accepted: number; resolved: number; concluded: number; succeeded: number }
  >();
  const bump = (at: Date, key: 'accepted' | 'resolved' | 'concluded' | 'succeeded') => {
    const month = chinaMonth(at);
    for (const unitId of new Set(d.unitIds)) {
      const id = `${unitId}|${month}`;
      const row = table.get(id) ?? { unitId, month, accepted: 0, resolved: 0, concluded: 0, succeeded: 0 };
      row[key] += 1;
      table.set(id, row);
    }
  };
  const signed = d.signedAt !== null;
  if (d.acceptedAt !== null) {
    bump(d.createdAt, 'accepted');
    if (signed && d.performance !== 'not_performed') bump(d.createdAt, 'resolved');
  }
  if (d.concludedAt !== null && (signed || d.state === 'failed')) {
    bump(d.concludedAt, 'concluded');
    if (signed) bump(d.concludedAt, 'succeeded');
  }
  return [...table.values()];
}
