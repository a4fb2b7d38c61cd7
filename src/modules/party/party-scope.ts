// What a principal sees of the party organisation: the county platform its county; a town its town's
// 党(工)委 and everything below; a village its 党总支, branches, groups and members; a grid worker its grid's
// branch. Departments see the first secretaries they sent, and a first secretary his own assignment. Outside
// the predicate a row does not exist (404, never 403).
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { PlaceRef } from '../../domain/party/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { staffSees } from '../orgs/village-scope.js';

export type Db = Kysely<DB> | Transaction<DB>;

const NOTHING = sql<SqlBool>`false`;

function staffIds(principal: Principal) {
  if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null || !principal.countyCode) {
    return null;
  }
  return sql`${sql.val([...principal.scopeOrgIds])}::int[]`;
}

/**
 * Rows of `table` (party_orgs, party_members, party_committee_members or an alias) whose town, village or
 * grid lies in the principal's subtree.
 */
export function inPartyScope(principal: Principal, table: string, withGrid = false): RawBuilder<SqlBool> {
  const ids = staffIds(principal);
  if (!ids) return NOTHING;
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal)) return sql<SqlBool>`${county}`;
  const grid = withGrid ? sql` OR ${sql.ref(`${table}.grid_id`)} = ANY(${ids})` : sql``;
  return sql<SqlBool>`(${county} AND (${sql.ref(`${table}.town_id`)} = ANY(${ids}) OR ${sql.ref(`${table}.village_id`)} = ANY(${ids})${grid}))`;
}

/** First secretaries: their village's or town's, the department that sent them, or the secretary himself. */
export function secretariesInScope(principal: Principal, table: string): RawBuilder<SqlBool> {
  const ids = staffIds(principal);
  if (!ids) return NOTHING;
  const self = sql`${sql.ref(`${table}.user_id`)} = ${principal.userId ?? -1}`;
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal)) return sql<SqlBool>`(${county} OR ${self})`;
  return sql<SqlBool>`((${county} AND (${sql.ref(`${table}.town_id`)} = ANY(${ids}) OR ${sql.ref(`${table}.village_id`)} = ANY(${ids}) OR ${sql.ref(`${table}.sending_org_id`)} = ANY(${ids}))) OR ${self})`;
}

export interface Place extends PlaceRef {
  readonly name: string;
  readonly countyCode: string;
}

/** A town, village or grid of the principal's subtree, with its town and village; ORG_NOT_FOUND otherwise. */
export async function requirePlace(db: Db, principal: Principal, placeId: number): Promise<Place> {
  const row = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'county_code'])
    .where('id', '=', placeId)
    .where('kind', 'in', ['town', 'village', 'grid'])
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row || !staffSees(principal, row)) throw new AppError('ORG_NOT_FOUND', { details: { placeId } });
  return placeOf(row);
}

/** The path '/county/town/village/grid/' read as the place's town, village and grid. */
export function placeOf(row: { id: number; name: string; kind: string; path: string; county_code: string }): Place {
  const [, townId, villageId, gridId] = row.path.split('/').filter(Boolean).map(Number);
  return {
    kind: row.kind as Place['kind'],
    id: row.id,
    name: row.name,
    countyCode: row.county_code,
    townId: townId as number,
    villageId: villageId ?? null,
    gridId: gridId ?? null,
  };
}
