// Which cases a principal may see: those located in its organisation's subtree (grid, village, town), and
// those any unit of it has stood to (owner, lead, assisting, summoned, supervising — cases.unit_ids); a
// citizen sees the cases they reported. One predicate, used by every case query. The subtree's ids are
// computed once per query (an InitPlan) so each part of the OR uses its index.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';

export function isCountyRoot(principal: Principal): boolean {
  return !!principal.scopePath && principal.scopePath.split('/').filter(Boolean).length === 1;
}

export function casesVisibleTo(_db: Kysely<DB>, principal: Principal) {
  return (eb: ExpressionBuilder<DB, 'cases'>) => {
    if (principal.role === 'citizen') return eb('cases.reporter_user_id', '=', principal.userId ?? -1);
    // The county platform sees its whole county: one indexed comparison instead of the subtree test.
    if (isCountyRoot(principal)) return eb('cases.county_code', '=', principal.countyCode ?? '∅');
    const ids = sql<number[]>`array(select o.id from orgs o where o.path like ${`${principal.scopePath ?? '∅'}%`})`;
    return eb.or([
      eb('cases.town_id', '=', sql<number>`any(${ids})`),
      eb('cases.village_id', '=', sql<number>`any(${ids})`),
      eb('cases.grid_id', '=', sql<number>`any(${ids})`),
      eb(sql`cases.unit_ids`, '&&', ids),
    ]);
  };
}
