// The one scope of the records a village keeps (civility points, the small-power list, deliberation …): a
// village sees its own, a town its villages, the county platform its county. Every such table carries
// county_code and village_id; outside the predicate a row does not exist (404, never 403).
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/case-scope.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Rows of `table` (or its alias in the query) in the staff principal's villages; none for a citizen. */
export function inStaffVillages(principal: Principal, table: string): RawBuilder<SqlBool> {
  if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null || !principal.countyCode) {
    return sql<SqlBool>`false`;
  }
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal)) return sql<SqlBool>`${county}`;
  const ids = sql`${sql.val([...principal.scopeOrgIds])}::int[]`;
  return sql<SqlBool>`(${county} AND ${sql.ref(`${table}.village_id`)} = ANY(${ids}))`;
}

export interface VillageRef {
  id: number;
  name: string;
  code: string;
  countyCode: string;
  townId: number | null;
}

/** Whether an organisation (town, village, grid …) lies in the staff principal's subtree of its county. */
export function staffSees(principal: Principal, org: { id: number; county_code: string }): boolean {
  return (
    principal.role !== 'citizen' &&
    org.county_code === principal.countyCode &&
    (isCountyRoot(principal) || principal.scopeOrgIds.includes(org.id))
  );
}

/** A village of the staff principal's subtree, or ORG_NOT_FOUND (another town's village does not exist for it). */
export async function requireVillage(db: Db, principal: Principal, villageId: number): Promise<VillageRef> {
  const row = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'code', 'county_code', 'parent_id'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row || !staffSees(principal, row)) throw new AppError('ORG_NOT_FOUND', { details: { villageId } });
  return { id: row.id, name: row.name, code: row.code, countyCode: row.county_code, townId: row.parent_id };
}
