// Fills a database that holds the demo county with n generated cases and their timelines, set-wise in SQL
// (INSERT … SELECT generate_series, in chunks): realistic enough for dashboards, rollups and search to be
// measured — the texts of the real messages in ../shared/data (segmented and indexed as the search indexer
// would), cases spread over the grids by a skewed weight, categories with their responsible departments, the
// usual channel mix, a weekly rhythm, 5% still open (some overdue), sign-for delays, ratings, reopenings.
// For big loads the secondary indexes of cases and case_events are dropped first and built again at the end
// (the usual bulk-load practice: one sorted build instead of millions of random index inserts).
// Reporters are written as the server writes them (issue 18): name and phone AES-GCM ciphertexts and the phone's
// blind index, under the key the bench server reads with, so its start-up conversion finds nothing to do.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import { DEMO_DATA_KEY } from '../src/core/config.js';
import { FieldCrypto } from '../src/core/field-crypto.js';
import type { DB } from '../src/db/schema.js';
import { readMessages } from '../src/db/seed/datasets.js';
import { searchDocument } from '../src/domain/analysis/index.js';
import { jiebaSegmenter } from '../src/domain/text/index.js';
import { sealReporter } from '../src/modules/cases/reporter-fields.js';

export interface GenerateOptions {
  /** Spread the cases over this many days before now (default: a year, longer for big n). */
  days?: number;
  chunk?: number;
  now?: Date;
  /** Drop and rebuild secondary indexes around the load (default: when n ≥ 500 000). */
  bulk?: boolean;
  /** Progress lines of the slow steps (index builds). */
  log?: (line: string) => void;
  /** The key the server reads reporters with (its services.fieldCrypto); default the demo key, as the seed's. */
  crypto?: FieldCrypto;
}

const BULK_TABLES = ['cases', 'case_events', 'case_deadlines'];

/**
 * Drops the secondary (non-constraint) indexes of the bulk-loaded tables; their definitions are kept in
 * gen_bulk_indexes until rebuilt, so an interrupted load is finished by the next run.
 */
async function dropSecondaryIndexes(db: Kysely<DB>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS gen_bulk_indexes (name text PRIMARY KEY, def text NOT NULL)`.execute(db);
  const { rows } = await sql<{ name: string; def: string }>`
    SELECT i.indexname AS name, i.indexdef AS def
    FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ANY(${BULK_TABLES})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    ORDER BY i.indexname`.execute(db);
  for (const r of rows) {
    await sql`INSERT INTO gen_bulk_indexes (name, def) VALUES (${r.name}, ${r.def}) ON CONFLICT DO NOTHING`.execute(db);
    await sql`DROP INDEX ${sql.id(r.name)}`.execute(db);
  }
}

/**
 * Builds the indexes a bulk load dropped (this run's or an interrupted earlier one's) in two lanes on two
 * connections: the full-text GIN index, which PostgreSQL builds on one core, beside all the B-tree ones, which
 * it builds with parallel workers; each with 1 GB of maintenance memory.
 */
async function rebuildDroppedIndexes(db: Kysely<DB>, log: (line: string) => void): Promise<void> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('gen_bulk_indexes')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return;
  const { rows } = await sql<{
    name: string;
    def: string;
  }>`SELECT name, def FROM gen_bulk_indexes ORDER BY name`.execute(db);
  let built = 0;
  const lane = async (indexes: typeof rows) => {
    for (const index of indexes) {
      const t0 = Date.now();
      await db.transaction().execute(async (trx) => {
        // The default 64 MB is far too little for a GIN build over millions of rows (it spills and merges).
        await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(trx);
        await sql.raw(index.def).execute(trx);
        await sql`DELETE FROM gen_bulk_indexes WHERE name = ${index.name}`.execute(trx);
      });
      built++;
      log(`index ${built}/${rows.length} ${index.name} built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
  const gin = rows.filter((r) => /USING gin/i.test(r.def));
  await Promise.all([lane(gin), lane(rows.filter((r) => !gin.includes(r)))]);
  await sql`DROP TABLE gen_bulk_indexes`.execute(db);
}

/** Real message texts with their search documents, as a table the generator draws from. */
async function loadTexts(db: Kysely<DB>): Promise<number> {
  const seg = jiebaSegmenter();
  const messages = readMessages();
  await sql`DROP TABLE IF EXISTS gen_texts`.execute(db);
  await sql`CREATE TABLE gen_texts (rn int PRIMARY KEY, title text, body text, doc tsvector)`.execute(db);
  for (let i = 0; i < messages.length; i += 100) {
    const part = messages.slice(i, i + 100);
    const titles = part.map((m) => m.title.slice(0, 200) || m.body.slice(0, 30));
    // Bodies are cut at 400 characters: 10 million full messages would need ~50 GB; the cut ones are realistic.
    const bodies = part.map((m) => m.body.slice(0, 400));
    const docs = part.map((_, k) => searchDocument([titles[k] ?? '', bodies[k] ?? ''], seg));
    await sql`INSERT INTO gen_texts (rn, title, body, doc)
      SELECT i + ${i} - 1, t, b, to_tsvector('simple', d)
      FROM unnest(${titles}::text[], ${bodies}::text[], ${docs}::text[]) WITH ORDINALITY AS x(t, b, d, i)`.execute(db);
  }
  return messages.length;
}

/** A deterministic number in [0, 1) from a case's id and a salt (no random(): every step sees the same). */
function u(expr: string, salt: number): string {
  const a = (12.9898 + salt * 7.233).toFixed(4);
  const b = (78.233 + salt * 3.117).toFixed(4);
  const h = `(sin((${expr})::float8 * ${a} + ${b}) * 43758.5453123)`;
  return `(${h} - floor(${h}))`;
}

/** The reporter of generated case i (the phone a pure function of i, as every other generated value). */
const REPORTER_NAME = '群众';
function reporterPhone(i: number): string {
  return `139${String((i * 7919) % 100_000_000).padStart(8, '0')}`;
}

/**
 * The sealed reporters of generated cases from … to-1, with sealReporter (reporter-fields.ts) as the server seals
 * them: a fresh nonce per value. ~50 µs a row, one core: the slices yield the event loop so that the INSERT of the
 * previous chunk, sent before, runs in PostgreSQL meanwhile (the sealing then costs no wall time there).
 */
async function sealReporters(crypto: FieldCrypto, from: number, to: number) {
  const names: string[] = [];
  const phones: string[] = [];
  const hashes: string[] = [];
  for (let i = from; i < to; i++) {
    if ((i - from) % 5000 === 0) await nextTurn();
    const r = sealReporter(crypto, REPORTER_NAME, reporterPhone(i));
    names.push(r.reporter_name as string);
    phones.push(r.reporter_phone as string);
    hashes.push(r.reporter_phone_hash as string);
  }
  return { names, phones, hashes };
}

export async function generateCases(
  db: Kysely<DB>,
  n: number,
  onProgress: (done: number, total: number) => void = () => {},
  options: GenerateOptions = {},
): Promise<{ cases: number; events: number; ms: number }> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const days = options.days ?? Math.max(365, Math.ceil(n / 14_000));
  const chunk = options.chunk ?? 100_000;
  const log = options.log ?? (() => {});
  const crypto = options.crypto ?? new FieldCrypto(DEMO_DATA_KEY);
  if (options.bulk ?? n >= 500_000) {
    await dropSecondaryIndexes(db);
    log('bulk load: secondary indexes of cases and case_events dropped, built again at the end');
  }
  const texts = await loadTexts(db);

  await sql`DROP TABLE IF EXISTS gen_grids`.execute(db);
  await sql`DROP TABLE IF EXISTS gen_cats`.execute(db);
  await sql`DROP TABLE IF EXISTS gen_reporters`.execute(db);
  await sql`CREATE TABLE gen_reporters (i bigint PRIMARY KEY, name text, phone text, hash text)`.execute(db);
  // Grids with a skewed weight (a few busy town-centre grids, many quiet ones), as cumulative shares.
  await sql`
    CREATE TABLE gen_grids AS
    SELECT g.id AS grid_id, g.parent_id AS village_id, v.parent_id AS town_id, g.county_code, g.name,
           g.center_lat AS lat, g.center_lng AS lng,
           row_number() OVER (ORDER BY md5(g.id::text)) - 1 AS rn
    FROM orgs g JOIN orgs v ON v.id = g.parent_id
    WHERE g.kind = 'grid' AND g.active`.execute(db);
  await sql`
    CREATE TABLE gen_cats AS
    SELECT c.id AS category_id, c.name, coalesce(c.responsible_org_id, 0) AS dept_id, row_number() OVER (ORDER BY md5(c.id::text)) - 1 AS rn
    FROM categories c
    WHERE c.active AND c.level >= 2`.execute(db);
  const counts = await sql<{ grids: number; cats: number }>`
    SELECT (SELECT count(*) FROM gen_grids)::int AS grids, (SELECT count(*) FROM gen_cats)::int AS cats`.execute(db);
  const grids = Number(counts.rows[0]?.grids ?? 0);
  const cats = Number(counts.rows[0]?.cats ?? 0);
  if (grids === 0 || cats === 0) throw new Error('generateCases: seed the demo county first (no grids or categories)');

  const nowIso = now.toISOString();
  let events = 0;
  const prefix = `G${Date.now().toString(36).toUpperCase()}`;
  let sealed = await sealReporters(crypto, 0, Math.min(n, chunk));
  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    const before = await sql<{ max: number }>`SELECT coalesce(max(id), 0) AS max FROM cases`.execute(db);
    const lastId = Number(before.rows[0]?.max ?? 0);
    const i = 'g.i';
    // The chunk's sealed reporters, as a table keyed by case number i: joined to generate_series, the planner
    // knows both sides' sizes (an unnest of a parameter it guesses at 100 rows, and picks nested loops).
    await sql`TRUNCATE gen_reporters`.execute(db);
    await sql`INSERT INTO gen_reporters (i, name, phone, hash)
      SELECT ${from}::bigint + k - 1, name, phone, hash
      FROM unnest(${sql.val(sealed.names)}::text[], ${sql.val(sealed.phones)}::text[], ${sql.val(sealed.hashes)}::text[])
        WITH ORDINALITY AS x(name, phone, hash, k)`.execute(db);
    await sql`ANALYZE gen_reporters`.execute(db);
    // Skewed pick: squaring a uniform number favours low indexes (busy grids, common categories).
    const insert = sql
      .raw(`
      INSERT INTO cases (number, county_code, channel, title, body, category_id, urgency, status, town_id, village_id,
                         grid_id, owner_org_id, lead_org_id, level, lat, lng, unit_ids, reporter_name, reporter_phone,
                         reporter_phone_hash, reported_at, replied_at, closed_at, satisfaction, reopen_count,
                         created_at, updated_at, search_vector)
      SELECT '${prefix}-' || g.i, gg.county_code,
             (ARRAY['citizen_app','citizen_app','citizen_app','hotline','hotline','hotline','grid_patrol','walk_in','screening','open311'])[1 + floor(${u(i, 3)} * 10)::int],
             gt.title, gt.body, gc.category_id, CASE WHEN ${u(i, 4)} < 0.05 THEN 'urgent' ELSE 'normal' END,
             x.status, gg.town_id, gg.village_id, gg.grid_id,
             CASE WHEN x.status = 'closed' THEN gg.town_id ELSE x.lead END, x.lead, 'town',
             gg.lat, gg.lng, CASE WHEN x.lead = gg.town_id THEN ARRAY[gg.town_id] ELSE ARRAY[gg.town_id, x.lead] END,
             rep.name, rep.phone, rep.hash,
             x.reported, CASE WHEN x.status = 'closed' THEN x.reported + x.span * 0.8 END,
             CASE WHEN x.status = 'closed' THEN x.reported + x.span END,
             CASE WHEN x.status <> 'closed' THEN NULL WHEN x.r < 0.07 THEN 'unsatisfied' WHEN x.r < 0.25 THEN 'basically_satisfied' ELSE 'satisfied' END,
             CASE WHEN x.status = 'closed' AND x.r < 0.07 THEN 1 ELSE 0 END,
             x.reported, CASE WHEN x.status = 'closed' THEN x.reported + x.span ELSE x.reported END,
             gt.doc
      FROM generate_series(${from}::bigint, ${to - 1}::bigint) AS g(i)
      JOIN gen_reporters rep ON rep.i = g.i
      JOIN gen_texts gt ON gt.rn = floor(${u(i, 14)} * ${texts})::int
      JOIN gen_grids gg ON gg.rn = floor(power(${u(i, 1)}, 1.6) * ${grids})::int
      JOIN gen_cats gc ON gc.rn = floor(power(${u(i, 2)}, 1.8) * ${cats})::int
      CROSS JOIN LATERAL (
        SELECT CASE WHEN gc.dept_id > 0 AND ${u(i, 5)} < 0.8 THEN gc.dept_id ELSE gg.town_id END AS lead,
               ${u(i, 6)} AS r,
               -- open: 5%, reported in the last 20 days; closed ones finish 1–12 days after the report
               CASE WHEN ${u(i, 7)} < 0.05 THEN (CASE WHEN ${u(i, 8)} < 0.4 THEN 'dispatched' ELSE 'handling' END) ELSE 'closed' END AS status,
               CASE WHEN ${u(i, 7)} < 0.05
                    THEN timestamptz '${nowIso}' - (${u(i, 9)} * (CASE WHEN ${u(i, 8)} < 0.4 THEN 1.5 ELSE 20 END) + 0.05) * interval '1 day'
                    ELSE timestamptz '${nowIso}' - (13 + ${u(i, 9)} * ${days - 13}) * interval '1 day'
                         + (CASE WHEN extract(isodow FROM timestamptz '${nowIso}' - (13 + ${u(i, 9)} * ${days - 13}) * interval '1 day') > 5
                                 AND ${u(i, 10)} < 0.4 THEN interval '2 days' ELSE interval '0' END)
               END AS reported,
               (1 + ${u(i, 11)} * ${u(i, 11)} * 11) * interval '1 day' AS span
      ) x`)
      .execute(db);
    // While PostgreSQL inserts this chunk, the next chunk's reporters are sealed here.
    const next = to < n ? sealReporters(crypto, to, Math.min(n, to + chunk)) : null;
    await insert;
    if (next) sealed = await next;

    // Timelines: one row per step that applies to the case, versions numbered in step order.
    const c = 'c.id';
    const inserted = await sql
      .raw(`
      INSERT INTO case_events (case_id, version, at, type, actor_kind, org_id, from_state, to_state, details)
      SELECT s.case_id, row_number() OVER (PARTITION BY s.case_id ORDER BY s.step), s.at, s.type, s.actor_kind, s.org_id,
             s.from_state, s.to_state, s.details
      FROM (
        SELECT c.id AS case_id, st.step, st.type, st.from_state,
               -- a callback that reopened the case sends it back to 'handling'
               CASE WHEN st.step = 7 AND c.reopen_count > 0 THEN 'handling' ELSE st.to_state END AS to_state,
               CASE st.type WHEN 'escalateOverdue' THEN 'system' ELSE 'user' END AS actor_kind,
               CASE WHEN st.type IN ('signFor', 'reply') AND st.step < 9 THEN c.lead_org_id
                    WHEN st.type = 'reply' THEN c.lead_org_id
                    WHEN st.type = 'escalateOverdue' THEN NULL ELSE c.town_id END AS org_id,
               CASE st.step
                 WHEN 1 THEN c.reported_at
                 WHEN 2 THEN c.reported_at + interval '5 minutes'
                 WHEN 3 THEN c.reported_at + interval '20 minutes'
                 WHEN 4 THEN c.reported_at + interval '20 minutes' + interval '8 hours'
                 WHEN 5 THEN c.reported_at + interval '20 minutes' + t.sign_delay
                 WHEN 6 THEN c.reported_at + (c.closed_at - c.reported_at) * 0.7
                 WHEN 7 THEN c.reported_at + (c.closed_at - c.reported_at) * 0.8
                 WHEN 8 THEN c.reported_at + (c.closed_at - c.reported_at) * 0.9
                 ELSE c.closed_at END AS at,
               CASE st.type
                 WHEN 'opened' THEN jsonb_build_object('source', c.channel, 'categoryId', c.category_id::text, 'urgency', c.urgency, 'intakeLevel', 'town')
                 WHEN 'dispatch' THEN jsonb_build_object('leadOrgId', c.lead_org_id::text, 'assistingOrgIds', '[]'::jsonb)
                 WHEN 'signFor' THEN jsonb_build_object('role', 'lead')
                 WHEN 'escalateOverdue' THEN jsonb_build_object('deadlineKey', 'sign_for:' || c.lead_org_id, 'overdueKind', 'sign_for', 'supervisedBy', 'county', 'listed', false)
                 WHEN 'reply' THEN jsonb_build_object('content', '已处理')
                 WHEN 'callback' THEN jsonb_build_object('rating', CASE WHEN st.step = 7 AND c.reopen_count > 0 THEN 'unsatisfied' ELSE c.satisfaction END)
                   || CASE WHEN st.step = 7 AND c.reopen_count > 0 THEN '{"reopened": true}'::jsonb ELSE '{}'::jsonb END
                 WHEN 'close' THEN jsonb_build_object('by', CASE WHEN c.reopen_count > 0 THEN 'window' ELSE 'rating' END)
                 ELSE '{}'::jsonb END AS details
        FROM cases c
        CROSS JOIN LATERAL (SELECT (0.05 + power(${u(c, 12)}, 3) * 30) * interval '1 hour' AS sign_delay) t
        JOIN (VALUES
          (1, 'opened', NULL, 'submitted'),
          (2, 'accept', 'submitted', 'pending_dispatch'),
          (3, 'dispatch', 'pending_dispatch', 'dispatched'),
          (4, 'escalateOverdue', 'dispatched', 'dispatched'),
          (5, 'signFor', 'dispatched', 'handling'),
          (6, 'reply', 'handling', 'replied'),
          (7, 'callback', 'replied', 'replied'),
          (8, 'reply', 'handling', 'replied'),
          (9, 'close', 'replied', 'closed')
        ) AS st(step, type, from_state, to_state) ON
          st.step <= 3
          OR (st.step = 4 AND t.sign_delay > interval '8 hours'
              AND c.reported_at + interval '20 minutes' + interval '8 hours' < timestamptz '${nowIso}'
              AND (c.status <> 'closed' OR t.sign_delay < (c.closed_at - c.reported_at) * 0.7 - interval '20 minutes'))
          OR (st.step = 5 AND c.status <> 'dispatched' AND c.reported_at + interval '20 minutes' + t.sign_delay < timestamptz '${nowIso}'
              AND (c.status <> 'closed' OR t.sign_delay < (c.closed_at - c.reported_at) * 0.7 - interval '20 minutes'))
          OR (st.step IN (6, 7, 9) AND c.status = 'closed')
          OR (st.step = 8 AND c.status = 'closed' AND c.reopen_count > 0)
        WHERE c.id > ${lastId}
      ) s`)
      .execute(db);
    events += Number(inserted.numAffectedRows ?? 0);
    // Open cases keep their live clocks (sign-for or handling), some already red.
    await sql
      .raw(`
      INSERT INTO case_deadlines (case_id, key, kind, org_id, county_code, town_id, village_id, grid_id, owner_org_id,
                                  started_at, due_at, warn_at, escalated_at)
      SELECT c.id, CASE WHEN c.status = 'dispatched' THEN 'sign_for:' || c.lead_org_id ELSE 'handle' END,
             CASE WHEN c.status = 'dispatched' THEN 'sign_for' ELSE 'handle' END, c.lead_org_id, c.county_code,
             c.town_id, c.village_id, c.grid_id, c.owner_org_id,
             c.reported_at + interval '20 minutes',
             c.reported_at + CASE WHEN c.status = 'dispatched' THEN interval '4 hours' ELSE (2 + 22 * ${u('c.id', 13)}) * interval '1 day' END,
             c.reported_at + CASE WHEN c.status = 'dispatched' THEN interval '3 hours' ELSE (1.5 + 16 * ${u('c.id', 13)}) * interval '1 day' END,
             NULL
      FROM cases c WHERE c.id > ${lastId} AND c.status IN ('dispatched', 'handling')`)
      .execute(db);
    onProgress(to, n);
  }
  // Open cases whose sign never came stay 'dispatched' (the timeline ends at dispatch or escalation).
  await sql`DROP TABLE IF EXISTS gen_grids`.execute(db);
  await sql`DROP TABLE IF EXISTS gen_cats`.execute(db);
  await sql`DROP TABLE IF EXISTS gen_texts`.execute(db);
  await sql`DROP TABLE IF EXISTS gen_reporters`.execute(db);
  await rebuildDroppedIndexes(db, log);
  // VACUUM as autovacuum would soon after a load: statistics, and the visibility map index-only scans need.
  await sql`VACUUM (ANALYZE) cases`.execute(db);
  await sql`VACUUM (ANALYZE) case_events`.execute(db);
  return { cases: n, events, ms: Date.now() - started };
}

/** Finishes a bulk load that was interrupted (its dropped indexes are built); nothing to do otherwise. */
export async function finishInterruptedLoad(db: Kysely<DB>): Promise<void> {
  const pending = await sql<{ t: string | null }>`SELECT to_regclass('gen_bulk_indexes')::text AS t`.execute(db);
  if (!pending.rows[0]?.t) return;
  console.log('  an interrupted bulk load left indexes to build:');
  await sql`DELETE FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id)`.execute(db);
  await rebuildDroppedIndexes(db, (line) => console.log(`  ${line}`));
  await sql`ANALYZE cases`.execute(db);
  await sql`ANALYZE case_events`.execute(db);
}

/** generateCases with a progress line and the index-build lines on the console; returns the seconds taken. */
export async function generateWithProgress(db: Kysely<DB>, n: number, crypto?: FieldCrypto): Promise<number> {
  const started = Date.now();
  let lastPct = -1;
  const r = await generateCases(
    db,
    n,
    (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (pct === lastPct) return;
      lastPct = pct;
      const s = (Date.now() - started) / 1000;
      process.stdout.write(
        `\r  generating cases: ${done.toLocaleString()} / ${total.toLocaleString()} (${pct}%, ${s.toFixed(0)} s)`,
      );
    },
    { log: (line) => console.log(`\n  ${line}`), crypto },
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\n  generated ${r.cases.toLocaleString()} cases, ${r.events.toLocaleString()} events in ${seconds.toFixed(1)} s`,
  );
  return seconds;
}
