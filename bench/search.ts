// Search bench on PostgreSQL: a demo county with BENCH_SEARCH_CASES cases (default 200 000) whose text is drawn
// from the 547 real messages of datasets/, indexed as the search indexer would; then the indexer's own
// throughput, and p50/p95 latency of full-text search (with and without filters, as the county and as a town),
// similar cases and hotspots through the real HTTP stack. EXPLAIN of a search is printed.
// Run: BENCH_SEARCH_CASES=1000000 npx tsx bench/search.ts   (PostgreSQL at BENCH_DATABASE_URL or
// TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; the database
// gongzhi_bench_search_<n> is kept and reused by the next run — BENCH_FRESH=1 drops it first).
// At 10 million: BENCH_SEARCH_CASES=10000000 (about 10 GB of disk; generation is set-wise SQL, ~1 min per
// million cases on a small machine, the GIN index is built once at the end).
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { startSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/core/config.js';
import { readMessages } from '../src/db/seed/datasets.js';
import { searchDocument } from '../src/domain/analysis/index.js';
import { jiebaSegmenter } from '../src/domain/text/index.js';
import { indexAllPending } from '../src/modules/analysis/index.js';
import { ensureDatabase, percentile } from './support.js';

export interface SearchBenchResult {
  cases: number;
  indexerRowsPerSecond: number;
  latency: { name: string; p50: number; p95: number }[];
}

export async function runSearchBench(): Promise<SearchBenchResult> {
  const n = Number(process.env.BENCH_SEARCH_CASES ?? 200_000);
  const admin =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `gongzhi_bench_search_${n}`;
  const url = await ensureDatabase(admin, name, process.env.BENCH_FRESH === '1');
  console.log(`\n== Full-text search on PostgreSQL (${name}) ==`);
  const config = loadConfig({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn', DATABASE_URL: url });
  const system = await startSystem(config, { jobs: false, progress: (line) => console.log(`  ${line}`) });
  const { db } = system.services;
  try {
    const have = Number(
      (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM cases`.execute(db)).rows[0]?.n ?? 0,
    );
    if (have < n) await generate(db, n - have);
    else console.log(`  reusing ${have.toLocaleString()} cases`);

    // The indexer itself (jieba in Node + one UPDATE per batch): re-index 5 000 rows.
    await sql`UPDATE cases SET search_vector = NULL WHERE id IN (SELECT id FROM cases ORDER BY id DESC LIMIT 5000)`.execute(
      db,
    );
    let t0 = performance.now();
    const reindexed = await indexAllPending(db);
    const indexerRowsPerSecond = reindexed / ((performance.now() - t0) / 1000);
    console.log(
      `  search indexer: ${reindexed} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s = ${Math.round(indexerRowsPerSecond)} rows/s ` +
        `(10 million cases: ~${(10_000_000 / indexerRowsPerSecond / 3600).toFixed(1)} h of one process's background time)`,
    );

    const login = async (username: string) => {
      const r = await system.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'demo1234' },
      });
      return { authorization: `Bearer ${r.json().token}` };
    };
    const county = await login('county');
    const town = await login('town');
    const someCase = await db.selectFrom('cases').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const q = (s: string) => encodeURIComponent(s);
    const scenarios: [string, string, Record<string, string>][] = [
      ['search 垃圾 (common), county', `/api/analysis/search?q=${q('垃圾')}`, county],
      ['search 拖欠工资, county', `/api/analysis/search?q=${q('拖欠工资')}`, county],
      ['search 噪音扰民 + handling, county', `/api/analysis/search?q=${q('噪音扰民')}&state=handling`, county],
      ['search 物业 + last 30 days, county', `/api/analysis/search?q=${q('物业')}&from=${since}`, county],
      ['search 学校补课, town', `/api/analysis/search?q=${q('学校补课')}`, town],
      ['search 路灯, town, page 5', `/api/analysis/search?q=${q('路灯')}&page=5`, town],
      ['filters only, town, handling', '/api/analysis/search?state=handling', town],
      ['similar to a case, county', `/api/cases/${someCase.id}/similar`, county],
      ['hotspots, week, county', '/api/analysis/hotspots?period=week', county],
      ['hotspots, day, town', '/api/analysis/hotspots?period=day', town],
    ];
    const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
    const latency: SearchBenchResult['latency'] = [];
    console.log(`  latency over ${rounds} requests each (ms):`);
    console.log(`    ${'request'.padEnd(38)}   p50     p95   results`);
    for (const [label, path, headers] of scenarios) {
      const times: number[] = [];
      let results = '';
      for (let i = 0; i < rounds + 2; i++) {
        t0 = performance.now();
        const r = await system.app.inject({ method: 'GET', url: path, headers });
        const ms = performance.now() - t0;
        if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        const body = r.json();
        results =
          body.total !== undefined ? `${body.total}${body.totalCapped ? '+' : ''}` : String(body.items?.length ?? '');
        if (i >= 2) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      latency.push({ name: label, p50, p95 });
      console.log(`    ${label.padEnd(38)} ${p50.toFixed(1).padStart(6)}  ${p95.toFixed(1).padStart(6)}   ${results}`);
    }
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF)
      SELECT id FROM cases WHERE county_code = '330788' AND search_vector @@ to_tsquery('simple', '拖欠 & 工资')
      ORDER BY reported_at DESC LIMIT 2000`.execute(db);
    console.log('  EXPLAIN (search 拖欠工资, county):');
    for (const row of plan.rows) console.log(`    ${row['QUERY PLAN']}`);
    const total = Number(
      (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM cases`.execute(db)).rows[0]?.n ?? 0,
    );
    return { cases: total, indexerRowsPerSecond, latency };
  } finally {
    await system.close();
  }
}

/** Adds `count` cases set-wise: real message texts (segmented once here) spread over grids, a year and states. */
async function generate(db: import('kysely').Kysely<import('../src/db/schema.js').DB>, count: number): Promise<void> {
  const started = Date.now();
  const seg = jiebaSegmenter();
  const messages = readMessages();
  await sql`DROP TABLE IF EXISTS bench_texts`.execute(db);
  await sql`CREATE TABLE bench_texts (rn int PRIMARY KEY, title text, body text, doc text)`.execute(db);
  for (let i = 0; i < messages.length; i += 100) {
    const rows = messages.slice(i, i + 100).map((m, k) => ({
      rn: i + k,
      title: m.title.slice(0, 200),
      body: m.body.slice(0, 2000),
      doc: searchDocument([m.title.slice(0, 200), m.body.slice(0, 2000)], seg),
    }));
    await sql`INSERT INTO bench_texts (rn, title, body, doc)
      SELECT * FROM unnest(${rows.map((r) => r.rn)}::int[], ${rows.map((r) => r.title)}::text[],
                           ${rows.map((r) => r.body)}::text[], ${rows.map((r) => r.doc)}::text[])`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS bench_grids`.execute(db);
  await sql`CREATE TABLE bench_grids AS
    SELECT row_number() OVER (ORDER BY g.id) - 1 AS rn, g.id AS grid_id, v.id AS village_id, v.parent_id AS town_id,
           g.county_code, g.center_lat AS lat, g.center_lng AS lng
    FROM orgs g JOIN orgs v ON v.id = g.parent_id WHERE g.kind = 'grid'`.execute(db);
  await sql`DROP TABLE IF EXISTS bench_cats`.execute(db);
  await sql`CREATE TABLE bench_cats AS
    SELECT row_number() OVER (ORDER BY id) - 1 AS rn, id FROM categories WHERE level = 2`.execute(db);
  const texts = messages.length;
  const grids = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM bench_grids`.execute(db)).rows[0]?.n);
  const cats = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM bench_cats`.execute(db)).rows[0]?.n);
  // Building the GIN index once at the end is far faster than maintaining it row by row.
  await sql`DROP INDEX IF EXISTS cases_search_vector_idx`.execute(db);
  const prefix = `S${Date.now().toString(36).toUpperCase()}`;
  const chunk = 100_000;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk);
    await sql
      .raw(`
      INSERT INTO cases (number, county_code, channel, title, body, category_id, status, town_id, village_id, grid_id,
                         owner_org_id, lat, lng, reporter_name, reporter_phone, reported_at, closed_at, created_at,
                         updated_at, search_vector)
      SELECT '${prefix}-' || i, gg.county_code,
             (ARRAY['citizen_app','hotline','hotline','grid_patrol','walk_in'])[1 + i % 5],
             t.title, t.body, bc.id,
             CASE WHEN i % 20 = 0 THEN 'handling' WHEN i % 20 = 1 THEN 'dispatched' ELSE 'closed' END,
             gg.town_id, gg.village_id, gg.grid_id, gg.town_id, gg.lat, gg.lng, '群众',
             '139' || lpad(((i * 7919) % 100000000)::text, 8, '0'),
             now() - ((i * 104729) % (365 * 24 * 60)) * interval '1 minute',
             CASE WHEN i % 20 > 1 THEN now() END, now(), now(), to_tsvector('simple', t.doc)
      FROM generate_series(${from}::bigint, ${to - 1}::bigint) AS i
      JOIN bench_texts t ON t.rn = (i * 31) % ${texts}
      JOIN bench_grids gg ON gg.rn = (i * 17 + i / 1000) % ${grids}
      JOIN bench_cats bc ON bc.rn = (i * 13) % ${cats}`)
      .execute(db);
    process.stdout.write(
      `\r  generating cases: ${to.toLocaleString()} / ${count.toLocaleString()} (${Math.floor((to / count) * 100)}%)`,
    );
  }
  console.log(`\n  inserted in ${((Date.now() - started) / 1000).toFixed(1)} s; building the GIN index …`);
  const t0 = Date.now();
  await sql`CREATE INDEX cases_search_vector_idx ON cases USING gin (search_vector)`.execute(db);
  await sql`ANALYZE cases`.execute(db);
  console.log(`  GIN index built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSearchBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
