// What a principal sees of one-adviser-per-village, decided once (the "reach") and applied by one predicate to
// every query: the county platform and the county 司法局 see the county; a town its villages, a village its
// own (the rows whose village is in their subtree); a law firm (third party) the rows of its own advisers,
// whatever the village. Outside the reach a row does not exist (404, never 403).
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

export type Db = Kysely<DB> | Transaction<DB>;

export interface LegalReach {
  countyCode: string;
  /** the county platform or the county's 司法局 */
  countyWide: boolean;
  /** the principal's subtree: villages (town, village staff) or the firm itself (third party) */
  orgIds: readonly number[];
}

/** The county's justice bureau keeps the roster (司法局 manages 一村一法律顾问). */
async function isJusticeBureau(db: Db, principal: Principal): Promise<boolean> {
  if (principal.orgKind !== 'department' || principal.orgId === null) return false;
  const org = await db.selectFrom('orgs').select('name').where('id', '=', principal.orgId).executeTakeFirst();
  return !!org && org.name.includes('司法局');
}

export async function legalReach(db: Db, principal: Principal): Promise<LegalReach | null> {
  if (principal.role === 'citizen' || !principal.countyCode || principal.orgId === null || !principal.scopePath) {
    return null;
  }
  return {
    countyCode: principal.countyCode,
    countyWide: isCountyRoot(principal) || (await isJusticeBureau(db, principal)),
    orgIds: principal.scopeOrgIds,
  };
}

/** Rows of an assignment or entry table (or its alias) within the reach. */
export function inLegalScope(reach: LegalReach | null, table: string): RawBuilder<SqlBool> {
  if (!reach) return sql<SqlBool>`false`;
  const county = sql`${sql.ref(`${table}.county_code`)} = ${reach.countyCode}`;
  if (reach.countyWide) return sql<SqlBool>`${county}`;
  const ids = sql`${sql.val([...reach.orgIds])}::int[]`;
  return sql<SqlBool>`(${county} AND (${sql.ref(`${table}.village_id`)} = ANY(${ids})
    OR ${sql.ref(`${table}.firm_org_id`)} = ANY(${ids})))`;
}

/** Advisers within the reach: the firm's own, or any ever assigned to a village of the subtree. */
export function advisersInScope(reach: LegalReach | null, table: string): RawBuilder<SqlBool> {
  if (!reach) return sql<SqlBool>`false`;
  const county = sql`${sql.ref(`${table}.county_code`)} = ${reach.countyCode}`;
  if (reach.countyWide) return sql<SqlBool>`${county}`;
  const ids = sql`${sql.val([...reach.orgIds])}::int[]`;
  return sql<SqlBool>`(${county} AND (${sql.ref(`${table}.firm_org_id`)} = ANY(${ids})
    OR EXISTS (SELECT 1 FROM legal_assignments sa WHERE sa.adviser_id = ${sql.ref(`${table}.id`)}
      AND sa.village_id = ANY(${ids}))))`;
}

/** The roster and the assignments are the county's (county platform or 司法局) to keep. */
export async function requireCountyManager(db: Db, principal: Principal): Promise<LegalReach> {
  const reach = await legalReach(db, principal);
  if (!reach?.countyWide) throw new AppError('LEGAL_COUNTY_ONLY');
  return reach;
}
