// Reading volunteering: activities (staff: within scope; citizens: those taking sign-ups, and their own), an
// activity with its sign-ups and history, teams, volunteers and a volunteer's record of hours (the certificate).
// Phones are shown masked.
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  ACTIVITY_STATE_LABELS,
  type ActivityState,
  allowedActivityActions,
  hoursOf,
} from '../../domain/volunteer/index.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { historyOf } from '../record-history/index.js';
import { citizenOnly, inVolunteerScope } from './volunteer-scope.js';
import { ACTIVITY_HISTORY_LABELS, loadActivity } from './volunteer-store.js';
import type {
  ActivityDetail,
  ActivityListItem,
  MyVolunteering,
  TeamItem,
  VolunteerItem,
  VolunteerRecord,
} from './volunteer-views.js';

type Db = Kysely<DB> | Transaction<DB>;

export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
const iso = (v: Date | string) => new Date(v).toISOString();

function activityBase(db: Db) {
  return db
    .selectFrom('volunteer_activities as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('orgs as v', 'v.id', 'a.village_id')
    .leftJoin('volunteer_teams as t', 't.id', 'a.team_id')
    .select([
      'a.id',
      'a.title',
      'a.place',
      'a.lat',
      'a.lng',
      'a.starts_at',
      'a.ends_at',
      'a.capacity',
      'a.signed_up',
      'a.skills',
      'a.state',
      'a.cancel_reason',
      'a.source_kind',
      'a.source_id',
      'a.org_id',
      'a.village_id',
      'o.name as org_name',
      'v.name as village_name',
      't.name as team_name',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof activityBase>['execute']>>[number];

function listItem(r: BaseRow): ActivityListItem {
  return {
    id: r.id,
    title: r.title,
    place: r.place,
    point: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    capacity: r.capacity,
    signedUp: r.signed_up,
    placesLeft: r.capacity - r.signed_up,
    skills: r.skills,
    state: r.state as ActivityState,
    stateLabel: ACTIVITY_STATE_LABELS[r.state as ActivityState],
    cancelReason: r.cancel_reason,
    organiser: { id: r.org_id, name: r.org_name },
    village: r.village_id !== null ? { id: r.village_id, name: r.village_name ?? '' } : null,
    team: r.team_name,
    source: r.source_kind && r.source_id !== null ? { kind: r.source_kind, id: r.source_id } : null,
  };
}

export interface ActivityListQuery {
  state?: ActivityState;
  villageId?: number;
  sourceKind?: string;
  sourceId?: number;
  q?: string;
  limit?: number;
  offset?: number;
}

export async function listActivities(db: Db, principal: Principal, query: ActivityListQuery) {
  let q = activityBase(db).where(inVolunteerScope(principal, 'a', true));
  if (query.state) q = q.where('a.state', '=', query.state);
  if (query.villageId) q = q.where('a.village_id', '=', query.villageId);
  if (query.sourceKind) q = q.where('a.source_kind', '=', query.sourceKind);
  if (query.sourceId) q = q.where('a.source_id', '=', query.sourceId);
  if (query.q?.trim()) q = q.where('a.title', 'like', `%${query.q.trim().replace(/[%_\\]/g, '\\$&')}%`);
  const rows = await q
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .execute();
  const { total } = await db
    .selectFrom('volunteer_activities as a')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where(inVolunteerScope(principal, 'a', true))
    .$if(!!query.state, (b) => b.where('a.state', '=', query.state as string))
    .$if(!!query.villageId, (b) => b.where('a.village_id', '=', query.villageId as number))
    .$if(!!query.sourceKind, (b) => b.where('a.source_kind', '=', query.sourceKind as string))
    .$if(!!query.sourceId, (b) => b.where('a.source_id', '=', query.sourceId as number))
    .executeTakeFirstOrThrow();
  return { items: rows.map(listItem), total: Number(total) };
}

export async function activityDetail(db: Kysely<DB>, principal: Principal, id: number): Promise<ActivityDetail> {
  const row = await loadActivity(db, id, principal);
  const base = await activityBase(db).where('a.id', '=', id).executeTakeFirstOrThrow();
  const signups = await db
    .selectFrom('volunteer_signups as s')
    .innerJoin('volunteers as vo', 'vo.id', 's.volunteer_id')
    .select([
      's.id',
      's.state',
      's.signed_at',
      's.checked_in_at',
      's.checked_out_at',
      's.minutes',
      's.points_note',
      'vo.id as volunteer_id',
      'vo.name',
      'vo.phone',
      'vo.skills',
    ])
    .where('s.activity_id', '=', id)
    .orderBy('s.signed_at')
    .execute();
  const manage = can(principal, 'volunteer.manage') && principal.scopeOrgIds.includes(row.org_id);
  return {
    ...listItem(base),
    description: row.description,
    awardPoints: row.award_points,
    version: row.version,
    allowedActions: manage ? allowedActivityActions(row.state as ActivityState) : [],
    canManage: manage,
    signups: signups.map((s) => ({
      id: s.id,
      volunteer: { id: s.volunteer_id, name: s.name, phone: maskPhone(s.phone), skills: s.skills },
      state: s.state as 'signed' | 'cancelled',
      signedAt: iso(s.signed_at),
      checkedInAt: s.checked_in_at ? iso(s.checked_in_at) : null,
      checkedOutAt: s.checked_out_at ? iso(s.checked_out_at) : null,
      minutes: s.minutes,
      hours: s.minutes === null ? null : hoursOf(s.minutes),
      points: s.points_note,
    })),
    totalHours: hoursOf(signups.reduce((sum, s) => sum + (s.minutes ?? 0), 0)),
    history: await historyOf(db, 'volunteer_activity', id, ACTIVITY_HISTORY_LABELS),
  };
}

export async function listTeams(db: Db, principal: Principal): Promise<TeamItem[]> {
  let q = db
    .selectFrom('volunteer_teams as t')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .leftJoin('social_orgs as so', 'so.id', 't.social_org_id')
    .select([
      't.id',
      't.name',
      't.leader_name',
      't.intro',
      't.open',
      't.org_id',
      'o.name as org_name',
      'o.kind as org_kind',
      'so.name as social_org_name',
      (eb) =>
        eb
          .selectFrom('volunteer_team_members as m')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('m.team_id', '=', 't.id')
          .as('members'),
    ]);
  if (principal.role === 'citizen') q = q.where('t.open', '=', true);
  else q = q.where(inVolunteerScope(principal, 't'));
  const rows = await q.orderBy('t.id').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    leaderName: r.leader_name,
    intro: r.intro,
    open: r.open,
    unit: { id: r.org_id, name: r.org_name, kind: r.org_kind },
    socialOrg: r.social_org_name,
    members: Number(r.members ?? 0),
  }));
}

/** Volunteers a staff principal sees: of the villages of their subtree, or members of their units' teams (the county: all). */
export function volunteersVisibleTo(principal: Principal) {
  const ids = sql`${sql.val([...principal.scopeOrgIds])}::int[]`;
  return (eb: ExpressionBuilder<DB, 'volunteers'>) => {
    if (principal.role === 'citizen' || principal.orgId === null) return eb.lit(false);
    if (isCountyRoot(principal)) return eb('volunteers.county_code', '=', principal.countyCode ?? '∅');
    return eb.or([
      eb(sql`volunteers.village_id`, '=', sql`ANY(${ids})`),
      eb.exists(
        eb
          .selectFrom('volunteer_team_members as m')
          .innerJoin('volunteer_teams as t', 't.id', 'm.team_id')
          .select('m.team_id')
          .whereRef('m.volunteer_id', '=', 'volunteers.id')
          .where(sql<boolean>`t.org_id = ANY(${ids})`),
      ),
    ]);
  };
}

export async function listVolunteers(db: Db, principal: Principal, query: { q?: string; villageId?: number }) {
  let q = db
    .selectFrom('volunteers')
    .leftJoin('orgs as v', 'v.id', 'volunteers.village_id')
    .select([
      'volunteers.id',
      'volunteers.name',
      'volunteers.phone',
      'volunteers.skills',
      'volunteers.service_minutes',
      'volunteers.village_id',
      'v.name as village_name',
      'volunteers.created_at',
    ])
    .where('volunteers.active', '=', true)
    .where(volunteersVisibleTo(principal));
  if (query.villageId) q = q.where('volunteers.village_id', '=', query.villageId);
  if (query.q?.trim()) q = q.where('volunteers.name', 'like', `%${query.q.trim().replace(/[%_\\]/g, '\\$&')}%`);
  const rows = await q.orderBy('volunteers.service_minutes', 'desc').orderBy('volunteers.id').limit(500).execute();
  return {
    items: rows.map(
      (r): VolunteerItem => ({
        id: r.id,
        name: r.name,
        phone: maskPhone(r.phone),
        skills: r.skills,
        village: r.village_id !== null ? { id: r.village_id, name: r.village_name ?? '' } : null,
        hours: hoursOf(r.service_minutes),
        registeredAt: iso(r.created_at),
      }),
    ),
  };
}

/** A volunteer's record of hours (the certificate's content): staff within scope, or the volunteer themself. */
export async function volunteerRecord(
  db: Db,
  principal: Principal,
  volunteerId: number | 'me',
): Promise<VolunteerRecord> {
  let id: number;
  if (volunteerId === 'me') {
    const own = await db
      .selectFrom('volunteers')
      .select('id')
      .where('user_id', '=', citizenOnly(principal))
      .executeTakeFirst();
    if (!own) throw new AppError('VOLUNTEER_NOT_REGISTERED');
    id = own.id;
  } else {
    const visible = await db
      .selectFrom('volunteers')
      .select('id')
      .where('id', '=', volunteerId)
      .where(volunteersVisibleTo(principal))
      .executeTakeFirst();
    if (!visible) throw new AppError('VOLUNTEER_NOT_FOUND', { details: { volunteerId } });
    id = volunteerId;
  }
  const v = await db
    .selectFrom('volunteers as vo')
    .leftJoin('orgs as o', 'o.id', 'vo.village_id')
    .select([
      'vo.id',
      'vo.name',
      'vo.phone',
      'vo.skills',
      'vo.service_minutes',
      'vo.created_at',
      'o.name as village_name',
    ])
    .where('vo.id', '=', id)
    .executeTakeFirstOrThrow();
  const served = await db
    .selectFrom('volunteer_signups as s')
    .innerJoin('volunteer_activities as a', 'a.id', 's.activity_id')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.title', 'a.place', 'a.starts_at', 'o.name as org_name', 's.minutes', 's.points_note'])
    .where('s.volunteer_id', '=', id)
    .where('s.checked_out_at', 'is not', null)
    .orderBy('a.starts_at')
    .execute();
  const teams = await db
    .selectFrom('volunteer_team_members as m')
    .innerJoin('volunteer_teams as t', 't.id', 'm.team_id')
    .select(['t.id', 't.name'])
    .where('m.volunteer_id', '=', id)
    .execute();
  return {
    volunteer: {
      id: v.id,
      name: v.name,
      phone: maskPhone(v.phone),
      village: v.village_name,
      skills: v.skills,
      registeredAt: iso(v.created_at),
    },
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    totalHours: hoursOf(v.service_minutes),
    activities: served.map((s) => ({
      id: s.id,
      title: s.title,
      place: s.place,
      date: iso(s.starts_at),
      organiser: s.org_name,
      hours: hoursOf(s.minutes ?? 0),
      points: s.points_note,
    })),
  };
}

/** The citizen's own volunteering: profile (or none yet), teams, activities open for sign-up, their sign-ups. */
export async function myVolunteering(db: Db, principal: Principal, now: Date): Promise<MyVolunteering> {
  const userId = citizenOnly(principal);
  const me = await db
    .selectFrom('volunteers as vo')
    .leftJoin('orgs as o', 'o.id', 'vo.village_id')
    .select([
      'vo.id',
      'vo.name',
      'vo.skills',
      'vo.intro',
      'vo.village_id',
      'o.name as village_name',
      'vo.service_minutes',
    ])
    .where('vo.user_id', '=', userId)
    .executeTakeFirst();
  const open = await activityBase(db)
    .where('a.state', 'in', ['open', 'running'])
    .where('a.ends_at', '>', now)
    .orderBy('a.starts_at')
    .limit(100)
    .execute();
  const mine = me
    ? await db
        .selectFrom('volunteer_signups as s')
        .select(['s.activity_id', 's.state', 's.checked_in_at', 's.checked_out_at', 's.minutes', 's.points_note'])
        .where('s.volunteer_id', '=', me.id)
        .execute()
    : [];
  const mineIds = mine.map((m) => m.activity_id);
  const signedRows =
    mineIds.length > 0
      ? await activityBase(db).where('a.id', 'in', mineIds).orderBy('a.starts_at', 'desc').execute()
      : [];
  const teamIds = me
    ? (await db.selectFrom('volunteer_team_members').select('team_id').where('volunteer_id', '=', me.id).execute()).map(
        (t) => t.team_id,
      )
    : [];
  const byActivity = new Map(mine.map((m) => [m.activity_id, m]));
  return {
    volunteer: me
      ? {
          id: me.id,
          name: me.name,
          skills: me.skills,
          intro: me.intro,
          village: me.village_id !== null ? { id: me.village_id, name: me.village_name ?? '' } : null,
          hours: hoursOf(me.service_minutes),
        }
      : null,
    teamIds,
    open: open.map((r) => ({ ...listItem(r), mine: byActivity.get(r.id)?.state === 'signed' })),
    signups: signedRows.map((r) => {
      const s = byActivity.get(r.id);
      return {
        activity: listItem(r),
        state: (s?.state ?? 'signed') as 'signed' | 'cancelled',
        checkedInAt: s?.checked_in_at ? iso(s.checked_in_at) : null,
        checkedOutAt: s?.checked_out_at ? iso(s.checked_out_at) : null,
        hours: s?.minutes === null || s?.minutes === undefined ? null : hoursOf(s.minutes),
        points: s?.points_note ?? null,
      };
    }),
  };
}

/** The villages a citizen may choose when registering (the county's, by town). */
export async function villageChoices(db: Db) {
  const rows = await db
    .selectFrom('orgs as v')
    .innerJoin('orgs as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.name', 't.name as town_name'])
    .where('v.kind', '=', 'village')
    .where('v.active', '=', true)
    .orderBy('t.sort')
    .orderBy('v.sort')
    .limit(2000)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, town: r.town_name }));
}
