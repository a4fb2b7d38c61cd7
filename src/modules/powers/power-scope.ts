// What a principal sees of the small-power list: a village its own list and exercises, a town its villages',
// the county platform its county's; the county template is readable by every staff member of the county and
// kept by the county platform. One predicate for every table of the capability (each carries county_code and
// village_id); outside it a row does not exist (404, never 403).
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** Rows of `table` (a table of the capability, or its alias) in the principal's villages. */
export function inPowerScope(principal: Principal, table: string): RawBuilder<SqlBool> {
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
  countyCode: string;
}

/** A village of the principal's subtree, or ORG_NOT_FOUND (another town's village does not exist for it). */
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

/** The county template is the county platform's to keep. */
export function requireCountyLevel(principal: Principal): void {
  if (!isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '小微权力清单的县级模板由县平台维护，村社区请在本村清单中调整' });
  }
}
