// Which cases a principal may see: those located in its organisation's subtree (grid, village, town), and
// those any unit of it has stood to (owner, lead, assisting, summoned, supervising — cases.unit_ids); a
// citizen sees the cases they reported. One predicate, used by every case query.
//
// How it stays fast at tens of millions of cases (migration 0011):
// - A case's place is a grid, its village and its town, so "located in the subtree" of a town, village or grid
//   is one equality on that column (town_id = the town): one index range, estimated from the column's
//   statistics, narrowed by a period inside the (place, reported_at) index.
// - A unit that is the case's own town, village or grid adds nothing the place part does not already find, so
//   the unit part tests only the other units (FOREIGN_UNITS, GIN-indexed by that expression): for a town, the
//   departments and offices that worked on cases, not every case the town itself handled.
// - Every unit standing to a case belongs to the case's county (act-on-case refuses others), so the whole test
//   is ANDed with the county: lists ordered by date can walk the (county, reported_at) index.
// - The subtree's ids are values in the query, not a subquery, so the planner estimates each part.
import {
  type ExpressionBuilder,
  type ExpressionWrapper,
  type Kysely,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';

/** cases.unit_ids without the case's own town, village and grid (the expression of cases_foreign_units_idx). */
export const FOREIGN_UNITS = sql<
  number[]
>`array_remove(array_remove(array_remove(cases.unit_ids, cases.town_id), cases.village_id), cases.grid_id)`;

const PLACE_COLUMNS = { town: 'cases.town_id', village: 'cases.village_id', grid: 'cases.grid_id' } as const;

function depth(path: string): number {
  return path.split('/').filter(Boolean).length;
}

export function isCountyRoot(principal: Principal): boolean {
  return !!principal.scopePath && depth(principal.scopePath) === 1;
}

/** An organisation's subtree, as the root of what someone may see. */
export interface Subtree {
  rootId: number;
  /** The root's kind: a town, village or grid roots a place; a department, office … only units. */
  kind: string;
  path: string;
  countyCode: string | null;
  /** The ids of the subtree's organisations. */
  ids: readonly number[];
}

/** The subtree a staff principal or API key sees (null for a citizen or an account without an organisation). */
export function subtreeOf(principal: Principal): Subtree | null {
  if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null) return null;
  return {
    rootId: principal.orgId,
    kind: principal.orgKind ?? '',
    path: principal.scopePath,
    countyCode: principal.countyCode,
    ids: principal.scopeOrgIds,
  };
}

type Predicate = (eb: ExpressionBuilder<DB, 'cases'>) => ExpressionWrapper<DB, 'cases', SqlBool>;

/** The terms both forms of the subtree test are made of; null for the county root (its county is the test). */
function subtreeTerms(subtree: Subtree) {
  if (depth(subtree.path) === 1) return null;
  const place = PLACE_COLUMNS[subtree.kind as keyof typeof PLACE_COLUMNS];
  const ids = sql<number[]>`${sql.val([...subtree.ids])}::int[]`;
  return {
    /** located in the subtree (none for a department, office … root) */
    located: place ? (eb: ExpressionBuilder<DB, 'cases'>) => eb(place, '=', subtree.rootId) : null,
    /** located elsewhere, or not placed, when the root is a place */
    elsewhere: place
      ? (eb: ExpressionBuilder<DB, 'cases'>) => eb.or([eb(place, 'is', null), eb(place, '!=', subtree.rootId)])
      : null,
    /** stood to by a unit of the subtree other than the case's own place */
    byUnit: (eb: ExpressionBuilder<DB, 'cases'>) => eb(FOREIGN_UNITS, '&&', ids),
    inCounty: (eb: ExpressionBuilder<DB, 'cases'>) =>
      subtree.countyCode ? [eb('cases.county_code', '=', subtree.countyCode)] : [],
  };
}

const wholeCounty =
  (subtree: Subtree): Predicate =>
  (eb) =>
    eb('cases.county_code', '=', subtree.countyCode ?? '∅');

/**
 * The subtree's cases as disjoint parts whose union is casesInSubtree: the cases located in it, and the cases
 * located elsewhere that one of its units stood to. Counting part by part (then adding) lets each part use its
 * own index — the place part an index-only scan.
 */
export function subtreeParts(subtree: Subtree): Predicate[] {
  const t = subtreeTerms(subtree);
  if (!t) return [wholeCounty(subtree)];
  const { located, elsewhere } = t;
  const foreign: Predicate = (eb) => eb.and([...t.inCounty(eb), t.byUnit(eb), ...(elsewhere ? [elsewhere(eb)] : [])]);
  return located ? [located, foreign] : [foreign];
}

/** Cases located in the subtree or stood to by one of its units. */
export function casesInSubtree(subtree: Subtree): Predicate {
  const t = subtreeTerms(subtree);
  // The county platform's subtree is its whole county: one indexed comparison.
  if (!t) return wholeCounty(subtree);
  const { located } = t;
  return (eb) => {
    const within = located ? eb.or([located(eb), t.byUnit(eb)]) : t.byUnit(eb);
    const county = t.inCounty(eb);
    return county.length ? eb.and([...county, within]) : within;
  };
}

export function casesVisibleTo(principal: Principal): Predicate {
  return (eb) => {
    if (principal.role === 'citizen') return eb('cases.reporter_user_id', '=', principal.userId ?? -1);
    const subtree = subtreeOf(principal);
    return subtree ? casesInSubtree(subtree)(eb) : eb.lit(false);
  };
}

/** A record that names a case (a task, a dispute, a points entry) may name only one its author can see. */
export async function assertCaseVisible(
  db: Kysely<DB> | Transaction<DB>,
  caseId: number,
  principal: Principal,
): Promise<void> {
  const visible = await db
    .selectFrom('cases')
    .select('id')
    .where('id', '=', caseId)
    .where(casesVisibleTo(principal))
    .executeTakeFirst();
  if (!visible) throw new AppError('CASE_NOT_FOUND', { details: { caseId } });
}
