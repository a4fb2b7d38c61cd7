// Which cases a principal may see: those located in its organisation's subtree (grid, village, town), held or
// led by a unit of it, or assigned to one of its units (assisting, summoned, supervising); a citizen sees the
// cases they reported. One predicate, used by every case query.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { subtreeIds } from '../orgs/org-service.js';

export function casesVisibleTo(db: Kysely<DB>, principal: Principal) {
  return (eb: ExpressionBuilder<DB, 'cases'>) => {
    if (principal.role === 'citizen') return eb('cases.reporter_user_id', '=', principal.userId ?? -1);
    // The county platform sees its whole county: one indexed comparison instead of the subtree test.
    if (isCountyRoot(principal)) return eb('cases.county_code', '=', principal.countyCode ?? '∅');
    const ids = subtreeIds(db, principal.scopePath);
    return eb.or([
      eb('cases.grid_id', 'in', ids),
      eb('cases.village_id', 'in', ids),
      eb('cases.town_id', 'in', ids),
      eb('cases.owner_org_id', 'in', ids),
      eb('cases.lead_org_id', 'in', ids),
      eb('cases.id', 'in', db.selectFrom('case_assignments').select('case_id').where('org_id', 'in', ids)),
    ]);
  };
}

export function isCountyRoot(principal: Principal): boolean {
  return !!principal.scopePath && principal.scopePath.split('/').filter(Boolean).length === 1;
}
