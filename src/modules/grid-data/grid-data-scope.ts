// Which base records a principal sees: a grid worker their grid, a village its grids, a town its villages'
// grids, the county platform the county. A department's subtree holds no grid, so it sees none. One
// predicate, used by every query of the capability; outside it a record does not exist (404, never 403).
import {
  type ExpressionBuilder,
  type ExpressionWrapper,
  type Kysely,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, GeoJSONGeometry } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

export type Db = Kysely<DB> | Transaction<DB>;
type Predicate = (eb: ExpressionBuilder<DB, 'grid_records'>) => ExpressionWrapper<DB, 'grid_records', SqlBool>;

export function recordsVisibleTo(principal: Principal): Predicate {
  return (eb) => {
    if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null || !principal.countyCode) {
      return eb.lit(false);
    }
    const county = eb('grid_records.county_code', '=', principal.countyCode);
    if (isCountyRoot(principal)) return county;
    const ids = sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`;
    return eb.and([county, eb('grid_records.grid_id', '=', eb.fn.any(ids))]);
  };
}

export interface GridRef {
  id: number;
  code: string;
  name: string;
  villageId: number;
  townId: number | null;
  countyCode: string;
  boundary: GeoJSONGeometry | null;
}

/** The grids under an organisation of the principal's subtree (the org itself when it is a grid). */
export async function gridsUnder(db: Db, principal: Principal, orgId: number): Promise<GridRef[]> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'kind', 'county_code'])
    .where('id', '=', orgId)
    .where('active', '=', true)
    .executeTakeFirst();
  const visible =
    org &&
    principal.role !== 'citizen' &&
    org.county_code === principal.countyCode &&
    (isCountyRoot(principal) || principal.scopeOrgIds.includes(org.id));
  if (!org || !visible || !['county', 'town', 'village', 'grid'].includes(org.kind)) {
    throw new AppError('ORG_NOT_FOUND', { details: { orgId } });
  }
  const rows = await db
    .selectFrom('orgs as g')
    .innerJoin('orgs as v', 'v.id', 'g.parent_id')
    .select(['g.id', 'g.code', 'g.name', 'g.parent_id', 'v.parent_id as town_id', 'g.county_code', 'g.boundary'])
    .where('g.kind', '=', 'grid')
    .where('g.active', '=', true)
    .where('g.path', 'like', `${org.path}%`)
    .orderBy('g.code')
    .execute();
  return rows.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    villageId: g.parent_id as number,
    townId: g.town_id,
    countyCode: g.county_code,
    boundary: g.boundary,
  }));
}
