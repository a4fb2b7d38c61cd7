// Which work teams a principal sees, and who runs one. A team belongs to its organising unit and is shared with
// its member units: it is visible to the subtree of each of them (work_teams.unit_ids, GIN-indexed) — the county
// platform sees its county's teams, a town the teams it is a member of, never another town's. One predicate,
// used by every query of the module.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

export function workTeamsVisibleTo(principal: Principal) {
  return (eb: ExpressionBuilder<DB, 'work_teams'>): ExpressionWrapper<DB, 'work_teams', SqlBool> => {
    if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null) return eb.lit(false);
    const inCounty = eb('work_teams.county_code', '=', principal.countyCode ?? '∅');
    if (isCountyRoot(principal)) return inCounty;
    return eb.and([
      inCounty,
      eb('work_teams.unit_ids', '&&', sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`),
    ]);
  };
}

/** The team's lead and its organising unit's subtree run the team: edit it, assign its tasks, end it. */
export function runsTeam(principal: Principal, team: { lead_user_id: number; organiser_org_id: number }): boolean {
  return principal.userId === team.lead_user_id || principal.scopeOrgIds.includes(team.organiser_org_id);
}
