// Reading the convenience services: stations, lists and applications within the principal's scope (staff), and
// the resident's side without sign-in — the county's list searched by name, material or department, and an
// item with its materials and the stations that offer it, nearest first.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { byDistance, type GeoPoint, type StationKind, stationLevel } from '../../domain/service-item/index.js';
import type { Principal } from '../auth/principal.js';
import { residentVillagesOf } from '../deliberations/residents.js';
import { type HistoryEntry, historyOf } from '../record-history/index.js';
import { type ApplicationView, applicationView, itemViews, type ServiceItemView, stationView } from './service-rows.js';
import { type Db, inServiceScope, loadStation } from './service-scope.js';
import { ACCEPTED_MONTH } from './service-stats.js';

// ── stations and lists (staff) ──

export async function listStations(db: Db, principal: Principal) {
  const rows = await db
    .selectFrom('service_stations as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select([
      'o.name as org_name',
      (eb) =>
        eb
          .selectFrom('service_items as i')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('i.station_id', '=', 's.id')
          .where('i.active', '=', true)
          .as('item_count'),
      (eb) =>
        eb
          .selectFrom('service_applications as a')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('a.station_id', '=', 's.id')
          .where('a.state', '=', 'in_progress')
          .as('open_count'),
    ])
    .where(inServiceScope(principal, 's'))
    .orderBy('s.kind')
    .orderBy('o.path')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ ...stationView(r), itemCount: Number(r.item_count), openCount: Number(r.open_count) }));
}

export async function stationDetail(db: Db, principal: Principal, id: number) {
  const station = await loadStation(db, principal, id);
  const org = await db.selectFrom('orgs').select('name').where('id', '=', station.org_id).executeTakeFirstOrThrow();
  return { ...stationView({ ...station, org_name: org.name }), items: await stationItems(db, Number(station.id)) };
}

/** The current version of each template item of the county (to show a copy that is behind). */
async function templateVersions(db: Db, countyCode: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('service_items')
    .select(['id', 'version'])
    .where('county_code', '=', countyCode)
    .where('station_id', 'is', null)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.version]));
}

export async function stationItems(db: Db, stationId: number): Promise<ServiceItemView[]> {
  const rows = await db
    .selectFrom('service_items')
    .selectAll()
    .where('station_id', '=', stationId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return itemViews(rows, rows[0] ? await templateVersions(db, rows[0].county_code) : new Map());
}

export async function templateItems(db: Db, countyCode: string): Promise<ServiceItemView[]> {
  const rows = await db
    .selectFrom('service_items')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('station_id', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return itemViews(rows);
}

// ── applications (staff) ──

export interface ApplicationQuery {
  stationId?: number;
  state?: string;
  /** 'YYYY-MM' of when it was taken in */
  month?: string;
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

function applications(db: Db, principal: Principal) {
  return db
    .selectFrom('service_applications as a')
    .innerJoin('service_stations as s', 's.id', 'a.station_id')
    .where(inServiceScope(principal, 'a'));
}

export async function listApplications(
  db: Db,
  principal: Principal,
  now: Date,
  query: ApplicationQuery,
): Promise<{ items: ApplicationView[]; total: number }> {
  let q = applications(db, principal);
  if (query.stationId) q = q.where('a.station_id', '=', query.stationId);
  if (query.state) q = q.where('a.state', '=', query.state);
  if (query.month) {
    q = q.where(ACCEPTED_MONTH, '=', query.month);
  }
  if (query.overdue) q = q.where('a.state', '=', 'in_progress').where('a.due_at', '<', now);
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('a')
    .select('s.name as station_name')
    .orderBy('a.accepted_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .execute();
  return { items: rows.map((r) => applicationView(r, now)), total: Number(total.n) };
}

const HISTORY_LABELS = { take: '受理', visit: '群众再次到站', complete: '办理结果' };

export async function applicationDetail(
  db: Db,
  principal: Principal,
  now: Date,
  id: number,
): Promise<ApplicationView & { history: HistoryEntry[]; bundle: ApplicationView[] }> {
  const row = await applications(db, principal)
    .selectAll('a')
    .select('s.name as station_name')
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('SERVICE_APPLICATION_NOT_FOUND', { details: { applicationId: id } });
  const bundle = row.bundle_number
    ? await applications(db, principal)
        .selectAll('a')
        .select('s.name as station_name')
        .where('a.bundle_number', '=', row.bundle_number)
        .orderBy('a.chain_seq')
        .execute()
    : [];
  return {
    ...applicationView(row, now),
    history: await historyOf(db as never, 'service_application', id, HISTORY_LABELS),
    bundle: bundle.map((b) => applicationView(b, now)),
  };
}

// ── the resident's side (no sign-in) ──

export async function searchPublicItems(db: Db, query: { q?: string; category?: string }) {
  let q = db
    .selectFrom('service_items as t')
    .select([
      't.id',
      't.kind',
      't.category',
      't.name',
      't.department',
      't.legal_limit_days',
      't.agent',
      (eb) =>
        eb
          .selectFrom('service_items as c')
          .innerJoin('service_stations as s', 's.id', 'c.station_id')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('c.template_item_id', '=', 't.id')
          .where('c.active', '=', true)
          .where('s.active', '=', true)
          .as('stations'),
    ])
    .where('t.station_id', 'is', null)
    .where('t.active', '=', true);
  const text = query.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('t.name', 'like', like),
        eb('t.category', 'like', like),
        eb('t.department', 'like', like),
        eb('t.description', 'like', like),
        sql<boolean>`array_to_string(t.materials, ' ') LIKE ${like}`,
      ]),
    );
  }
  if (query.category) q = q.where('t.category', '=', query.category);
  const rows = await q.orderBy('t.sort').orderBy('t.id').limit(100).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    category: r.category,
    name: r.name,
    department: r.department,
    legalLimitDays: r.legal_limit_days,
    agent: r.agent,
    stations: Number(r.stations),
  }));
}

/** Where the nearest station is measured from: the phone's point, else the chosen or the resident's village. */
async function originOf(
  db: Db,
  principal: Principal | null,
  from: { point: GeoPoint | null; villageId?: number },
): Promise<{
  point: GeoPoint | null;
  basis: 'location' | 'village' | 'none';
  village: { id: number; name: string } | null;
}> {
  if (from.point) return { point: from.point, basis: 'location', village: null };
  const villageId = from.villageId ?? (principal ? (await residentVillagesOf(db as never, principal))[0] : undefined);
  if (villageId === undefined) return { point: null, basis: 'none', village: null };
  const village = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'center_lat', 'center_lng'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .executeTakeFirst();
  if (!village || village.center_lat === null || village.center_lng === null) {
    return { point: null, basis: 'none', village: null };
  }
  return {
    point: { lat: village.center_lat, lng: village.center_lng },
    basis: 'village',
    village: { id: village.id, name: village.name },
  };
}

export async function publicItem(
  db: Db,
  principal: Principal | null,
  id: number,
  from: { point: GeoPoint | null; villageId?: number },
) {
  const rows = await db.selectFrom('service_items').selectAll().where('id', '=', id).execute();
  const item = rows[0];
  if (!item || item.station_id !== null || !item.active) {
    throw new AppError('SERVICE_ITEM_NOT_FOUND', { details: { itemId: id } });
  }
  const steps = item.chain_item_ids.length
    ? await db.selectFrom('service_items').selectAll().where('id', 'in', item.chain_item_ids.map(Number)).execute()
    : [];
  const [view] = itemViews([item, ...steps]);
  const offering = await db
    .selectFrom('service_items as c')
    .innerJoin('service_stations as s', 's.id', 'c.station_id')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select('o.name as org_name')
    .where('c.template_item_id', '=', id)
    .where('c.active', '=', true)
    .where('s.active', '=', true)
    .execute();
  const origin = await originOf(db, principal, from);
  const stations = byDistance(
    offering.map((s) => {
      const v = stationView(s);
      const handled = item.levels.includes(stationLevel(v.kind as StationKind));
      // a resident sees who to ask, not their private numbers
      return {
        ...v,
        staff: v.staff.map((m) => ({ name: m.name, duty: m.duty })),
        handling: handled ? 'handled' : 'relayed',
      };
    }),
    origin.point,
  );
  const {
    templateItemId: _t,
    templateVersion: _v,
    templateChanged: _c,
    version: _version,
    sort: _s,
    ...fields
  } = view as ServiceItemView;
  return { item: fields, origin: { basis: origin.basis, village: origin.village }, stations };
}
