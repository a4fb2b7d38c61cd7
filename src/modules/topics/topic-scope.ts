// Which governance topics a principal sees: the county platform its whole county; any other unit the topics
// whose area, adopting unit, lead unit or task owners lie in its subtree (governance_topics.unit_ids,
// GIN-indexed) — so a town sees its own topics and those it leads, never another town's. One predicate, used
// by every query of the module.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

type Predicate = (
  eb: ExpressionBuilder<DB, 'governance_topics'>,
) => ExpressionWrapper<DB, 'governance_topics', SqlBool>;

export function topicsVisibleTo(principal: Principal): Predicate {
  return (eb) => {
    if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null) return eb.lit(false);
    const county = eb('governance_topics.county_code', '=', principal.countyCode ?? '∅');
    if (isCountyRoot(principal)) return county;
    const ids = sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`;
    return eb.and([county, eb('governance_topics.unit_ids', '&&', ids)]);
  };
}
