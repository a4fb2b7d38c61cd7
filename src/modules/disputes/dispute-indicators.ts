// 调解成功率 and 矛盾纠纷化解率 of the principal's scope over a period, overall and by type, handling level,
// risk level and committee (the formulas: src/domain/dispute/indicators.ts). A county has a few thousand
// disputes a year: the period's rows are read once and grouped in memory.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  type DisputeState,
  disputeIndicators,
  disputeIndicatorsBy,
  INDICATOR_FORMULAS,
  type IndicatorRow,
  LEVEL_LABELS,
  OPEN_DISPUTE_STATES,
  type Performance,
  RISK_LABELS,
  RISK_LEVELS,
  type RiskLevel,
} from '../../domain/dispute/index.js';
import type { Principal } from '../auth/principal.js';
import { disputesVisibleTo } from './dispute-scope.js';
import type { DisputeStats, IndicatorGroup } from './dispute-views.js';

/** A period given as 'YYYY-MM-DD' China days, `to` inclusive. */
function period(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
    throw new AppError('VALIDATION_FAILED', {
      message: '统计期间不正确：起始日期应不晚于截止日期',
      details: { from, to },
    });
  }
  return { start, end };
}

export async function disputeStats(
  db: Kysely<DB>,
  principal: Principal,
  range: { from: string; to: string },
): Promise<DisputeStats> {
  const { start, end } = period(range.from, range.to);
  const rows = await db
    .selectFrom('disputes')
    .where(disputesVisibleTo(principal))
    .where((eb) =>
      eb.or([
        eb.and([eb('created_at', '>=', start), eb('created_at', '<', end)]),
        eb.and([eb('concluded_at', '>=', start), eb('concluded_at', '<', end)]),
      ]),
    )
    .select([
      'state',
      'created_at',
      'concluded_at',
      'accepted_at',
      'signed_at',
      'performance',
      'type_code',
      'level',
      'risk_level',
      'mediator_org_id',
      'handling_org_id',
    ])
    .execute();
  const inPeriod = (t: Date | null) => !!t && new Date(t) >= start && new Date(t) < end;
  const facts: IndicatorRow[] = rows.map((r) => ({
    state: r.state as DisputeState,
    registeredInPeriod: inPeriod(r.created_at as Date),
    concludedInPeriod: inPeriod(r.concluded_at as Date | null),
    accepted: r.accepted_at !== null,
    signed: r.signed_at !== null,
    performance: r.performance as Performance | null,
    typeCode: r.type_code,
    level: r.level,
    riskLevel: r.risk_level as RiskLevel,
    committeeOrgId: r.mediator_org_id ?? r.handling_org_id,
  }));
  const [types, orgs, open] = await Promise.all([
    db.selectFrom('dispute_types').select(['code', 'name', 'sort']).execute(),
    db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('id', 'in', [-1, ...new Set(facts.map((f) => f.committeeOrgId ?? -1))])
      .execute(),
    db
      .selectFrom('disputes')
      .where(disputesVisibleTo(principal))
      .where('state', 'in', OPEN_DISPUTE_STATES as DisputeState[])
      .select((eb) => ['risk_level', eb.fn.countAll<number>().as('n')])
      .groupBy('risk_level')
      .execute(),
  ]);
  const typeNames = new Map(types.map((t) => [t.code, t.name]));
  const orgNames = new Map(orgs.map((o) => [String(o.id), o.name]));
  const groups = <K>(key: (r: IndicatorRow) => K, label: (k: string) => string): IndicatorGroup[] =>
    [...disputeIndicatorsBy(facts, key)].map(([k, c]) => ({ key: String(k), label: label(String(k)), ...c }));
  const openByRisk = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
  for (const o of open) openByRisk[o.risk_level as RiskLevel] = Number(o.n);
  return {
    from: range.from,
    to: range.to,
    overall: disputeIndicators(facts),
    byType: groups(
      (r) => r.typeCode,
      (k) => typeNames.get(k) ?? k,
    ),
    byLevel: groups(
      (r) => r.level,
      (k) => LEVEL_LABELS[k as keyof typeof LEVEL_LABELS] ?? k,
    ),
    byRisk: groups(
      (r) => r.riskLevel,
      (k) => RISK_LABELS[k as RiskLevel] ?? k,
    ),
    byCommittee: groups(
      (r) => r.committeeOrgId,
      (k) => orgNames.get(k) ?? k,
    ),
    openByRisk,
    formulas: { ...INDICATOR_FORMULAS },
  };
}
