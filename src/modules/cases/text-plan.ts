// How a full-text condition on cases reaches the planner, chosen by how common the words are (issue 22).
//
// The newest matches of a rare word are found through the GIN text index: it names the few matching rows, which
// are then sorted by time. For a common word (垃圾: one case in ten) that plan reads and sorts every match, and its
// cost grows with the table. Reading the cases newest first through a time-ordered index and testing each one's
// text finds the newest matches after a few rows each, whatever the table's size. PostgreSQL does not choose the
// second plan by itself (it prices every row the walk reads as a random page), so for a common word the text test
// is written in a form no index serves — the same test, the same rows and order, another plan.
//
// Between the two (a word in a few per cent of the cases) both read many rows: the text index every match, the
// walk fifty cases for each one it keeps, each with its text out of line. The third plan reads time windows back
// from now, newest first: in each, the text index and the time-ordered scope index are combined (a bitmap AND:
// neither reads rows), and only the window's matches are read; the next window is sized by the matches per hour
// the last one had, until enough are found. The rows it reads grow with the matches wanted, not with the table;
// the text index's bitmap it ANDs (no rows read, but every match of the word listed) still grows with the table.
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export type TextPlan = 'text-index' | 'time-order' | 'time-window';

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
  return plan === 'time-order' ? sql<boolean>`(${match}) IS TRUE` : match;
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
 *
 * Where the caller can read by windows (`windows`: its order is the time of report), a word with more matches than
 * a few windows' worth (WINDOW_FROM × wanted) is read by windows, unless so common that the walk reads no more than
 * WALK_UNDER × wanted rows.
 */
export async function chooseTextPlan(
  db: Kysely<DB>,
  scoped: SelectQueryBuilder<DB, 'cases', object>,
  tsq: string,
  wanted: number,
  windows = false,
): Promise<TextPlan> {
  if (forced) return forced === 'time-window' && !windows ? 'time-order' : forced;
  const [inScope, matching] = await Promise.all([
    estimatedRows(db, scoped),
    estimatedRows(db, scoped.where(textMatch(tsq, 'text-index'))),
  ]);
  if (windows && matching > WINDOW_FROM * wanted) {
    return matching * WALK_UNDER >= inScope ? 'time-order' : 'time-window';
  }
  return matching * matching >= wanted * inScope ? 'time-order' : 'text-index';
}

/** Windows pay once the text index would read this many times the matches wanted. */
const WINDOW_FROM = 3;
/** The walk is kept for a word so common that it reads at most this many rows per match wanted. */
const WALK_UNDER = 4;
/** The first window (back from now), the most windows before the last one reaches back to the start. */
const FIRST_WINDOW_MS = 86_400_000;
const MAX_WINDOWS = 6;

/**
 * The `wanted` newest rows, read window by window back from `now`: `read(from, before, limit)` answers the newest
 * `limit` rows with from ≤ time < before (either bound may be open), newest first. The first window is a day (with
 * no upper bound: a case reported "in the future" by a moved clock is still found); each next one is sized from
 * the rows per millisecond of the windows read so far, with a third more; after MAX_WINDOWS (or once it would
 * reach before 1970) the last has no lower bound. The windows meet exactly (`before` of one is `from` of the last), so no row is read twice or skipped.
 */
export async function newestByWindows<R>(
  read: (from: Date | null, before: Date | null, limit: number) => Promise<R[]>,
  wanted: number,
  now: Date,
): Promise<R[]> {
  const rows: R[] = [];
  let before: Date | null = null;
  let span = FIRST_WINDOW_MS;
  let covered = 0;
  for (let n = 1; rows.length < wanted; n++) {
    const lower: number = (before ?? now).getTime() - span;
    // past the start of 1970 (a window sized by a handful of rows can reach far back): open below
    const from: Date | null = n >= MAX_WINDOWS || lower <= 0 ? null : new Date(lower);
    rows.push(...(await read(from, before, wanted - rows.length)));
    if (from === null) break;
    covered += span;
    before = from;
    const left = wanted - rows.length;
    span = rows.length === 0 ? span * 8 : Math.max(span, Math.ceil(((left * covered) / rows.length) * 1.34));
  }
  return rows;
}

/**
 * Runs `read` in a read transaction whose bitmaps may take up to 64 MB. The text index's bitmap of a common word
 * (111,000 cases for 学校 of a million) does not fit in the default 4 MB: it turns lossy (whole pages), and every
 * case on those pages then has its out-of-line text read to test it again — a window of 学校 took 0.47 s instead
 * of 0.15 s, its capped count 0.6 s instead of 0.26 s (bench/README.md). A bitmap takes only what it needs of this.
 */
export function withTextBitmaps<T>(db: Kysely<DB>, read: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    return read(trx);
  });
}
