// Which referrals a principal sees, and how it stands to one — the strictest access in the system. A referral
// exists only for: the referring unit itself (status only), the counselling organisation it was made to (the
// content, with psych.content) and the units told of a 危机 referral (the town platform of the person's place, the
// county health department: status only). Nobody else — not the levels above the referring grid, not the county
// platform, not an administrator — learns that it exists: they get PSYCH_REFERRAL_NOT_FOUND. One predicate, used
// by every query.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PsychRelation } from '../../domain/psych/index.js';
import { can, type Principal } from '../auth/principal.js';

type Predicate = (eb: ExpressionBuilder<DB, 'psych_referrals'>) => ExpressionWrapper<DB, 'psych_referrals', SqlBool>;

export function psychReferralsVisibleTo(principal: Principal): Predicate {
  return (eb) => {
    if (principal.role === 'citizen' || principal.orgId === null || !principal.countyCode) return eb.lit(false);
    const unit = principal.orgId;
    return eb.and([
      eb('psych_referrals.county_code', '=', principal.countyCode),
      eb.or([
        eb('psych_referrals.referring_org_id', '=', unit),
        eb('psych_referrals.counselling_org_id', '=', unit),
        sql<SqlBool>`psych_referrals.notified_org_ids @> ${sql.val([unit])}::int[]`,
      ]),
    ]);
  };
}

export interface PsychUnits {
  referringOrgId: number;
  counsellingOrgId: number;
  notifiedOrgIds: readonly number[];
}

/** How the principal's own unit stands to the referral (never its subtree: the strictest access). */
export function psychRelationsOf(r: PsychUnits, principal: Principal): Set<PsychRelation> {
  const relations = new Set<PsychRelation>();
  if (principal.orgId === null || principal.role === 'citizen') return relations;
  if (r.referringOrgId === principal.orgId) relations.add('referrer');
  if (r.counsellingOrgId === principal.orgId && can(principal, 'psych.content')) relations.add('counsellor');
  if (r.notifiedOrgIds.includes(principal.orgId)) relations.add('notified');
  return relations;
}

/** The content (person, concern, sessions) is for the counselling organisation's accounts only. */
export const seesContent = (relations: ReadonlySet<PsychRelation>): boolean => relations.has('counsellor');
