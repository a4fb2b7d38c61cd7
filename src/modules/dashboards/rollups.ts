// Keeping the rollups: the incremental consumer pass, the rebuild from the raw tables, and the check that
// proves the rollups equal a direct aggregation of cases and case_events.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { consumeCaseEvents } from '../../jobs/case-event-consumer.js';
import {
  type CaseRow,
  createNextTables,
  createStaging,
  EVENT_DAY_SQL,
  type EventRow,
  FINISHED_SQL,
  mergeStagingIntoNext,
  nextName,
  ROLLUP_CURSOR,
  ROLLUP_TABLES,
  RollupWriter,
  rebuildPlaceRollups,
  swapNextTables,
} from './rollup-writer.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Memory for each hash of the set-wise aggregations of the rebuild and the check (PostgreSQL work_mem). At 10
 * million cases the events × cases join and the 19 million day × place × category × channel groups need a few
 * GB: with the default 4 MB the check sent all of it to temporary files, more than the disk had left.
 */
const AGGREGATION_WORK_MEM = '1GB';

/** Gives the transaction's hashes `workMem` each (a PostgreSQL size such as 512MB). */
async function setAggregationMemory(trx: Transaction<DB>, workMem = AGGREGATION_WORK_MEM): Promise<void> {
  if (!/^\d+(kB|MB|GB)$/.test(workMem)) throw new Error(`rollups: workMem ${workMem} is not like 512MB`);
  await sql`SET LOCAL work_mem = ${sql.lit(workMem)}`.execute(trx);
}

export interface RebuildOptions {
  /** Rows per fetch from the server-side cursors (default 20 000). */
  fetchRows?: number;
  /** Write the pending sums when they reach this many rollup rows (bounds memory; default 500 000). */
  flushRows?: number;
  progress?: (done: number, total: number) => void;
  /** Only rebuild when the consumer is this many events behind (start-up catch-up); otherwise do nothing. */
  onlyIfBehind?: number;
}

export interface RebuildResult {
  cases: number;
  events: number;
  ms: number;
  /**
   * Where the time went (ms): reading the two cursors, computing the unit and duration facts, writing them to
   * staging, merging staging into the rollups, the set-wise place rollups, their statistics.
   */
  phases: { read: number; compute: number; write: number; merge: number; places: number; analyze: number };
}

async function lockCursor(trx: Transaction<DB>): Promise<number> {
  await trx
    .insertInto('consumer_cursors')
    .values({ name: ROLLUP_CURSOR, last_id: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .selectFrom('consumer_cursors')
    .select('last_id')
    .where('name', '=', ROLLUP_CURSOR)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return Number(row.last_id);
}

async function fetchRows<T>(trx: Transaction<DB>, cursor: string, n: number): Promise<T[]> {
  const { rows } = await sql<T>`FETCH ${sql.raw(String(n))} FROM ${sql.id(cursor)}`.execute(trx);
  return rows;
}

/**
 * Recomputes every rollup from cases and case_events in one transaction (readers see the old figures until
 * it commits; the consumer skips while the cursor is locked) and moves the cursor to the last event read.
 * Streams both tables once, in case order, through two server-side cursors, and runs each case's whole
 * timeline through the same pure rules as the consumer (src/domain/rollups) for the unit and duration facts,
 * whose credit depends on the case's history; their sums go in large batches to unindexed staging tables. The
 * place facts (one event each) are aggregated set-wise in SQL. Everything is written into fresh copies of the
 * rollup tables that replace the old ones at the end (no dead rows of earlier rebuilds left to slow them).
 */
export async function rebuildRollups(db: Kysely<DB>, options: RebuildOptions = {}): Promise<RebuildResult | null> {
  const started = Date.now();
  const fetchSize = options.fetchRows ?? 20_000;
  const flushRows = options.flushRows ?? 500_000;
  return db.transaction().execute(async (trx) => {
    const cursor = await lockCursor(trx);
    const top = await trx
      .selectFrom('case_events')
      .select(sql<number>`coalesce(max(id), 0)`.as('max'))
      .executeTakeFirstOrThrow();
    const maxEvent = Number(top.max);
    if (options.onlyIfBehind !== undefined && maxEvent - cursor < options.onlyIfBehind) return null;
    const phases = { read: 0, compute: 0, write: 0, merge: 0, places: 0, analyze: 0 };
    const timed = async <T>(phase: keyof typeof phases, work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        phases[phase] += performance.now() - t0;
      }
    };
    await setAggregationMemory(trx); // the set-wise sums hash in memory
    const streamed = [ROLLUP_TABLES.unitDay, ROLLUP_TABLES.durations];
    await createStaging(trx, streamed);
    await createNextTables(trx);
    const count = await trx.selectFrom('cases').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const total = Number(count.n);

    // Both cursors walk their index in order: a fresh bulk load without statistics yet once made the planner sort
    // 72 million events instead (7.8 GB of temporary files at 10 million cases), so sorting is ruled out for them.
    await sql`SET LOCAL enable_sort = off`.execute(trx);
    await sql`DECLARE rollup_rebuild_cases NO SCROLL CURSOR FOR
      SELECT id, county_code, town_id, village_id, grid_id, category_id, channel, owner_org_id
      FROM cases ORDER BY id`.execute(trx);
    await sql`DECLARE rollup_rebuild_events NO SCROLL CURSOR FOR
      SELECT id, case_id, version, at, type, org_id, from_state, to_state, details
      FROM case_events WHERE id <= ${maxEvent} ORDER BY case_id, version`.execute(trx);
    await sql`SET LOCAL enable_sort TO DEFAULT`.execute(trx);

    const writer = new RollupWriter(false); // place facts: set-wise in rebuildPlaceRollups
    let pendingCases: CaseRow[] = [];
    let casesDone = false;
    let done = 0;
    let events = 0;
    /** Cases up to and including `upto` (ids ascending), reading ahead on the cases cursor as needed. */
    const casesUpTo = async (upto: number): Promise<CaseRow[]> => {
      while (!casesDone && (pendingCases.length === 0 || Number(pendingCases[pendingCases.length - 1]?.id) <= upto)) {
        const more = await timed('read', () => fetchRows<CaseRow>(trx, 'rollup_rebuild_cases', fetchSize));
        if (more.length < fetchSize) casesDone = true;
        pendingCases = pendingCases.concat(more);
      }
      let k = 0;
      while (k < pendingCases.length && Number(pendingCases[k]?.id) <= upto) k++;
      const out = pendingCases.slice(0, k);
      pendingCases = pendingCases.slice(k);
      return out;
    };

    let carry: EventRow[] = [];
    for (;;) {
      const batch = await timed('read', () => fetchRows<EventRow>(trx, 'rollup_rebuild_events', fetchSize));
      const last = batch.length < fetchSize;
      let rows = carry.concat(batch);
      // The last case of a batch may go on in the next one: keep its events back until then.
      carry = [];
      if (!last && rows.length > 0) {
        const lastCase = Number(rows[rows.length - 1]?.case_id);
        let k = rows.length;
        while (k > 0 && Number(rows[k - 1]?.case_id) === lastCase) k--;
        if (k > 0) {
          carry = rows.slice(k);
          rows = rows.slice(0, k);
        } else {
          carry = rows; // one case longer than a whole batch: keep collecting
          continue;
        }
      }
      const upto = last ? Number.POSITIVE_INFINITY : Number(rows[rows.length - 1]?.case_id);
      const cases = await casesUpTo(upto);
      await timed('compute', () => writer.add(trx, cases, rows, () => true));
      done += cases.length;
      events += rows.length;
      if (writer.pendingRows() >= flushRows) await timed('write', () => writer.flush(trx, 'staging'));
      options.progress?.(done, total);
      if (last) break;
    }
    await timed('write', () => writer.flush(trx, 'staging'));
    await timed('merge', () => mergeStagingIntoNext(trx, streamed));
    await timed('places', () => rebuildPlaceRollups(trx, maxEvent));
    // The fresh tables have no statistics yet: without them the planner takes a rollup for a one-row table.
    await timed('analyze', async () => {
      for (const table of Object.values(ROLLUP_TABLES))
        await sql`ANALYZE ${sql.table(nextName(table.name))}`.execute(trx);
    });
    await swapNextTables(trx);
    await sql`CLOSE rollup_rebuild_cases`.execute(trx);
    await sql`CLOSE rollup_rebuild_events`.execute(trx);
    await trx
      .updateTable('consumer_cursors')
      .set({ last_id: maxEvent, updated_at: new Date() })
      .where('name', '=', ROLLUP_CURSOR)
      .execute();
    return { cases: done, events, ms: Date.now() - started, phases };
  });
}

/** One consumer pass: the next batch of new events into the rollups. Returns how many events it took. */
export async function consumeRollupBatch(db: Kysely<DB>, writer: RollupWriter, batchSize = 2000): Promise<number> {
  return consumeCaseEvents(db, {
    name: ROLLUP_CURSOR,
    batchSize,
    handle: async (trx, events) => {
      const ids = new Set(events.map((e) => Number(e.id)));
      const caseIds = [...new Set(events.map((e) => Number(e.case_id)))];
      const upto = Math.max(...ids);
      await writer.apply(trx, caseIds, (id) => ids.has(id), upto);
    },
  });
}

/** Runs consumer passes until caught up (tests, the rebuild command, start-up). */
export async function catchUpRollups(db: Kysely<DB>, writer = new RollupWriter()): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await consumeRollupBatch(db, writer);
    total += n;
    if (n === 0) return total;
  }
}

export interface CheckResult {
  ok: boolean;
  /** Rows that differ, per comparison (0 everywhere when the rollups are right). */
  mismatches: Record<string, number>;
  upToEventId: number;
}

async function countRows(trx: Db, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

export interface CheckOptions {
  /** Called after each comparison with its name, its differing rows and the milliseconds it took. */
  progress?: (name: string, differing: number, ms: number) => void;
  /** Memory for each hash of the direct aggregations (PostgreSQL work_mem, e.g. 512MB; default 1GB). */
  workMem?: string;
}

/**
 * Compares the rollups with aggregations written directly over the raw tables, at the consumer's cursor
 * (the cursor is held while checking so the two sides see the same events).
 */
export async function checkRollups(db: Kysely<DB>, options: CheckOptions = {}): Promise<CheckResult> {
  return db.transaction().execute(async (trx) => {
    const upto = await lockCursor(trx);
    await setAggregationMemory(trx, options.workMem);
    const mismatches: Record<string, number> = {};
    const compare = async (name: string, query: ReturnType<typeof sql<{ n: number }>>) => {
      const t0 = performance.now();
      mismatches[name] = await countRows(trx, query);
      options.progress?.(name, mismatches[name], performance.now() - t0);
    };

    // Place facts per day × town × village × grid × category × channel.
    await compare(
      'case_day',
      sql<{ n: number }>`
      WITH direct AS (
        SELECT ${EVENT_DAY_SQL} AS day, c.county_code, coalesce(c.town_id, 0) AS town_id,
               coalesce(c.village_id, 0) AS village_id, coalesce(c.grid_id, 0) AS grid_id,
               coalesce(c.category_id, 0) AS category_id, c.channel,
               count(*) FILTER (WHERE e.type = 'opened') AS received,
               count(*) FILTER (WHERE e.to_state = 'closed' AND e.from_state IS DISTINCT FROM 'closed') AS closed,
               sum((CASE WHEN e.to_state NOT IN ${FINISHED_SQL} THEN 1 ELSE 0 END)
                 - (CASE WHEN e.from_state IS NOT NULL AND e.from_state NOT IN ${FINISHED_SQL} THEN 1 ELSE 0 END)) AS open_delta
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.id <= ${upto}
        GROUP BY 1, 2, 3, 4, 5, 6, 7
      )
      SELECT count(*) AS n
      FROM direct d
      FULL JOIN rollup_case_day r USING (day, county_code, town_id, village_id, grid_id, category_id, channel)
      WHERE coalesce(d.received, 0) <> coalesce(r.received, 0)
         OR coalesce(d.closed, 0) <> coalesce(r.closed, 0)
         OR coalesce(d.open_delta, 0) <> coalesce(r.open_delta, 0)`,
    );

    // Cases open now per town, straight from the cases table, against the running sums.
    await compare(
      'open_now_by_town',
      sql<{ n: number }>`
      WITH direct AS (
        SELECT c.town_id AS area_id, count(*) AS open
        FROM cases c
        WHERE c.status NOT IN ${FINISHED_SQL} AND c.town_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.id <= ${upto})
        GROUP BY 1
      ),
      r AS (SELECT n.area_id, n.open FROM rollup_area_now n JOIN orgs o ON o.id = n.area_id WHERE o.kind = 'town')
      SELECT count(*) AS n FROM direct d FULL JOIN r USING (area_id)
      WHERE coalesce(d.open, 0) <> coalesce(r.open, 0)`,
    );

    // The area cube's 'all' rows per town and day against the fine table.
    await compare(
      'area_day_towns',
      sql<{ n: number }>`
      WITH fine AS (
        SELECT day, town_id AS area_id, sum(received) AS received, sum(closed) AS closed, sum(open_delta) AS open_delta
        FROM rollup_case_day WHERE town_id <> 0 GROUP BY 1, 2
      ),
      cube AS (SELECT day, area_id, received, closed, open_delta FROM rollup_area_day a
               JOIN orgs o ON o.id = a.area_id WHERE a.dim = 'all' AND o.kind = 'town')
      SELECT count(*) AS n FROM fine f FULL JOIN cube c USING (day, area_id)
      WHERE coalesce(f.received, 0) <> coalesce(c.received, 0) OR coalesce(f.closed, 0) <> coalesce(c.closed, 0)
         OR coalesce(f.open_delta, 0) <> coalesce(c.open_delta, 0)`,
    );

    // Unit facts that are read straight off one event: signed, returned, replied, dispatched (lead).
    await compare(
      'unit_day',
      sql<{ n: number }>`
      WITH direct AS (
        SELECT ${EVENT_DAY_SQL} AS day, c.county_code,
               CASE WHEN e.type = 'dispatch' THEN (e.details->>'leadOrgId')::integer
                    WHEN e.type = 'handleAtGrid' THEN coalesce(e.org_id, c.grid_id)
                    ELSE e.org_id END AS unit_id,
               coalesce(c.town_id, 0) AS town_id,
               count(*) FILTER (WHERE e.type = 'signFor') AS signed,
               count(*) FILTER (WHERE e.type = 'returnCase') AS returned,
               count(*) FILTER (WHERE e.type IN ('reply', 'handleAtGrid', 'closeOnTheSpot')) AS replied,
               count(*) FILTER (WHERE e.type = 'dispatch') AS dispatched
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.id <= ${upto} AND e.type IN ('signFor', 'returnCase', 'reply', 'handleAtGrid', 'closeOnTheSpot', 'dispatch')
        GROUP BY 1, 2, 3, 4
      ),
      r AS (SELECT day, county_code, unit_id, town_id, signed, returned, replied, dispatched FROM rollup_unit_day
            WHERE signed + returned + replied + dispatched > 0)
      SELECT count(*) AS n FROM direct d FULL JOIN r USING (day, county_code, unit_id, town_id)
      WHERE (d.unit_id IS NOT NULL OR r.unit_id IS NOT NULL)
        AND (coalesce(d.signed, 0) <> coalesce(r.signed, 0) OR coalesce(d.returned, 0) <> coalesce(r.returned, 0)
          OR coalesce(d.replied, 0) <> coalesce(r.replied, 0) OR coalesce(d.dispatched, 0) <> coalesce(r.dispatched, 0))`,
    );

    // Ratings and completions in total per day (their unit is inferred from the case's history).
    await compare(
      'ratings_by_day',
      sql<{ n: number }>`
      WITH direct AS (
        SELECT ${EVENT_DAY_SQL} AS day,
               count(*) FILTER (WHERE e.type IN ('callback', 'rate') AND e.details->>'rating' = 'satisfied') AS satisfied,
               count(*) FILTER (WHERE e.type IN ('callback', 'rate') AND e.details->>'rating' = 'unsatisfied') AS unsatisfied,
               count(*) FILTER (WHERE e.type IN ('close', 'closeOnTheSpot') AND e.to_state = 'closed') AS completed
        FROM case_events e WHERE e.id <= ${upto}
        GROUP BY 1
      ),
      r AS (SELECT day, sum(satisfied) AS satisfied, sum(unsatisfied) AS unsatisfied, sum(completed) AS completed
            FROM rollup_unit_day GROUP BY 1)
      SELECT count(*) AS n FROM direct d FULL JOIN r USING (day)
      WHERE coalesce(d.satisfied, 0) <> coalesce(r.satisfied, 0) OR coalesce(d.unsatisfied, 0) <> coalesce(r.unsatisfied, 0)
         OR coalesce(d.completed, 0) <> coalesce(r.completed, 0)`,
    );

    const ok = Object.values(mismatches).every((n) => n === 0);
    return { ok, mismatches, upToEventId: upto };
  });
}
