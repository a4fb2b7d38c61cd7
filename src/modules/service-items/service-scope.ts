// What a principal sees of the convenience services: a station's unit (town or village) its own stations and
// their applications, a town also its villages', the county platform the county's; the county template is read
// by every staff member and kept by the county platform. Outside the predicate a row does not exist (404).
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** Rows of `table` (stations or applications, or their alias) whose unit (org_id) is in the principal's subtree. */
export function inServiceScope(principal: Principal, table: string): RawBuilder<SqlBool> {
  if (principal.role === 'citizen' || principal.orgId === null || !principal.countyCode) return sql<SqlBool>`false`;
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal)) return sql<SqlBool>`${county}`;
  return sql<SqlBool>`(${county} AND ${sql.ref(`${table}.org_id`)} = ANY(${sql.val([...principal.scopeOrgIds])}::int[]))`;
}

/** The county template is the county platform's to keep. */
export function requireCountyLevel(principal: Principal): void {
  if (!isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '便民服务事项县级模板由县平台维护，站点请在本站清单中采用和调整' });
  }
}

export type StationRow = Awaited<ReturnType<typeof loadStation>>;

/** A station in the principal's scope (locked in a transaction when asked), or SERVICE_STATION_NOT_FOUND. */
export async function loadStation(db: Db, principal: Principal | null, id: number, lock = false) {
  let query = db.selectFrom('service_stations').selectAll().where('id', '=', id);
  if (principal) query = query.where(inServiceScope(principal, 'service_stations'));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('SERVICE_STATION_NOT_FOUND', { details: { stationId: id } });
  return row;
}
