// Which cameras and video events a principal sees: those of the grids in its subtree (the county platform:
// its county). A department sees none here, but sees the events of a case it stands to on the case page
// (eventsOfCase checks the case's own scope). One rule, one predicate per table, used by every query.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

/** null: nothing; 'county': the whole county; else the subtree's org ids (grids among them). */
function gridsOf(principal: Principal): null | 'county' | readonly number[] {
  if (principal.kind !== 'user' || principal.role === 'citizen' || !principal.scopePath) return null;
  return isCountyRoot(principal) ? 'county' : principal.scopeOrgIds;
}

const idArray = (ids: readonly number[]) => sql<number>`any(${sql.val([...ids])}::int[])`;

export function camerasVisibleTo(principal: Principal) {
  const grids = gridsOf(principal);
  return (eb: ExpressionBuilder<DB, 'video_cameras'>): ExpressionWrapper<DB, 'video_cameras', SqlBool> => {
    if (grids === null) return eb.lit(false);
    const county = eb('video_cameras.county_code', '=', principal.countyCode ?? '∅');
    return grids === 'county' ? county : eb.and([county, eb('video_cameras.grid_id', '=', idArray(grids))]);
  };
}

export function videoEventsVisibleTo(principal: Principal) {
  const grids = gridsOf(principal);
  return (eb: ExpressionBuilder<DB, 'video_events'>): ExpressionWrapper<DB, 'video_events', SqlBool> => {
    if (grids === null) return eb.lit(false);
    const county = eb('video_events.county_code', '=', principal.countyCode ?? '∅');
    return grids === 'county' ? county : eb.and([county, eb('video_events.grid_id', '=', idArray(grids))]);
  };
}
