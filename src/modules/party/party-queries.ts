// Reads of the party organisation, each within the principal's scope (party-scope.ts): organisations and
// their detail, members with phones masked, coverage per town, the 大党委, and the badge lookup (党员亮相).
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { coverageByTown, PARTY_LEVEL_LABELS, type PartyLevel, termStatus } from '../../domain/party/index.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { historyOf } from '../record-history/index.js';
import { inPartyScope } from './party-scope.js';
import { PARTY_EVENT_LABELS } from './party-store.js';
import type {
  CommitteeMemberView,
  CoverageView,
  GridCard,
  PartyMemberView,
  PartyOrgDetail,
  PartyOrgView,
  UncoveredGrid,
} from './party-views.js';
import { loadPartyOrg } from './save-party-org.js';

type Db = Kysely<DB>;

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

function orgsQuery(db: Db) {
  return db
    .selectFrom('party_orgs as po')
    .innerJoin('orgs as t', 't.id', 'po.town_id')
    .leftJoin('orgs as v', 'v.id', 'po.village_id')
    .leftJoin('orgs as g', 'g.id', 'po.grid_id')
    .leftJoin('party_members as sec', 'sec.id', 'po.secretary_member_id')
    .selectAll('po')
    .select([
      't.name as town_name',
      'v.name as village_name',
      'g.name as grid_name',
      'sec.name as secretary_name',
      (eb) =>
        eb
          .selectFrom('party_members as m')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('m.party_org_id', '=', 'po.id')
          .where('m.active', '=', true)
          .as('member_count'),
    ]);
}

type OrgRow = Awaited<ReturnType<ReturnType<typeof orgsQuery>['executeTakeFirstOrThrow']>>;

function orgView(r: OrgRow): PartyOrgView {
  return {
    id: r.id,
    level: r.level,
    levelLabel: PARTY_LEVEL_LABELS[r.level],
    name: r.name,
    parentId: r.parent_id,
    town: { id: r.town_id, name: r.town_name },
    village: ref(r.village_id, r.village_name),
    grid: ref(r.grid_id, r.grid_name),
    orgId: r.org_id,
    compound: r.compound,
    buildings: r.buildings,
    householdRecordId: r.household_record_id,
    linkedHouseholdIds: r.linked_household_ids,
    secretary: r.secretary_member_id === null ? null : { id: r.secretary_member_id, name: r.secretary_name ?? '' },
    duties: r.duties,
    officePhone: r.office_phone,
    active: r.active,
    version: r.version,
    memberCount: Number(r.member_count ?? 0),
  };
}

const LEVEL_ORDER = sql`array_position(ARRAY['town_committee','village_committee','grid_branch','building_group','member_household'], po.level)`;

export interface OrgQuery {
  townId?: number;
  villageId?: number;
  gridId?: number;
  level?: PartyLevel;
  includeInactive?: boolean;
}

export async function listPartyOrgs(db: Db, principal: Principal, query: OrgQuery): Promise<PartyOrgView[]> {
  let q = orgsQuery(db).where(inPartyScope(principal, 'po', true));
  if (query.townId) q = q.where('po.town_id', '=', query.townId);
  if (query.villageId) q = q.where('po.village_id', '=', query.villageId);
  if (query.gridId) q = q.where('po.grid_id', '=', query.gridId);
  if (query.level) q = q.where('po.level', '=', query.level);
  if (!query.includeInactive) q = q.where('po.active', '=', true);
  const rows = await q
    .orderBy(LEVEL_ORDER)
    .orderBy('po.town_id')
    .orderBy('po.village_id')
    .orderBy('po.grid_id')
    .orderBy('po.id')
    .execute();
  return rows.map(orgView);
}

function memberQuery(db: Db) {
  return db
    .selectFrom('party_members as m')
    .innerJoin('party_orgs as po', 'po.id', 'm.party_org_id')
    .leftJoin('orgs as v', 'v.id', 'm.village_id')
    .selectAll('m')
    .select(['po.name as org_name', 'po.level as org_level', 'v.name as village_name']);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>>;

function memberView(r: MemberRow): PartyMemberView {
  return {
    id: r.id,
    partyOrg: { id: r.party_org_id, name: r.org_name, level: r.org_level },
    village: ref(r.village_id, r.village_name),
    name: r.name,
    phone: maskPhone(r.phone),
    joinedOn: r.joined_on,
    duty: r.duty,
    userId: r.user_id,
    inService: r.in_service,
    workUnit: r.work_unit,
    active: r.active,
    version: r.version,
  };
}

export async function partyOrgDetail(db: Db, principal: Principal, id: number): Promise<PartyOrgDetail> {
  await loadPartyOrg(db, principal, id);
  const row = await orgsQuery(db).where('po.id', '=', id).executeTakeFirstOrThrow();
  const parent = row.parent_id
    ? await db
        .selectFrom('party_orgs')
        .select(['id', 'name', 'level'])
        .where('id', '=', row.parent_id)
        .executeTakeFirst()
    : undefined;
  const children = await orgsQuery(db)
    .where('po.parent_id', '=', id)
    .where('po.active', '=', true)
    .orderBy('po.id')
    .execute();
  const members = await memberQuery(db)
    .where('m.party_org_id', '=', id)
    .where('m.active', '=', true)
    .orderBy(sql`array_position(ARRAY['书记','副书记','委员','组长'], m.duty)`)
    .orderBy('m.id')
    .execute();
  const householdIds = [...(row.household_record_id ? [row.household_record_id] : []), ...row.linked_household_ids];
  const households = householdIds.length
    ? await db.selectFrom('grid_records').select(['id', 'name', 'grid_id']).where('id', 'in', householdIds).execute()
    : [];
  const household = (hid: number) => {
    const h = households.find((x) => x.id === hid);
    return h ? { id: h.id, name: h.name, gridId: h.grid_id } : null;
  };
  return {
    ...orgView(row),
    parent: parent ? { id: parent.id, name: parent.name, level: parent.level } : null,
    children: children.map(orgView),
    members: members.map(memberView),
    household: row.household_record_id ? household(row.household_record_id) : null,
    linkedHouseholds: row.linked_household_ids.map(household).filter((h) => h !== null),
    history: await historyOf(db, 'party_org', id, PARTY_EVENT_LABELS),
  };
}

export interface MemberQuery {
  partyOrgId?: number;
  villageId?: number;
  inService?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export async function listMembers(db: Db, principal: Principal, query: MemberQuery) {
  let q = memberQuery(db)
    .where(inPartyScope(principal, 'po', true))
    .where('m.active', '=', true);
  if (query.partyOrgId) q = q.where('m.party_org_id', '=', query.partyOrgId);
  if (query.villageId) q = q.where('m.village_id', '=', query.villageId);
  if (query.inService !== undefined) q = q.where('m.in_service', '=', query.inService);
  if (query.q?.trim()) q = q.where('m.name', 'like', `%${query.q.trim()}%`);
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('m.village_id')
    .orderBy('m.party_org_id')
    .orderBy('m.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(memberView), total: Number(total.n) };
}

/** 党员亮相: which of these user accounts belong to a live party member (any staff page may show the badge). */
export async function memberBadges(db: Db, principal: Principal, userIds: readonly number[]) {
  if (userIds.length === 0 || !principal.countyCode) return { userIds: [] as number[] };
  const rows = await db
    .selectFrom('party_members')
    .select('user_id')
    .where('user_id', 'in', [...new Set(userIds)])
    .where('active', '=', true)
    .where('county_code', '=', principal.countyCode)
    .execute();
  return { userIds: rows.map((r) => r.user_id as number) };
}

/** The grids of the principal's subtree, with their town and village. */
function gridsInScope(db: Db, principal: Principal) {
  if (principal.role === 'citizen' || !principal.scopePath) throw new AppError('FORBIDDEN');
  let q = db
    .selectFrom('orgs as g')
    .innerJoin('orgs as v', 'v.id', 'g.parent_id')
    .innerJoin('orgs as t', 't.id', 'v.parent_id')
    .select([
      'g.id',
      'g.name',
      'v.id as village_id',
      'v.name as village_name',
      't.id as town_id',
      't.name as town_name',
    ])
    .where('g.kind', '=', 'grid')
    .where('g.active', '=', true)
    .where('g.county_code', '=', principal.countyCode ?? '∅');
  if (!isCountyRoot(principal)) q = q.where('g.path', 'like', `${principal.scopePath}%`);
  return q;
}

/** Grids with and without a live branch, per town of the principal's subtree; the uncovered grids listed. */
export async function coverage(
  db: Db,
  principal: Principal,
  townId?: number,
): Promise<{ towns: CoverageView[]; uncovered: UncoveredGrid[] }> {
  const grids = await gridsInScope(db, principal).orderBy('t.sort').orderBy('v.sort').orderBy('g.sort').execute();
  const branches = await db
    .selectFrom('party_orgs')
    .select('grid_id')
    .where('level', '=', 'grid_branch')
    .where('active', '=', true)
    .where('county_code', '=', principal.countyCode ?? '∅')
    .execute();
  const counted = coverageByTown(
    grids.map((g) => ({ id: g.id, townId: g.town_id })),
    branches.map((b) => b.grid_id),
  );
  const byId = new Map(grids.map((g) => [g.id, g]));
  const towns = counted.map(({ uncoveredGridIds: _ids, ...c }) => {
    const g = grids.find((x) => x.town_id === c.townId);
    return { ...c, town: { id: c.townId, name: g?.town_name ?? '' } };
  });
  const uncovered = counted
    .filter((c) => townId === undefined || c.townId === townId)
    .flatMap((c) => c.uncoveredGridIds)
    .map((id) => byId.get(id))
    .filter((g) => g !== undefined)
    .map((g) => ({
      id: g.id,
      name: g.name,
      village: { id: g.village_id, name: g.village_name },
      town: { id: g.town_id, name: g.town_name },
    }));
  return { towns, uncovered };
}

export async function committeeMembers(
  db: Db,
  principal: Principal,
  query: { villageId?: number },
  today: string,
): Promise<CommitteeMemberView[]> {
  let q = db
    .selectFrom('party_committee_members as c')
    .innerJoin('orgs as v', 'v.id', 'c.village_id')
    .selectAll('c')
    .select('v.name as village_name')
    .where(inPartyScope(principal, 'c'));
  if (query.villageId) q = q.where('c.village_id', '=', query.villageId);
  const rows = await q.orderBy('c.village_id').orderBy('c.term_end', 'desc').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id,
    village: { id: r.village_id, name: r.village_name },
    unitOrgId: r.unit_org_id,
    unitName: r.unit_name,
    personName: r.person_name,
    post: r.post,
    termStart: r.term_start,
    termEnd: r.term_end,
    status: termStatus(r.term_start, r.term_end, today),
    active: r.active,
    version: r.version,
  }));
}

/** 网格亮责: the grid's public card. Names of the role holders and an office phone only — never a mobile. */
export async function gridCard(db: Db, gridId: number): Promise<GridCard> {
  const grid = await db
    .selectFrom('orgs as g')
    .innerJoin('orgs as v', 'v.id', 'g.parent_id')
    .innerJoin('orgs as t', 't.id', 'v.parent_id')
    .leftJoin('users as w', 'w.id', 'g.grid_worker_id')
    .select([
      'g.id',
      'g.name',
      'g.phone',
      'v.id as village_id',
      'v.name as village_name',
      'v.phone as village_phone',
      't.id as town_id',
      't.name as town_name',
      'w.display_name as worker_name',
    ])
    .where('g.id', '=', gridId)
    .where('g.kind', '=', 'grid')
    .where('g.active', '=', true)
    .executeTakeFirst();
  if (!grid) throw new AppError('ORG_NOT_FOUND', { details: { gridId } });
  const branch = await db
    .selectFrom('party_orgs as po')
    .leftJoin('party_members as sec', 'sec.id', 'po.secretary_member_id')
    .select(['po.name', 'po.duties', 'po.office_phone', 'sec.name as secretary_name'])
    .where('po.grid_id', '=', gridId)
    .where('po.level', '=', 'grid_branch')
    .where('po.active', '=', true)
    .orderBy(sql`po.compound IS NULL`, 'desc')
    .orderBy('po.id')
    .executeTakeFirst();
  const duties = (branch?.duties ?? '')
    .split(/[\n；;]/)
    .map((d) => d.trim())
    .filter(Boolean);
  return {
    grid: { id: grid.id, name: grid.name },
    village: { id: grid.village_id, name: grid.village_name },
    town: { id: grid.town_id, name: grid.town_name },
    gridWorker: grid.worker_name ?? null,
    branch: branch ? { name: branch.name, secretary: branch.secretary_name ?? null, duties: branch.duties } : null,
    officePhone: branch?.office_phone ?? grid.phone ?? grid.village_phone ?? null,
    duties,
  };
}
