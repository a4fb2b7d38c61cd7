// The month's report of one-adviser-per-village: for each village in reach, service hours against the
// commitment, fulfilment and status (the rules of src/domain/legal/monthly-figures.ts), the county's villages
// without service first; and the same table as a spreadsheet (the dashboards' xlsx writer).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  type AssignmentSpan,
  type EntryFact,
  LEGAL_ENTRY_KIND_LABELS,
  LEGAL_ENTRY_KINDS,
  type LegalEntryKind,
  type MonthKey,
  monthBounds,
  quarterMonths,
  summarise,
  VILLAGE_SERVICE_STATUS_LABELS,
  villageMonths,
} from '../../domain/legal/index.js';
import type { Principal } from '../auth/principal.js';
import type { Sheet } from '../dashboards/xlsx.js';
import { legalReach } from './legal-scope.js';
import type { MonthlyReport, MonthlyRow } from './legal-views.js';

const STATUS_ORDER = { no_adviser: 0, no_service: 1, below: 2, met: 3 } as const;

export async function monthlyReport(db: Kysely<DB>, principal: Principal, month: MonthKey): Promise<MonthlyReport> {
  const reach = await legalReach(db, principal);
  if (!reach) return { month, summary: summarise([]), rows: [] };
  const { first, last } = monthBounds(month);
  const quarterFirst = monthBounds(quarterMonths(month)[0] as string).first;
  const ids = [...reach.orgIds];

  // the villages: the county's, the subtree's, and those the firm's advisers served in the month
  let villagesQ = db
    .selectFrom('orgs as v')
    .leftJoin('orgs as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.name', 'v.code', 'v.parent_id', 't.name as town_name'])
    .where('v.kind', '=', 'village')
    .where('v.active', '=', true)
    .where('v.county_code', '=', reach.countyCode);
  if (!reach.countyWide) {
    villagesQ = villagesQ.where((eb) =>
      eb.or([
        eb('v.id', 'in', ids),
        eb.exists(
          eb
            .selectFrom('legal_assignments as fa')
            .select('fa.id')
            .whereRef('fa.village_id', '=', 'v.id')
            .where('fa.firm_org_id', 'in', ids)
            .where('fa.started_on', '<=', last)
            .where((e) => e.or([e('fa.ended_on', 'is', null), e('fa.ended_on', '>=', first)])),
        ),
      ]),
    );
  }
  const villages = await villagesQ.orderBy('v.code').execute();
  const villageIds = villages.map((v) => v.id);
  if (villageIds.length === 0) return { month, summary: summarise([]), rows: [] };

  const spans = await db
    .selectFrom('legal_assignments as la')
    .innerJoin('legal_advisers as ad', 'ad.id', 'la.adviser_id')
    .innerJoin('orgs as f', 'f.id', 'la.firm_org_id')
    .select([
      'la.id',
      'la.village_id',
      'la.adviser_id',
      'ad.name as adviser_name',
      'la.firm_org_id',
      'f.name as firm_name',
      'la.hours_per_month',
      'la.lectures_per_quarter',
      'la.started_on',
      'la.ended_on',
    ])
    .where('la.village_id', 'in', villageIds)
    .where('la.started_on', '<=', last)
    .where((eb) => eb.or([eb('la.ended_on', 'is', null), eb('la.ended_on', '>=', quarterFirst)]))
    .execute();
  const entries = await db
    .selectFrom('legal_entries')
    .select(['village_id', 'kind', 'hours', 'occurred_on'])
    .where('village_id', 'in', villageIds)
    .where('voided', '=', false)
    .where('occurred_on', '>=', quarterFirst)
    .where('occurred_on', '<=', last)
    .execute();

  const assignmentSpans: AssignmentSpan[] = spans.map((s) => ({
    id: Number(s.id),
    villageId: s.village_id,
    adviserId: Number(s.adviser_id),
    hoursPerMonth: Number(s.hours_per_month),
    lecturesPerQuarter: Number(s.lectures_per_quarter),
    startedOn: s.started_on,
    endedOn: s.ended_on,
  }));
  const facts: EntryFact[] = entries.map((e) => ({
    villageId: e.village_id,
    kind: e.kind as LegalEntryKind,
    hours: Number(e.hours),
    occurredOn: e.occurred_on,
  }));
  const figures = villageMonths(villageIds, assignmentSpans, facts, month);
  const spanById = new Map(spans.map((s) => [Number(s.id), s]));
  const villageById = new Map(villages.map((v) => [v.id, v]));
  const rows: MonthlyRow[] = figures.map((f) => {
    const v = villageById.get(f.villageId);
    const s = f.assignmentId === null ? undefined : spanById.get(f.assignmentId);
    const { villageId: _v, adviserId: _a, assignmentId: _s, ...rest } = f;
    return {
      ...rest,
      village: { id: f.villageId, name: v?.name ?? '' },
      town: v?.parent_id ? { id: v.parent_id, name: v.town_name ?? '' } : null,
      adviser: s ? { id: Number(s.adviser_id), name: s.adviser_name } : null,
      firm: s ? { id: s.firm_org_id, name: s.firm_name } : null,
      statusLabel: VILLAGE_SERVICE_STATUS_LABELS[f.status],
    };
  });
  rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return { month, summary: summarise(figures), rows };
}

export function monthlySheet(report: MonthlyReport): Sheet {
  const s = report.summary;
  return {
    name: `法律顾问服务 ${report.month}`,
    title: `一村一法律顾问服务情况（${report.month}）：${s.villages} 个村社区，无服务 ${s.withoutService} 个，总履约率 ${s.fulfilment ?? '—'}%`,
    columns: [
      '村（社区）',
      '镇街',
      '法律顾问',
      '律师事务所',
      '承诺时长（小时）',
      '服务时长（小时）',
      '履约率（%）',
      '服务次数',
      ...LEGAL_ENTRY_KINDS.map((k) => LEGAL_ENTRY_KIND_LABELS[k]),
      '本季度讲座 / 承诺',
      '状态',
    ],
    rows: report.rows.map((r) => [
      r.village.name,
      r.town?.name ?? '',
      r.adviser?.name ?? '',
      r.firm?.name ?? '',
      r.committedHours,
      r.hours,
      r.fulfilment,
      r.entries,
      ...LEGAL_ENTRY_KINDS.map((k) => r.byKind[k]),
      `${r.lecturesInQuarter} / ${r.lecturesCommitted}`,
      r.statusLabel,
    ]),
  };
}
