// Reads of 双报到: the units and members registered with the communities in scope (phones masked), the needs
// with what the caller may do with each, one need with its history, and the citizen's own page (registrations,
// the needs of the communities they are confirmed with, what they claimed).
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, PartyNeedsTable } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { maskPhone } from '../../domain/grid-data/masking.js';
import {
  allowedNeedActions,
  NEED_ACTION_LABELS,
  type NeedKind,
  type NeedState,
  type RegistrationState,
} from '../../domain/party-service/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { historyOf } from '../record-history/index.js';
import type { Db } from './party-service-deps.js';
import { keepsCommunity, membersVisibleTo, needsVisibleTo, unitsVisibleTo } from './party-service-scope.js';
import type { MemberView, NeedDetail, NeedView, UnitView } from './party-service-views.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const masked = (phone: string) => (phone ? maskPhone(phone) : '');

export interface RegistrationQuery {
  villageId?: number;
  state?: RegistrationState;
}

export async function listUnits(db: Db, principal: Principal, q: RegistrationQuery): Promise<UnitView[]> {
  let query = db
    .selectFrom('party_service_units as u')
    .innerJoin('orgs as v', 'v.id', 'u.village_id')
    .selectAll('u')
    .select([
      'v.name as village_name',
      sql<number>`(SELECT count(*) FROM party_service_members m WHERE m.unit_id = u.id AND m.state = 'confirmed')`.as(
        'members',
      ),
    ])
    .where(unitsVisibleTo(principal, 'u'));
  if (q.villageId) query = query.where('u.village_id', '=', q.villageId);
  if (q.state) query = query.where('u.state', '=', q.state);
  const rows = await query.orderBy('u.village_id').orderBy('u.id').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    villageId: r.village_id,
    villageName: r.village_name,
    orgId: r.org_id,
    name: r.name,
    contactName: r.contact_name,
    contactPhone: masked(r.contact_phone),
    state: r.state,
    members: Number(r.members),
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function listMembers(db: Db, principal: Principal, q: RegistrationQuery): Promise<MemberView[]> {
  let query = db
    .selectFrom('party_service_members as m')
    .innerJoin('orgs as v', 'v.id', 'm.village_id')
    .selectAll('m')
    .select('v.name as village_name')
    .where(membersVisibleTo(principal, 'm'));
  if (q.villageId) query = query.where('m.village_id', '=', q.villageId);
  if (q.state) query = query.where('m.state', '=', q.state);
  const rows = await query.orderBy('m.village_id').orderBy('m.id').limit(1000).execute();
  return rows.map((r) => ({
    id: r.id,
    villageId: r.village_id,
    villageName: r.village_name,
    unitName: r.unit_name,
    name: r.name,
    phone: masked(r.phone),
    branch: r.branch,
    state: r.state,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A member's phone in full: pii.view (the route checks it), the registration in scope, an audit entry. */
export async function revealMember(
  db: Db,
  audit: AuditService,
  principal: Principal,
  id: number,
  ip?: string,
): Promise<{ phone: string }> {
  const row = await db
    .selectFrom('party_service_members')
    .select(['phone'])
    .where('id', '=', id)
    .where(membersVisibleTo(principal, 'party_service_members'))
    .executeTakeFirst();
  if (!row || principal.role === 'citizen') throw new AppError('PARTY_REGISTRATION_NOT_FOUND', { details: { id } });
  await audit.record(principal, {
    action: 'pii.view',
    targetType: 'party_service_member',
    targetId: id,
    details: { fields: ['phone'] },
    ip,
  });
  return { phone: row.phone };
}

export interface NeedQuery {
  villageId?: number;
  state?: NeedState;
  kind?: NeedKind;
  /** Only the needs the caller (member or unit) claimed. */
  mine?: boolean;
}

type NeedRow = Selectable<PartyNeedsTable> & {
  village_name: string;
  claimer_user_id: number | null;
  claimer_org_id: number | null;
};

function needQuery(db: Db, principal: Principal) {
  return db
    .selectFrom('party_needs as n')
    .innerJoin('orgs as v', 'v.id', 'n.village_id')
    .leftJoin('party_service_members as m', 'm.id', 'n.member_id')
    .leftJoin('party_service_units as u', 'u.id', 'n.unit_id')
    .selectAll('n')
    .select(['v.name as village_name', 'm.user_id as claimer_user_id', 'u.org_id as claimer_org_id'])
    .where(needsVisibleTo(principal, 'n'));
}

/** The communities the caller is a confirmed member or unit of (they may claim there). */
async function registeredWith(db: Db, principal: Principal): Promise<Set<number>> {
  const rows =
    principal.role === 'citizen'
      ? await db
          .selectFrom('party_service_members')
          .select('village_id')
          .where('user_id', '=', principal.userId ?? -1)
          .where('state', '=', 'confirmed')
          .execute()
      : await db
          .selectFrom('party_service_units')
          .select('village_id')
          .where('org_id', '=', principal.orgId ?? -1)
          .where('state', '=', 'confirmed')
          .execute();
  return new Set(rows.map((r) => r.village_id));
}

function needView(r: NeedRow, principal: Principal, registered: Set<number>, today: string): NeedView {
  const claimer =
    r.claimer_kind === 'member'
      ? principal.role === 'citizen' && r.claimer_user_id === principal.userId
      : r.claimer_kind === 'unit' && principal.role !== 'citizen' && r.claimer_org_id === principal.orgId;
  const community =
    principal.role !== 'citizen' && principal.orgId === r.village_id && keepsCommunity(principal, r.village_id);
  const keeper = keepsCommunity(principal, r.village_id);
  const allowed = allowedNeedActions(
    { state: r.state, dueOn: r.due_on },
    { community, above: keeper && !community, registered: registered.has(r.village_id), claimer },
    today,
  );
  return {
    id: r.id,
    villageId: r.village_id,
    villageName: r.village_name,
    kind: r.kind,
    title: r.title,
    description: r.description,
    beneficiary: keeper || claimer ? r.beneficiary : '',
    dueOn: r.due_on,
    state: r.state,
    claimer: r.claimer_kind ? { kind: r.claimer_kind, name: r.claimer_name ?? '', unitName: r.unit_name ?? '' } : null,
    claimedAt: iso(r.claimed_at),
    taskId: keeper || claimer ? r.task_id : null,
    hours: r.hours === null ? null : Number(r.hours),
    result: r.result,
    doneAt: iso(r.done_at),
    rating: r.rating,
    ratingComment: r.rating_comment,
    ratedAt: iso(r.rated_at),
    cancelReason: r.cancel_reason,
    version: r.version,
    claimedByMe: claimer,
    allowed,
  };
}

export async function listNeeds(db: Db, principal: Principal, now: Date, q: NeedQuery): Promise<NeedView[]> {
  let query = needQuery(db, principal);
  if (q.villageId) query = query.where('n.village_id', '=', q.villageId);
  if (q.state) query = query.where('n.state', '=', q.state);
  if (q.kind) query = query.where('n.kind', '=', q.kind);
  if (q.mine) {
    query =
      principal.role === 'citizen'
        ? query.where('m.user_id', '=', principal.userId ?? -1)
        : query.where('u.org_id', '=', principal.orgId ?? -1);
  }
  const rows = await query.orderBy('n.id', 'desc').limit(500).execute();
  const registered = await registeredWith(db, principal);
  const today = chinaDayOf(now);
  return rows.map((r) => needView(r as NeedRow, principal, registered, today));
}

export async function needDetail(db: Kysely<DB>, principal: Principal, now: Date, id: number): Promise<NeedDetail> {
  const row = await needQuery(db, principal).where('n.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('PARTY_NEED_NOT_FOUND', { details: { needId: id } });
  const view = needView(row as NeedRow, principal, await registeredWith(db, principal), chinaDayOf(now));
  return { ...view, history: await historyOf(db, 'party_need', id, NEED_ACTION_LABELS) };
}

/** The phone's communities to pick from (every active community of the deployment), by town. */
export async function communities(db: Db): Promise<{ id: number; name: string; townName: string | null }[]> {
  const rows = await db
    .selectFrom('orgs as v')
    .leftJoin('orgs as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.name', 't.name as town_name'])
    .where('v.kind', '=', 'village')
    .where('v.active', '=', true)
    .orderBy('t.sort')
    .orderBy('v.sort')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, townName: r.town_name }));
}

/** Names of the units confirmed anywhere in the deployment (the phone offers them when a member names a unit). */
export async function unitNames(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('party_service_units')
    .select('name')
    .distinct()
    .where('state', '=', 'confirmed')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}
