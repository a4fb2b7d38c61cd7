// How a full-text condition on cases reaches the planner, chosen by how common the words are (issue 22).
//
// The newest matches of a rare word are found through the GIN text index: it names the few matching rows, which
// are then sorted by time. For a common word (垃圾: one case in ten) that plan reads and sorts every match, and its
// cost grows with the table. Reading the cases newest first through a time-ordered index and testing each one's
// text finds the newest matches after a few rows each, whatever the table's size. PostgreSQL does not choose the
// second plan by itself (it prices every row the walk reads as a random page), so for a common word the text test
// is written in a form no index serves — the same test, the same rows and order, another plan.
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

export type TextPlan = 'text-index' | 'time-order';

/** Lets the tests and the bench run a search with one plan or the other (null: choose by the statistics). */
let forced: TextPlan | null = null;
export function forceTextPlan(plan: TextPlan | null): void {
  forced = plan;
}

/** The full-text test of cases.search_vector against a tsquery of the 'simple' configuration, in the plan's form. */
export function textMatch(tsq: string, plan: TextPlan): RawBuilder<boolean> {
  const match = sql<boolean>`cases.search_vector @@ to_tsquery('simple', ${tsq})`;
  // `(…) IS TRUE` keeps the rows (a NULL vector matches nothing either way) but no index matches the expression, and
  // the planner still estimates it from the column's statistics (booltestsel falls back to its argument).
  return plan === 'text-index' ? match : sql<boolean>`(${match}) IS TRUE`;
}

/** The planner's estimate of the rows a query returns (EXPLAIN without running it: a millisecond). */
async function estimatedRows(db: Kysely<DB>, query: SelectQueryBuilder<DB, 'cases', object>): Promise<number> {
  const result = await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (FORMAT JSON) ${query.select(sql`1`.as('one'))}`.execute(
    db,
  );
  const raw = result.rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Number(plan[0]?.Plan['Plan Rows'] ?? 0);
}

/**
 * The plan for the text condition of a query over cases that wants its `wanted` newest matches (its scope and
 * filters given, the text not yet), by how common the words are among the cases in scope, as PostgreSQL's
 * statistics of cases.search_vector estimate them (most_common_elems: the share of rows holding each frequent word).
 *
 * The walk reads about wanted × inScope / matching rows and tests each one's text, which lives out of line (TOAST:
 * about four pages a row); the text index reads the matching rows (no text) and sorts them. Measured at a million
 * cases the two cost about the same per row read, so the walk is chosen when it reads fewer rows:
 * matching² ≥ wanted × inScope. (垃圾, 2 % of the cases: the index, 20 000 rows instead of 100 000; 学校, 11 %: the
 * walk, 18 000 rows instead of 111 000.)
 */
export async function chooseTextPlan(
  db: Kysely<DB>,
  scoped: SelectQueryBuilder<DB, 'cases', object>,
  tsq: string,
  wanted: number,
): Promise<TextPlan> {
  if (forced) return forced;
  const [inScope, matching] = await Promise.all([
    estimatedRows(db, scoped),
    estimatedRows(db, scoped.where(textMatch(tsq, 'text-index'))),
  ]);
  return matching * matching >= wanted * inScope ? 'time-order' : 'text-index';
}
