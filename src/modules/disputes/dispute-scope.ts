// Which disputes a principal sees, and how it stands to one. A dispute is visible to the subtree of its place
// (its town, village and grid) and of every unit that stood to it — the platform that handled it at each
// level, each committee it was assigned to, each level that supervised it (disputes.unit_ids, GIN-indexed),
// so a third-party committee sees only what was assigned to it and a town never sees another town's. The
// county platform (矛调中心) sees its county. A citizen sees the disputes they applied for. One predicate,
// used by every query.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Dispute, DisputeRelation } from '../../domain/dispute/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

type Predicate = (eb: ExpressionBuilder<DB, 'disputes'>) => ExpressionWrapper<DB, 'disputes', SqlBool>;

export function disputesVisibleTo(principal: Principal): Predicate {
  return (eb) => {
    if (principal.role === 'citizen') return eb('disputes.applicant_user_id', '=', principal.userId ?? -1);
    if (!principal.scopePath || principal.orgId === null) return eb.lit(false);
    const county = eb('disputes.county_code', '=', principal.countyCode ?? '∅');
    if (isCountyRoot(principal)) return county;
    const ids = sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`;
    return eb.and([county, eb('disputes.unit_ids', '&&', ids)]);
  };
}

/**
 * How the principal stands to the dispute. The mediator is the committee itself (a county operator does not
 * mediate for a village committee); intake and supervision extend to the levels above (a town may accept for
 * its village, the county centre for anyone).
 */
export function relationsOf(d: Dispute, applicantUserId: number | null, principal: Principal): Set<DisputeRelation> {
  const relations = new Set<DisputeRelation>();
  if (principal.role === 'citizen') {
    if (applicantUserId !== null && principal.userId === applicantUserId) relations.add('applicant');
    return relations;
  }
  if (principal.orgId === null) return relations;
  const inSubtree = new Set(principal.scopeOrgIds);
  if (inSubtree.has(d.handlingOrgId)) relations.add('intake');
  if (d.mediatorOrgId === principal.orgId) relations.add('mediator');
  const above = inSubtree.has(d.handlingOrgId) && principal.orgId !== d.handlingOrgId;
  if ((d.supervisorOrgId !== null && inSubtree.has(d.supervisorOrgId)) || above) relations.add('supervisor');
  return relations;
}
