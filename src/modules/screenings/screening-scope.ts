// Which screenings a principal sees: those of the units in its subtree (the county platform: its county). A
// village thus sees its grids' screenings and a town its villages' and grids'; nobody sees another town's.
// One predicate, used by every query of the module.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

type Predicate = (eb: ExpressionBuilder<DB, 'screening_tasks'>) => ExpressionWrapper<DB, 'screening_tasks', SqlBool>;

export function screeningsVisibleTo(principal: Principal): Predicate {
  return (eb) => {
    if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null) return eb.lit(false);
    const county = eb('screening_tasks.county_code', '=', principal.countyCode ?? '∅');
    if (isCountyRoot(principal)) return county;
    const ids = sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`;
    return eb.and([county, eb('screening_tasks.org_id', '=', eb.fn.any(ids))]);
  };
}
