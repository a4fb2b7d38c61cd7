// Which meetings (and kinds of meeting) a principal sees: those whose organising unit or one of whose member
// units lies in the principal's subtree — a town sees its own joint meetings and the county meetings it sits
// in, never another town's; a department sees the county meetings it is a member of; the county platform sees
// its county. Managing needs the organising unit itself in the subtree. One predicate per record type, used by
// every query of this module.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

function staffScope(principal: Principal) {
  if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null) return null;
  return {
    county: principal.countyCode ?? '∅',
    whole: isCountyRoot(principal),
    ids: sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`,
  };
}

export function meetingsVisibleTo(
  principal: Principal,
): (eb: ExpressionBuilder<DB, 'meetings'>) => ExpressionWrapper<DB, 'meetings', SqlBool> {
  return (eb) => {
    const scope = staffScope(principal);
    if (!scope) return eb.lit(false);
    const county = eb('meetings.county_code', '=', scope.county);
    return scope.whole ? county : eb.and([county, eb('meetings.unit_ids', '&&', scope.ids)]);
  };
}

export function meetingKindsVisibleTo(
  principal: Principal,
): (eb: ExpressionBuilder<DB, 'meeting_kinds'>) => ExpressionWrapper<DB, 'meeting_kinds', SqlBool> {
  return (eb) => {
    const scope = staffScope(principal);
    if (!scope) return eb.lit(false);
    const county = eb('meeting_kinds.county_code', '=', scope.county);
    if (scope.whole) return county;
    return eb.and([
      county,
      eb.or([
        sql<SqlBool>`meeting_kinds.organiser_org_id = any(${scope.ids})`,
        eb('meeting_kinds.member_org_ids', '&&', scope.ids),
      ]),
    ]);
  };
}

/** The organising unit lies in the principal's subtree (the route has checked meeting.manage). */
export function organisesWithin(principal: Principal, organiserOrgId: number): boolean {
  return principal.scopeOrgIds.includes(organiserOrgId);
}
