// Intake bench (issue 22): what one intake costs against what the database itself can do, in one run.
//  PostgreSQL: the limit = the rows of one intake (case row with its snapshot and search vector, opening
//  timeline entry, acceptance clock, owner assignment, outbox message) written by pgbench with
//  bench/intake.pgbench.sql, 16 clients, same server; beside it cases/s through `POST /api/cases` and through
//  the signed 12345 push (POST /api/hotline/orders), 16 concurrent clients, p50/p95/p99, and the ratio;
//  lifecycle actions/s (signFor, reply, callback) under 16 clients; the server's memory at rest and under load;
//  then the same intake through WORKERS=2 server processes (BENCH_WORKERS); the limit last, with no server running.
//  PGlite: PGlite's own loop of the same SQL against the API with 8 clients.
// Run: npm run bench -- intake   (BENCH_INTAKE=2000 BENCH_ACTIONS=600 BENCH_PGBENCH_SECONDS=10 BENCH_INTAKE_DB=pg,pglite
//      BENCH_WORKERS=2)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { searchDocument } from '../src/domain/analysis/index.js';
import { signPayload } from '../src/domain/intake/hotline-order.js';
import { jiebaSegmenter } from '../src/domain/text/index.js';
import { DEMO_HOTLINE_KEY, DEMO_HOTLINE_SIGNING_SECRET } from '../src/modules/hotline/demo-keys.js';
import { startServerProcess } from '../test/support/server-process.js';
import {
  Api,
  apiIntake,
  BODIES,
  type Grid,
  gridPoints,
  gridsOf,
  intakeBody,
  load,
  peakDuring,
  type Rate,
  rssMb,
} from './load.js';
import { ADMIN_URL, ensureDatabase } from './support.js';

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, 'intake.pgbench.sql');

let orderSeq = 0;
async function hotlineIntake(api: Api, grids: Grid[], n: number, concurrency: number): Promise<Rate> {
  const stamp = Date.now();
  return load('12345 push', n, concurrency, async (i) => {
    const g = grids[i % grids.length] as Grid;
    const raw = JSON.stringify({
      orderNo: `HL-BENCH-${stamp}-${orderSeq++}`,
      callTime: new Date().toISOString(),
      callerName: '王女士',
      callerPhone: '13900001111',
      content: BODIES[i % BODIES.length],
      hotlineCategory: '城乡建设',
      lat: g.lat,
      lng: g.lng,
      urgency: '一般',
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const r = await fetch(`${api.base}/api/hotline/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': DEMO_HOTLINE_KEY,
        'x-gz-timestamp': ts,
        'x-gz-signature': signPayload(DEMO_HOTLINE_SIGNING_SECRET, ts, raw),
      },
      body: raw,
    });
    await r.arrayBuffer();
    return r.status === 201 || r.status === 200;
  });
}

/** signFor, reply and callback on `n` cases dispatched by the county to the 住建局 (set up untimed). */
async function lifecycle(api: Api, grids: Grid[], n: number, concurrency: number) {
  const me = await fetch(`${api.base}/api/auth/me`, {
    headers: { authorization: `Bearer ${await api.login('dept')}` },
  });
  const leadOrgId = ((await me.json()) as { org: { id: number } }).org.id;
  const versions = new Map<number, number>();
  const ids: number[] = [];
  await load('  set-up: open, accept, dispatch', n, concurrency, async (i) => {
    const c = await api.post('county', '/api/cases', intakeBody(i, grids[i % grids.length] as Grid));
    if (c.status !== 201) return false;
    const id = c.json.id as number;
    let v = c.json.version as number;
    const a = await api.post('county', `/api/cases/${id}/actions`, { version: v, action: { type: 'accept' } });
    if (a.status !== 200) return false;
    v = a.json.version as number;
    const d = await api.post('county', `/api/cases/${id}/actions`, {
      version: v,
      action: { type: 'dispatch', leadOrgId },
    });
    if (d.status !== 200) return false;
    versions.set(id, d.json.version as number);
    ids.push(id);
    return true;
  });
  const step = (label: string, user: string, action: Record<string, unknown>) =>
    load(label, ids.length, concurrency, async (i) => {
      const id = ids[i] as number;
      let r = await api.post(user, `/api/cases/${id}/actions`, { version: versions.get(id), action });
      // a consumer (智能分类) may have added a version meanwhile: take the case's version and try again
      for (let attempt = 0; r.status === 409 && attempt < 3; attempt++) {
        const now = await fetch(`${api.base}/api/cases/${id}`, {
          headers: { authorization: `Bearer ${await api.login(user)}` },
        });
        const version = ((await now.json()) as { version: number }).version;
        r = await api.post(user, `/api/cases/${id}/actions`, { version, action });
      }
      if (r.status !== 200) return false;
      versions.set(id, r.json.version as number);
      return true;
    });
  return {
    sign: await step('signFor', 'dept', { type: 'signFor' }),
    reply: await step('reply', 'dept', { type: 'reply', content: '已安排人员到现场处理，问题已解决。' }),
    callback: await step('callback', 'county', { type: 'callback', rating: 'satisfied' }),
  };
}

/** The values of a case made through the API, as pgbench variables for bench/intake.pgbench.sql. */
async function sampleVariables(client: pg.Client | { query: pg.Client['query'] }): Promise<Record<string, string>> {
  const c = (
    await client.query(
      `SELECT * FROM cases WHERE channel = 'walk_in' AND status = 'submitted' ORDER BY id DESC LIMIT 1`,
    )
  ).rows[0];
  const e = (await client.query('SELECT details FROM case_events WHERE case_id = $1 AND version = 1', [c.id])).rows[0];
  // 智能分类 at intake: the note is the case's second entry, written with it, beside the suggestion's row
  const note = (await client.query('SELECT note, details FROM case_events WHERE case_id = $1 AND version = 2', [c.id]))
    .rows[0];
  const s = (await client.query('SELECT * FROM case_suggestions WHERE case_id = $1', [c.id])).rows[0];
  if (!note || !s) throw new Error(`case ${c.id} was not classified at intake (is INTAKE_CLASSIFY off?)`);
  const o = (await client.query('SELECT payload FROM outbox WHERE case_id = $1 ORDER BY id LIMIT 2', [c.id])).rows;
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return {
    county_code: c.county_code,
    channel: c.channel,
    title: c.title,
    body: c.body,
    status: c.status,
    town_id: String(c.town_id),
    village_id: String(c.village_id),
    grid_id: String(c.grid_id),
    owner_org_id: String(c.owner_org_id),
    lat: String(c.lat),
    lng: String(c.lng),
    created_by: String(c.created_by),
    machine: text(c.machine),
    level: c.level,
    search_doc: searchDocument([c.title, c.body, c.address], jiebaSegmenter()),
    event_details: text(e.details),
    note: note.note,
    note_details: text(note.details),
    suggested_category_id: String(s.category_id),
    suggested_category_name: s.category_name,
    first_level_name: s.level1_name,
    confidence: String(s.confidence),
    scores: text(s.scores),
    outbox_payload: text(o[0].payload),
    outbox_payload_next: text(o[1].payload),
  };
}

async function pgbench(url: string, vars: Record<string, string>, clients: number, seconds: number) {
  const u = new URL(url);
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(clients),
    '-j',
    String(Math.min(clients, os.cpus().length)),
    '-T',
    String(seconds),
    '-r',
    '-f',
    SCRIPT,
    '-h',
    u.hostname,
    '-p',
    u.port || '5432',
    '-U',
    decodeURIComponent(u.username) || 'postgres',
    ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    u.pathname.slice(1),
  ];
  const { stdout } = await run('pgbench', args, {
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
    maxBuffer: 10_000_000,
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
  if (!Number.isFinite(tps)) throw new Error(`pgbench printed no rate:\n${stdout}`);
  return { tps, latency, failed };
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
function row(label: string, r: Rate, limit?: number) {
  const ratio = limit ? `${((r.perSecond / limit) * 100).toFixed(1)} %` : '';
  console.log(
    `  ${label.padEnd(40)} ${f0(r.perSecond).padStart(7)}/s   p50 ${f1(r.p50).padStart(6)}  p95 ${f1(r.p95).padStart(6)}  p99 ${f1(r.p99).padStart(6)} ms  ${String(r.failed).padStart(3)} failed  ${ratio}`,
  );
}

async function onPostgres(n: number, actions: number, seconds: number) {
  console.log('\n== Intake on PostgreSQL (16 clients) ==');
  const url = await ensureDatabase(ADMIN_URL, 'gongzhi_bench_intake', true);
  const server = await startServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'warn' });
  try {
    const api = new Api(server.baseUrl);
    const grids = await gridsOf(url);
    await apiIntake(api, grids, 100, 4, 'warm-up');
    await new Promise((r) => setTimeout(r, 2000));
    const rest = rssMb(server);
    const [post, peakPost] = await peakDuring(server, () => apiIntake(api, grids, n, 16, 'POST /api/cases'));
    const [push, peakPush] = await peakDuring(server, () => hotlineIntake(api, grids, n, 16));
    const [acts, peakActs] = await peakDuring(server, () => lifecycle(api, grids, actions, 16));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const vars = await sampleVariables(client);
    await client.end();
    const after = rssMb(server);
    await server.stop();
    // Several server processes (WORKERS) on the same database: the same intake, after the single process stopped.
    const workers = Number(process.env.BENCH_WORKERS ?? 2);
    let multi: Rate | null = null;
    if (workers > 1) {
      const several = await startServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'warn', WORKERS: String(workers) });
      try {
        const api2 = new Api(several.baseUrl);
        await apiIntake(api2, grids, 100, 4, 'warm-up');
        multi = await apiIntake(api2, grids, n, 16, `POST /api/cases, WORKERS=${workers}`);
      } finally {
        await several.stop();
      }
    }
    // The limit last, with no server running: the consumers' work left by the API runs would otherwise share the
    // database server with pgbench and lower the limit.
    process.stdout.write(`  pgbench bench/intake.pgbench.sql: 16 clients, ${seconds} s …\n`);
    const limit = await pgbench(url, vars, 16, seconds);
    console.log(
      `\n  the limit: pgbench, the same rows          ${f0(limit.tps).padStart(7)}/s   avg ${f1(limit.latency)} ms, ${limit.failed} failed`,
    );
    row('POST /api/cases (walk-in, county)', post, limit.tps);
    row('12345 push POST /api/hotline/orders', push, limit.tps);
    if (multi) row(`POST /api/cases, WORKERS=${workers}`, multi, limit.tps);
    row('action signFor (住建局)', acts.sign);
    row('action reply', acts.reply);
    row('action callback (county)', acts.callback);
    console.log(
      `  server memory (RSS): at rest ${f0(rest)} MB, peak under intake ${f0(Math.max(peakPost, peakPush))} MB, under actions ${f0(peakActs)} MB, after ${f0(after)} MB`,
    );
    return { limit, post, push, workers: multi, actions: acts, memory: { rest, peakPost, peakPush, peakActs, after } };
  } finally {
    await server.stop();
  }
}

/** PGlite's own loop: the statements of bench/intake.pgbench.sql, one transaction per case, back to back. */
async function pgliteLoop(dataDir: string, seconds: number) {
  const system = await openDatabase({ dataDir, poolSize: 1 });
  try {
    const { db } = system;
    const vars = await sampleVariables({
      query: (async (text: string, params?: unknown[]) => {
        const q = sql.raw(text.replace(/\$(\d+)/g, (_m, k) => `'${String(params?.[Number(k) - 1])}'`));
        return { rows: (await q.execute(db)).rows };
      }) as unknown as pg.Client['query'],
    });
    const statements = fs
      .readFileSync(SCRIPT, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('--') && !l.includes('\\gset'))
      .join('\n')
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s && s !== 'BEGIN' && s !== 'END');
    const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      await db.transaction().execute(async (trx) => {
        const id = String(
          (await sql<{ id: number }>`SELECT nextval('cases_id_seq') AS id`.execute(trx)).rows[0]?.id as number,
        );
        for (const s of statements) {
          const text = s.replace(/(?<!:):([a-z_]+)/g, (_m, k: string) => (k === 'id' ? id : lit(vars[k] as string)));
          await sql.raw(text).execute(trx);
        }
      });
      n++;
    }
    return (n / (performance.now() - t0)) * 1000;
  } finally {
    await system.close();
  }
}

async function onPglite(n: number, seconds: number) {
  console.log('\n== Intake on the embedded database, PGlite (8 clients) ==');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-intake-'));
  try {
    const server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    let post: Rate;
    let push: Rate;
    let rest: number;
    let peak: number;
    try {
      const api = new Api(server.baseUrl);
      // the grid points come from the server (one process at a time opens PGlite's files)
      const points = await gridPoints(api);
      await apiIntake(api, points, 100, 4, 'warm-up');
      await new Promise((r) => setTimeout(r, 2000));
      rest = rssMb(server);
      [post, peak] = await peakDuring(server, () => apiIntake(api, points, n, 8, 'POST /api/cases'));
      push = await hotlineIntake(api, points, Math.min(n, 500), 8);
    } finally {
      await server.stop();
    }
    process.stdout.write(`  PGlite's own loop of bench/intake.pgbench.sql, ${seconds} s …\n`);
    const limit = await pgliteLoop(dataDir, seconds);
    console.log(`\n  the limit: PGlite's loop, the same rows    ${f0(limit).padStart(7)}/s`);
    row('POST /api/cases (walk-in, county)', post, limit);
    row('12345 push POST /api/hotline/orders', push, limit);
    console.log(`  server memory (RSS): at rest ${f0(rest)} MB, peak under intake ${f0(peak)} MB`);
    return { limit, post, push, memory: { rest, peak } };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runIntakeBench() {
  const n = Number(process.env.BENCH_INTAKE ?? 2000);
  const actions = Number(process.env.BENCH_ACTIONS ?? 600);
  const seconds = Number(process.env.BENCH_PGBENCH_SECONDS ?? 10);
  const which = (process.env.BENCH_INTAKE_DB ?? 'pg,pglite').split(',');
  const result: Record<string, unknown> = {};
  if (which.includes('pg')) result.postgres = await onPostgres(n, actions, seconds);
  if (which.includes('pglite')) result.pglite = await onPglite(Math.min(n, 1000), seconds);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runIntakeBench();
}
