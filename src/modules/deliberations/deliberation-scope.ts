// What a principal sees of deliberation: staff the stations and topics of the villages in their subtree (a
// village its own, a town its villages, the county platform its county); a citizen those of the villages
// they are a verified resident of (residents.ts). One predicate for both tables (each carries county_code and
// village_id); outside it a row does not exist (404, never 403).
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

export type Db = Kysely<DB> | Transaction<DB>;

/**
 * Rows of `table` (deliberation_stations or deliberation_topics, or an alias) the principal sees; a citizen's
 * villages are read first (residentVillagesOf) and passed in.
 */
export function inDeliberationScope(
  principal: Principal,
  table: string,
  residentVillages: readonly number[] = [],
): RawBuilder<SqlBool> {
  if (principal.role === 'citizen') {
    if (residentVillages.length === 0) return sql<SqlBool>`false`;
    return sql<SqlBool>`${sql.ref(`${table}.village_id`)} = ANY(${sql.val([...residentVillages])}::int[])`;
  }
  if (!principal.scopePath || principal.orgId === null || !principal.countyCode) return sql<SqlBool>`false`;
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal)) return sql<SqlBool>`${county}`;
  const ids = sql`${sql.val([...principal.scopeOrgIds])}::int[]`;
  return sql<SqlBool>`(${county} AND ${sql.ref(`${table}.village_id`)} = ANY(${ids}))`;
}

export interface VillageRef {
  id: number;
  name: string;
  countyCode: string;
}

/** A village of the staff principal's subtree, or ORG_NOT_FOUND. */
export async function requireVillage(db: Db, principal: Principal, villageId: number): Promise<VillageRef> {
  const row = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'county_code'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  const visible =
    row &&
    principal.role !== 'citizen' &&
    row.county_code === principal.countyCode &&
    (isCountyRoot(principal) || principal.scopeOrgIds.includes(row.id));
  if (!row || !visible) throw new AppError('ORG_NOT_FOUND', { details: { villageId } });
  return { id: row.id, name: row.name, countyCode: row.county_code };
}

/** Staff of the topic's village subtree who may run its station's work (受理, 排期, 表决, 决定, 审核评论). */
export function actsForStation(principal: Principal): boolean {
  return principal.role !== 'citizen' && can(principal, 'deliberation.manage');
}
