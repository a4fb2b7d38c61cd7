// Case-lifecycle bench on PostgreSQL:
//  1. case-creation throughput through the HTTP API (validation, routing point → grid, the state machine,
//     the case row, its timeline entry, deadlines, assignments and outbox message in one transaction), beside
//     the raw throughput of inserting the same rows with plain SQL in the same run — cases/s and their ratio;
//  2. inbox latency (p50/p95) for users whose scope holds BENCH_INBOX_CASES cases (default 1 000 000).
// Run: npm run bench -- cases   (BENCH_CREATE=2000 BENCH_CONCURRENCY=16 BENCH_INBOX_CASES=1000000)
import { sql } from 'kysely';
import pg from 'pg';
import { startSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { startServerProcess } from '../test/support/server-process.js';
import { generateCases } from './generate-cases.js';
import { ADMIN_URL, ensureDatabase, fmt, latency, pooled } from './support.js';

const BODIES = [
  '小区门口的路灯坏了一个多星期，晚上很黑，老人出门不安全。',
  '楼下餐馆油烟直排，窗户都不敢开，希望有关部门管一管。',
  '村道上有个大坑，电动车经过很危险，请尽快修补。',
  '河边有人倾倒建筑垃圾，污染环境。',
];

async function createThroughput(n: number, concurrency: number) {
  const url = await ensureDatabase(ADMIN_URL, 'gongzhi_bench_create', true);
  // The server runs in its own process (as in production), so the load generator here does not share its
  // event loop; the plain-SQL run below uses this process's own pool.
  const server = await startServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'warn' });
  const address = server.baseUrl;
  const system = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    const { db } = system;
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county', password: 'demo1234' }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const grids = await db
      .selectFrom('orgs')
      .select(['id', 'center_lat', 'center_lng'])
      .where('kind', '=', 'grid')
      .execute();
    let failures = 0;
    const apiMs = await pooled(n, concurrency, async (i) => {
      const g = grids[i % grids.length] as (typeof grids)[number];
      const response = await fetch(`${address}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          channel: 'walk_in',
          body: BODIES[i % BODIES.length],
          lat: g.center_lat,
          lng: g.center_lng,
        }),
      });
      if (response.status !== 201) failures++;
      await response.arrayBuffer();
      if ((i + 1) % 500 === 0) process.stdout.write(`\r  API: ${i + 1}/${n}`);
    });
    process.stdout.write('\n');
    const apiRate = (n / apiMs) * 1000;

    // The same rows with plain SQL: one transaction per case with the case, its event, its deadline, its
    // assignment and its outbox message, the same concurrency, on its own pool.
    const sample = await db.selectFrom('cases').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const event = await db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', sample.id)
      .executeTakeFirstOrThrow();
    const deadline = await db
      .selectFrom('case_deadlines')
      .selectAll()
      .where('case_id', '=', sample.id)
      .executeTakeFirstOrThrow();
    const outbox = await db.selectFrom('outbox').selectAll().where('case_id', '=', sample.id).executeTakeFirstOrThrow();
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const rawMs = await pooled(n, concurrency, async (i) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const r = await client.query(
          `INSERT INTO cases (number, county_code, channel, title, body, category_id, urgency, status, town_id, village_id, grid_id,
             owner_org_id, lat, lng, reported_at, created_at, updated_at, machine, level, version)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,now(),now(),now(),$15,$16,1) RETURNING id`,
          [
            `RAW${i}-${Date.now()}`,
            sample.county_code,
            sample.channel,
            sample.title,
            sample.body,
            sample.category_id,
            sample.urgency,
            sample.status,
            sample.town_id,
            sample.village_id,
            sample.grid_id,
            sample.owner_org_id,
            sample.lat,
            sample.lng,
            JSON.stringify(sample.machine),
            sample.level,
          ],
        );
        const id = r.rows[0].id;
        await client.query(
          `INSERT INTO case_events (case_id, version, at, type, actor_kind, actor_user_id, org_id, to_state, details)
           VALUES ($1,1,now(),$2,$3,$4,$5,$6,$7)`,
          [
            id,
            event.type,
            event.actor_kind,
            event.actor_user_id,
            event.org_id,
            event.to_state,
            JSON.stringify(event.details),
          ],
        );
        await client.query(
          `INSERT INTO case_deadlines (case_id, key, kind, org_id, county_code, started_at, due_at, warn_at)
           VALUES ($1,$2,$3,$4,$5,now(),$6,$7)`,
          [id, deadline.key, deadline.kind, deadline.org_id, deadline.county_code, deadline.due_at, deadline.warn_at],
        );
        await client.query(`INSERT INTO case_assignments (case_id, org_id, role) VALUES ($1,$2,'owner')`, [
          id,
          sample.owner_org_id,
        ]);
        await client.query(
          `INSERT INTO outbox (topic, case_id, payload, created_at, available_at) VALUES ('case.changed',$1,$2,now(),now())`,
          [id, JSON.stringify(outbox.payload)],
        );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    await pool.end();
    const rawRate = (n / rawMs) * 1000;
    console.log(
      `  case creation through the HTTP API: ${apiRate.toFixed(0)} cases/s (${n} cases, ${concurrency} concurrent, ${failures} failed)`,
    );
    console.log(`  the same rows with plain SQL:       ${rawRate.toFixed(0)} cases/s`);
    console.log(`  ratio API / plain SQL:              ${(apiRate / rawRate).toFixed(2)}`);
    return { apiRate, rawRate, ratio: apiRate / rawRate, failures };
  } finally {
    await system.close();
    await server.stop();
  }
}

async function inboxLatency(n: number) {
  const name = `gongzhi_bench_inbox_${n}`;
  const url = await ensureDatabase(ADMIN_URL, name, process.env.BENCH_FRESH === '1');
  const config = loadConfig({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn', DATABASE_URL: url });
  const system = await startSystem(config, { jobs: false, progress: (l) => console.log(`  ${l}`) });
  try {
    const { db } = system.services;
    const have = Number(
      (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM cases`.execute(db)).rows[0]?.n ?? 0,
    );
    if (have < n) {
      let last = -1;
      await generateCases(db, n - have, (done, total) => {
        const pct = Math.floor((done / total) * 100);
        if (pct !== last) process.stdout.write(`\r  generating cases: ${pct}%`);
        last = pct;
      });
      process.stdout.write('\n');
      // Open generated cases get what the live system gives them: an owner, a running clock (some overdue,
      // some in their yellow band) and their assignments.
      await sql`
        INSERT INTO case_deadlines (case_id, key, kind, org_id, county_code, started_at, due_at, warn_at)
        SELECT c.id, 'handle', 'handle', coalesce(c.lead_org_id, c.owner_org_id), c.county_code, c.reported_at,
               now() + ((c.id % 240) - 60) * interval '1 hour', now() + ((c.id % 240) - 90) * interval '1 hour'
        FROM cases c WHERE c.closed_at IS NULL AND coalesce(c.lead_org_id, c.owner_org_id) IS NOT NULL
        ON CONFLICT DO NOTHING`.execute(db);
      await sql`
        INSERT INTO case_assignments (case_id, org_id, role, status)
        SELECT c.id, c.lead_org_id, 'lead', CASE WHEN c.status = 'dispatched' THEN 'pending' ELSE 'done' END
        FROM cases c WHERE c.closed_at IS NULL AND c.lead_org_id IS NOT NULL
        ON CONFLICT DO NOTHING`.execute(db);
      await sql`ANALYZE`.execute(db);
    }
    const total = Number(
      (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM cases`.execute(db)).rows[0]?.n ?? 0,
    );
    const address = await system.app.listen({ host: '127.0.0.1', port: 0 });
    const headers = async (username: string) => {
      const r = await fetch(`${address}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo1234' }),
      });
      return { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
    };
    const busiestDept = await sql<{ username: string; n: number }>`
      SELECT u.username, count(*)::int AS n FROM cases c JOIN users u ON u.org_id = c.lead_org_id AND u.role = 'department_handler'
      WHERE c.closed_at IS NULL GROUP BY u.username ORDER BY n DESC LIMIT 1`.execute(db);
    const who = [
      ['county', `county operator (scope: all ${total} cases)`],
      ['town', 'town operator (one street)'],
      [busiestDept.rows[0]?.username ?? 'dept', `busiest department (${busiestDept.rows[0]?.n ?? '?'} open cases)`],
    ] as const;
    console.log(`  inbox latency, ${total} cases in the county:`);
    const results: Record<string, unknown>[] = [];
    for (const [username, label] of who) {
      const h = await headers(username);
      const get = (path: string) => async () => {
        const r = await fetch(`${address}${path}`, { headers: h });
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
      };
      for (const [what, path] of [
        ['box counts  GET /api/inbox', '/api/inbox'],
        ['to handle   GET /api/cases?box=to_handle', '/api/cases?box=to_handle'],
        ['overdue     GET /api/cases?box=overdue', '/api/cases?box=overdue'],
        ['all cases   GET /api/cases', '/api/cases'],
        ['search      GET /api/cases?q=路灯', `/api/cases?q=${encodeURIComponent('路灯')}`],
      ] as const) {
        await get(path)();
        const l = await latency(20, get(path));
        console.log(`    ${label.padEnd(42)} ${what.padEnd(42)} p50 ${fmt(l.p50)}  p95 ${fmt(l.p95)}`);
        results.push({ user: username, what, ...l });
      }
    }
    return { total, results };
  } finally {
    await system.close();
  }
}

export async function runCasesBench() {
  console.log('\n== Case lifecycle on PostgreSQL ==');
  const create = await createThroughput(
    Number(process.env.BENCH_CREATE ?? 2000),
    Number(process.env.BENCH_CONCURRENCY ?? 16),
  );
  const inbox = await inboxLatency(Number(process.env.BENCH_INBOX_CASES ?? 1_000_000));
  return { create, inbox };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runCasesBench();
}
