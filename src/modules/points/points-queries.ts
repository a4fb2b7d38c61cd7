// Reads of the points capability, each within the principal's villages (points-scope.ts): a village's rules
// and settings, the county template, households (phone and address masked), a household's ledger, the
// approval queue, objections, the shop and its redemptions.
import { type Selectable, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { PointsRulesTable } from '../../db/schema.js';
import {
  type CapPeriod,
  ENTRY_KIND_LABELS,
  type EntryKind,
  OBJECTION_STATE_LABELS,
  type ObjectionState,
  objectionDeadline,
  objectionOpen,
  REQUEST_STATE_LABELS,
  type RequestState,
  type RuleUnit,
} from '../../domain/points/index.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { type Db, inVillageScope, requireVillage } from './points-scope.js';
import { loadSettings } from './points-store.js';
import type {
  EntryView,
  HouseholdView,
  ItemView,
  ObjectionView,
  RedemptionView,
  RequestView,
  RuleView,
  VillageOverview,
} from './points-views.js';

const maskAddress = (a: string | null) => (a ? `${[...a].slice(0, 6).join('')}****` : null);

function ruleView(r: Selectable<PointsRulesTable>): RuleView {
  return {
    id: r.id,
    villageId: r.village_id,
    templateRuleId: r.template_rule_id,
    category: r.category,
    name: r.name,
    points: r.points,
    unit: r.unit as RuleUnit,
    capPoints: r.cap_points,
    capPeriod: r.cap_period as CapPeriod | null,
    active: r.active,
    sort: r.sort,
    version: r.version,
  };
}

/** The county's template of rules (every unit with points.read of the county reads it). */
export async function templateRules(db: Db, principal: Principal): Promise<RuleView[]> {
  const rows = await db
    .selectFrom('points_rules')
    .selectAll()
    .where('village_id', 'is', null)
    .where('county_code', '=', principal.countyCode ?? '∅')
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return rows.map(ruleView);
}

export async function villageOverview(db: Db, principal: Principal, villageId: number): Promise<VillageOverview> {
  const village = await requireVillage(db, principal, villageId);
  const settings = await loadSettings(db, village.id);
  const row = await db
    .selectFrom('points_settings')
    .select(['template_adopted_at', 'version'])
    .where('village_id', '=', village.id)
    .executeTakeFirst();
  const rules = await db
    .selectFrom('points_rules')
    .selectAll()
    .where('village_id', '=', village.id)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const { rows } = await sql<{ households: number; pending: number; objections: number }>`
    SELECT (SELECT count(*) FROM points_households WHERE village_id = ${village.id} AND active) AS households,
           (SELECT count(*) FROM points_requests WHERE village_id = ${village.id} AND state = 'pending') AS pending,
           (SELECT count(*) FROM points_objections WHERE village_id = ${village.id} AND state = 'open') AS objections`.execute(
    db,
  );
  const counts = rows[0];
  return {
    village: { id: village.id, name: village.name, code: village.code },
    settings: {
      ...settings,
      templateAdoptedAt: row?.template_adopted_at?.toISOString() ?? null,
      version: row?.version ?? 1,
    },
    rules: rules.map(ruleView),
    households: Number(counts?.households ?? 0),
    pendingRequests: Number(counts?.pending ?? 0),
    openObjections: Number(counts?.objections ?? 0),
  };
}

function householdQuery(db: Db) {
  return db
    .selectFrom('points_households as h')
    .innerJoin('orgs as v', 'v.id', 'h.village_id')
    .leftJoin('orgs as g', 'g.id', 'h.grid_id')
    .selectAll('h')
    .select(['v.name as village_name', 'g.name as grid_name'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('users as u')
            .select('u.id')
            .whereRef('u.phone', '=', 'h.head_phone')
            .where('u.role', '=', 'citizen')
            .where('u.active', '=', true),
        )
        .as('linked'),
    );
}

type HouseholdRow = Awaited<ReturnType<ReturnType<typeof householdQuery>['executeTakeFirstOrThrow']>>;

function householdView(r: HouseholdRow): HouseholdView {
  return {
    id: r.id,
    village: { id: r.village_id, name: r.village_name },
    grid: r.grid_id === null ? null : { id: r.grid_id, name: r.grid_name as string },
    doorNo: r.door_no,
    headName: r.head_name,
    members: r.members,
    address: maskAddress(r.address),
    phone: maskPhone(r.head_phone),
    masked: true,
    linkedCitizen: !!r.linked,
    overdueDebt: r.overdue_debt,
    overdueDebtNote: r.overdue_debt_note,
    active: r.active,
    balance: r.balance,
    version: r.version,
  };
}

export async function listHouseholds(
  db: Db,
  principal: Principal,
  query: { villageId?: number; q?: string; page?: number; pageSize?: number; includeInactive?: boolean },
): Promise<{ items: HouseholdView[]; total: number }> {
  let base = householdQuery(db).where(inVillageScope(principal, 'h'));
  if (query.villageId !== undefined) base = base.where('h.village_id', '=', query.villageId);
  if (!query.includeInactive) base = base.where('h.active', '=', true);
  const q = query.q?.trim();
  if (q) base = base.where((eb) => eb.or([eb('h.head_name', 'like', `%${q}%`), eb('h.door_no', 'like', `%${q}%`)]));
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  const rows = await base
    .orderBy('h.village_id')
    .orderBy('h.door_no')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const { total } = await base
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(householdView), total: Number(total) };
}

export async function getHousehold(db: Db, principal: Principal | 'own', id: number): Promise<HouseholdView> {
  let query = householdQuery(db).where('h.id', '=', id);
  if (principal !== 'own') query = query.where(inVillageScope(principal, 'h'));
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('POINTS_HOUSEHOLD_NOT_FOUND', { details: { householdId: id } });
  return householdView(row);
}

/** A household's ledger, newest first: staff see who gave and approved; the household sees its village. */
export async function ledger(
  db: Db,
  householdId: number,
  options: { audience: 'staff' | 'household'; now: Date; objectionDays: number; limit?: number },
): Promise<EntryView[]> {
  const rows = await db
    .selectFrom('points_entries as e')
    .leftJoin('users as g', 'g.id', 'e.given_by_user_id')
    .leftJoin('users as a', 'a.id', 'e.approved_by_user_id')
    .leftJoin('orgs as v', 'v.id', 'e.village_id')
    .leftJoin('points_objections as o', 'o.entry_id', 'e.id')
    .selectAll('e')
    .select([
      'g.display_name as given_by_name',
      'a.display_name as approved_by_name',
      'v.name as village_name',
      'o.id as objection_id',
      'o.state as objection_state',
      'o.reason as objection_reason',
      'o.decision_note as objection_decision',
      'o.created_at as objection_at',
      'o.decided_at as objection_decided_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('points_entries as c')
        .select((c) => c.fn.coalesce(c.fn.sum<number>('c.points'), c.lit(0)).as('s'))
        .whereRef('c.corrects_entry_id', '=', 'e.id')
        .as('corrected'),
    )
    .where('e.household_id', '=', householdId)
    .orderBy('e.seq', 'desc')
    .limit(options.limit ?? 500)
    .execute();
  const staff = options.audience === 'staff';
  return rows.map((r) => {
    const kind = r.kind as EntryKind;
    const objected = r.objection_id !== null;
    return {
      id: r.id,
      seq: r.seq,
      kind,
      kindLabel: ENTRY_KIND_LABELS[kind],
      points: r.points,
      nominalPoints: r.nominal_points,
      balanceAfter: r.balance_after,
      rule: r.rule_id === null ? null : { id: r.rule_id, name: r.rule_name ?? '' },
      quantity: r.quantity,
      occurredOn: r.occurred_on,
      note: r.note,
      attachmentIds: r.attachment_ids,
      caseId: r.case_id,
      activity: r.activity,
      correctsEntryId: r.corrects_entry_id,
      corrected: Number(r.corrected ?? 0),
      givenBy: staff ? (r.given_by_name ?? null) : kind === 'redemption' ? null : r.village_name,
      approvedBy: staff ? (r.approved_by_name ?? null) : null,
      createdAt: r.created_at.toISOString(),
      objection: objected
        ? {
            id: r.objection_id as number,
            state: r.objection_state as ObjectionState,
            stateLabel: OBJECTION_STATE_LABELS[r.objection_state as ObjectionState],
            reason: r.objection_reason as string,
            decisionNote: r.objection_decision,
            createdAt: (r.objection_at as Date).toISOString(),
            decidedAt: r.objection_decided_at?.toISOString() ?? null,
          }
        : null,
      objectionDeadline:
        kind === 'deduct' ? objectionDeadline(r.created_at, options.objectionDays).toISOString() : null,
      canObject: !staff && objectionOpen(kind, r.created_at, options.now, options.objectionDays, objected),
    };
  });
}

/** The staff's ledger of a household in scope. */
export async function householdLedger(
  db: Db,
  principal: Principal,
  householdId: number,
  now: Date,
): Promise<EntryView[]> {
  const household = await getHousehold(db, principal, householdId);
  const settings = await loadSettings(db, household.village.id);
  return ledger(db, householdId, { audience: 'staff', now, objectionDays: settings.objectionDays });
}

export async function listRequests(
  db: Db,
  principal: Principal,
  query: { villageId?: number; state?: RequestState },
): Promise<RequestView[]> {
  let q = db
    .selectFrom('points_requests as r')
    .innerJoin('points_households as h', 'h.id', 'r.household_id')
    .innerJoin('orgs as v', 'v.id', 'r.village_id')
    .innerJoin('points_rules as rule', 'rule.id', 'r.rule_id')
    .leftJoin('users as g', 'g.id', 'r.given_by_user_id')
    .leftJoin('users as d', 'd.id', 'r.decided_by_user_id')
    .selectAll('r')
    .select([
      'h.door_no',
      'h.head_name',
      'v.name as village_name',
      'rule.name as rule_name',
      'g.display_name as given_by_name',
      'd.display_name as decided_by_name',
    ])
    .where(inVillageScope(principal, 'r'))
    .where('r.state', '=', query.state ?? 'pending');
  if (query.villageId !== undefined) q = q.where('r.village_id', '=', query.villageId);
  const rows = await q
    .orderBy('r.created_at', query.state && query.state !== 'pending' ? 'desc' : 'asc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state as RequestState,
    stateLabel: REQUEST_STATE_LABELS[r.state as RequestState],
    household: { id: r.household_id, doorNo: r.door_no, headName: r.head_name },
    village: { id: r.village_id, name: r.village_name },
    rule: { id: r.rule_id, name: r.rule_name },
    quantity: r.quantity,
    points: r.points,
    occurredOn: r.occurred_on,
    note: r.note,
    attachmentIds: r.attachment_ids,
    caseId: r.case_id,
    activity: r.activity,
    givenBy: r.given_by_name,
    decidedBy: r.decided_by_name,
    decisionNote: r.decision_note,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  }));
}

export async function listObjections(
  db: Db,
  principal: Principal,
  query: { villageId?: number; state?: ObjectionState },
): Promise<ObjectionView[]> {
  let q = db
    .selectFrom('points_objections as o')
    .innerJoin('points_households as h', 'h.id', 'o.household_id')
    .innerJoin('orgs as v', 'v.id', 'o.village_id')
    .innerJoin('points_entries as e', 'e.id', 'o.entry_id')
    .leftJoin('users as d', 'd.id', 'o.decided_by_user_id')
    .selectAll('o')
    .select([
      'h.door_no',
      'h.head_name',
      'v.name as village_name',
      'e.points as entry_points',
      'e.nominal_points',
      'e.rule_name',
      'e.occurred_on',
      'e.note as entry_note',
      'd.display_name as decided_by_name',
    ])
    .where(inVillageScope(principal, 'o'))
    .where('o.state', '=', query.state ?? 'open');
  if (query.villageId !== undefined) q = q.where('o.village_id', '=', query.villageId);
  const rows = await q.orderBy('o.created_at').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state as ObjectionState,
    stateLabel: OBJECTION_STATE_LABELS[r.state as ObjectionState],
    reason: r.reason,
    decisionNote: r.decision_note,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    household: { id: r.household_id, doorNo: r.door_no, headName: r.head_name },
    village: { id: r.village_id, name: r.village_name },
    entry: {
      id: r.entry_id,
      points: r.entry_points,
      nominalPoints: r.nominal_points,
      ruleName: r.rule_name,
      occurredOn: r.occurred_on,
      note: r.entry_note,
    },
    attachmentIds: r.attachment_ids,
    decidedBy: r.decided_by_name,
    version: r.version,
  }));
}

export async function listItems(db: Db, villageId: number, onlyActive = false): Promise<ItemView[]> {
  let q = db.selectFrom('points_items').selectAll().where('village_id', '=', villageId);
  if (onlyActive) q = q.where('active', '=', true);
  const rows = await q.orderBy('price').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    villageId: r.village_id,
    name: r.name,
    description: r.description,
    price: r.price,
    stock: r.stock,
    active: r.active,
    attachmentId: r.attachment_id,
    version: r.version,
  }));
}

export async function villageItems(db: Db, principal: Principal, villageId: number): Promise<ItemView[]> {
  const village = await requireVillage(db, principal, villageId);
  return listItems(db, village.id);
}

export async function listRedemptions(
  db: Db,
  scope: Principal | { householdId: number },
  query: { villageId?: number; awaiting?: boolean; limit?: number },
): Promise<RedemptionView[]> {
  let q = db
    .selectFrom('points_redemptions as r')
    .innerJoin('points_households as h', 'h.id', 'r.household_id')
    .selectAll('r')
    .select(['h.door_no', 'h.head_name']);
  q = 'householdId' in scope ? q.where('r.household_id', '=', scope.householdId) : q.where(inVillageScope(scope, 'r'));
  if (query.villageId !== undefined) q = q.where('r.village_id', '=', query.villageId);
  if (query.awaiting) q = q.where('r.handed_over_at', 'is', null).where('r.cancelled_at', 'is', null);
  const rows = await q
    .orderBy('r.created_at', 'desc')
    .limit(query.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    household: { id: r.household_id, doorNo: r.door_no, headName: r.head_name },
    item: { id: r.item_id, name: r.item_name },
    quantity: r.quantity,
    points: r.points,
    channel: r.channel as 'counter' | 'phone',
    handedOverAt: r.handed_over_at?.toISOString() ?? null,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    cancelReason: r.cancel_reason,
    createdAt: r.created_at.toISOString(),
  }));
}

/** The villages in scope with their number of households (the village picker of towns and the county). */
export async function pointsVillages(
  db: Db,
  principal: Principal,
): Promise<{ id: number; name: string; households: number }[]> {
  if (principal.role === 'citizen' || !principal.countyCode) return [];
  const within = isCountyRoot(principal) ? sql`` : sql`AND v.id = ANY(${sql.val([...principal.scopeOrgIds])}::int[])`;
  const { rows } = await sql<{ id: number; name: string; households: number }>`
    SELECT v.id, v.name, count(h.id) AS households
    FROM orgs v LEFT JOIN points_households h ON h.village_id = v.id AND h.active
    WHERE v.kind = 'village' AND v.active AND v.county_code = ${principal.countyCode} ${within}
    GROUP BY v.id, v.name, v.sort ORDER BY v.sort, v.id`.execute(db);
  return rows.map((r) => ({ ...r, households: Number(r.households) }));
}
