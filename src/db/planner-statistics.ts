// The planner's statistics where nothing else keeps them. PostgreSQL's autovacuum runs ANALYZE on a table once
// enough of it has changed; the embedded database (PGlite) has no autovacuum process, and a PostgreSQL server may
// have it switched off (this project's CI machine does). Without ANALYZE a table that grew from the seed's
// thousand cases to tens of thousands keeps the statistics of its first rows, and the planner keeps choosing
// plans for a small table: the 30-minute soak (issue 18) fell behind at 15 minutes on PostgreSQL with autovacuum
// off — the citizen's 我的反映 read its timelines with a sequential scan of case_events (0.3–0.5 s) — and came back
// after one ANALYZE. So, where autovacuum is not at work, the server analyses, once a minute, each table that has
// grown by a tenth since its last ANALYZE (measured in pages, which both databases know without counting rows).
import { type Kysely, sql } from 'kysely';
import type { JobRunner } from '../jobs/job-runner.js';
import type { DatabaseKind } from './database.js';
import type { DB } from './schema.js';

type Db = Kysely<DB>;

export interface TableSize {
  table: string;
  /** Pages at the last ANALYZE (pg_class.relpages); 0 when never analysed. */
  analysedPages: number;
  /** Rows at the last ANALYZE (pg_class.reltuples): -1 when never analysed (PostgreSQL 14 and later). */
  analysedRows: number;
  /** Pages now (pg_relation_size / block size). */
  pages: number;
}

/** Growth that calls for a new ANALYZE: a tenth of the table, as autovacuum's default scale factor. */
export const GROWTH_FACTOR = 0.1;
/** Pages a table may grow by before any ANALYZE (autovacuum's 50-row threshold, in pages): tiny tables churn. */
export const MIN_GROWTH_PAGES = 8;

/** The tables to analyse now: never analysed yet not empty, or grown by a tenth (and a few pages) since. */
export function tablesToAnalyse(sizes: readonly TableSize[]): string[] {
  return sizes
    .filter((s) =>
      s.analysedRows < 0 ? s.pages > 0 : s.pages > s.analysedPages * (1 + GROWTH_FACTOR) + MIN_GROWTH_PAGES,
    )
    .map((s) => s.table);
}

/** Whether the server must keep the statistics itself: always on PGlite, on PostgreSQL when autovacuum is off. */
export async function statisticsNeedKeeping(db: Db, kind: DatabaseKind): Promise<boolean> {
  if (kind === 'pglite') return true;
  const { rows } = await sql<{ on: string }>`select current_setting('autovacuum') as on`.execute(db);
  return rows[0]?.on !== 'on';
}

/** The application's tables (schema public) with their sizes now and at their last ANALYZE. */
export async function tableSizes(db: Db): Promise<TableSize[]> {
  const { rows } = await sql<{ table: string; analysed_pages: number; analysed_rows: number; pages: number }>`
    select c.relname as table, c.relpages as analysed_pages, c.reltuples as analysed_rows,
           (pg_relation_size(c.oid) / current_setting('block_size')::int) as pages
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')`.execute(db);
  return rows.map((r) => ({
    table: r.table,
    analysedPages: Number(r.analysed_pages),
    analysedRows: Number(r.analysed_rows),
    pages: Number(r.pages),
  }));
}

/** One pass: analyses the tables that need it; answers their names. */
export async function analyseGrownTables(db: Db): Promise<string[]> {
  const tables = tablesToAnalyse(await tableSizes(db));
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
  return tables;
}

export const PLANNER_STATISTICS_JOB = 'planner-statistics';

/**
 * Registers the once-a-minute pass where the database needs it (decided at the first pass). A pass that finds
 * nothing grown costs one catalogue query.
 */
export function registerPlannerStatisticsJob(jobs: JobRunner, db: Db, kind: DatabaseKind): void {
  let needed: Promise<boolean> | null = null;
  jobs.register({
    name: PLANNER_STATISTICS_JOB,
    everyMs: 60_000,
    run: async () => {
      needed ??= statisticsNeedKeeping(db, kind);
      if (await needed) await analyseGrownTables(db);
    },
  });
}
