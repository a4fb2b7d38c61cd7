// Which breakthrough projects a principal sees, and who keeps one. A project belongs to its owner unit and is
// shared with the units that own one of its milestones: it is visible to the subtree of each of them
// (projects.unit_ids, GIN-indexed) — the county sees every project of the county, a department or a town its own
// (and those it owns a milestone of), never another town's. One predicate, used by every query of the module.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

export function projectsVisibleTo(principal: Principal) {
  return (eb: ExpressionBuilder<DB, 'projects'>): ExpressionWrapper<DB, 'projects', SqlBool> => {
    if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null) return eb.lit(false);
    const county = eb('projects.county_code', '=', principal.countyCode ?? '∅');
    return isCountyRoot(principal)
      ? county
      : eb.and([county, eb('projects.unit_ids', '&&', sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`)]);
  };
}

/** The owner unit's subtree keeps the project: edits it, adds milestones, reports its monthly progress. */
export function keepsProject(principal: Principal, project: { owner_org_id: number }): boolean {
  return principal.scopeOrgIds.includes(project.owner_org_id);
}
