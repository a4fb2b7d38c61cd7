// Sweeper bench (issue 22): the lag between a clock's due time and its escalation when 1,000 clocks fall due
// per second. One case is made through the API; N copies of it (case row, timeline, acceptance clock,
// assignments — real cases the state machine escalates) are written in SQL, untimed, their clocks re-timed in
// the copy (row and snapshot alike) to fall due at a steady BENCH_SWEEPER_RATE per second from a few seconds
// ahead, their yellow points BENCH_SWEEPER_WARN_SECONDS before (so warnings flow at the same rate). The server,
// in its own process with its background jobs as in production, sweeps them. Printed: the rate of due clocks,
// the lag (escalation − due) p50/p95/p99/max by the timeline entry's time (the time the sweeping pass read its
// clock) and, on PostgreSQL, by the time its commit was seen (polled every 100 ms: an upper bound), the
// escalations/s achieved, the backlog every second, and clocks escalated more than once (must be 0).
// Run: npm run bench -- sweeper   (BENCH_SWEEPER_RATE=1000 BENCH_SWEEPER_SECONDS=25 BENCH_SWEEPER_DB=pg
//      [pg,pglite] BENCH_SWEEPER_WORKERS=1 BENCH_SWEEPER_LEAD_SECONDS BENCH_SWEEPER_GRACE_SECONDS=60)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { startServerProcess } from '../test/support/server-process.js';
import { Api, type Grid, gridPoints, gridsOf, intakeBody } from './load.js';
import { ADMIN_URL, ensureDatabase, percentile } from './support.js';

const ISO = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Schedule {
  n: number;
  rate: number;
  /** The first due time, in the server's (demo) time, ms since the epoch. */
  t0: number;
  /** The server's demo clock offset from the wall clock. */
  offset: number;
  warnMs: number;
}

const stepMs = (s: Schedule) => 1000 / s.rate;
const lastDue = (s: Schedule) => s.t0 + (s.n - 1) * stepMs(s);
/** How many clocks are due at server time `at`. */
const dueBy = (s: Schedule, at: number) => Math.max(0, Math.min(s.n, Math.floor((at - s.t0) / stepMs(s)) + 1));

/** The columns of `table` a copy writes (identity and generated columns left out). */
async function columnsOf(db: Kysely<DB>, table: string): Promise<string[]> {
  const rows = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} AND is_identity = 'NO' AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(db);
  return rows.rows.map((r) => r.column_name);
}

/** `INSERT INTO table (cols) SELECT <override or src.col> …`: the select list of a copy. */
function copyList(columns: string[], overrides: Record<string, RawBuilder<unknown>>) {
  return {
    into: sql.raw(columns.map((c) => `"${c}"`).join(', ')),
    select: sql.join(columns.map((c) => overrides[c] ?? sql.raw(`src."${c}"`))),
  };
}

/**
 * N copies of the template case, one transaction: the schedule table (case id → due time), then the case rows
 * (snapshot with its id and its one clock re-timed), the timeline, the clock rows and the assignments.
 */
async function copyCases(db: Kysely<DB>, templateId: number, s: Schedule): Promise<{ min: number; max: number }> {
  const tpl = await db
    .selectFrom('cases')
    .select(['machine', 'status', 'version'])
    .where('id', '=', templateId)
    .executeTakeFirstOrThrow();
  const deadlines = (tpl.machine as { deadlines: { key: string }[] }).deadlines;
  if (deadlines.length !== 1) throw new Error(`the template case has ${deadlines.length} clocks, expected 1`);
  const [cases, events, clocks, assignments] = (await Promise.all(
    ['cases', 'case_events', 'case_deadlines', 'case_assignments'].map((t) => columnsOf(db, t)),
  )) as [string[], string[], string[], string[]];
  const t0 = new Date(s.t0);
  const due = sql`b.due_at`;
  const warn = sql`(b.due_at - ${s.warnMs}::float8 * interval '1 millisecond')`;
  // one snapshot of the template (a consumer may give it a new version meanwhile)
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`DROP TABLE IF EXISTS bench_sweeper_clocks`.execute(trx);
      await sql`CREATE TABLE bench_sweeper_clocks (case_id bigint PRIMARY KEY, i integer NOT NULL, due_at timestamptz NOT NULL)`.execute(
        trx,
      );
      await sql`INSERT INTO bench_sweeper_clocks (case_id, i, due_at)
      SELECT nextval('cases_id_seq'), g, ${t0}::timestamptz + g * ${stepMs(s)}::float8 * interval '1 millisecond'
      FROM generate_series(0, ${s.n - 1}::int) g`.execute(trx);
      const machine = sql`jsonb_set(jsonb_set(jsonb_set(src.machine, '{id}', to_jsonb(b.case_id::text)),
      '{deadlines,0,dueAt}', to_jsonb(to_char(${due} AT TIME ZONE 'UTC', ${ISO}))),
      '{deadlines,0,warnAt}', to_jsonb(to_char(${warn} AT TIME ZONE 'UTC', ${ISO})))`;
      const c = copyList(cases, {
        number: sql`src.number || '-S' || b.i`,
        machine,
        client_token: sql`NULL`,
        external_ref: sql`NULL`,
      });
      await sql`INSERT INTO cases (id, ${c.into}) SELECT b.case_id, ${c.select}
      FROM bench_sweeper_clocks b, cases src WHERE src.id = ${templateId}`.execute(trx);
      const e = copyList(events, { case_id: sql`b.case_id` });
      await sql`INSERT INTO case_events (${e.into}) SELECT ${e.select}
      FROM bench_sweeper_clocks b, case_events src WHERE src.case_id = ${templateId}`.execute(trx);
      const k = copyList(clocks, {
        case_id: sql`b.case_id`,
        due_at: due,
        warn_at: warn,
        warned_at: sql`NULL`,
        escalated_at: sql`NULL`,
      });
      await sql`INSERT INTO case_deadlines (${k.into}) SELECT ${k.select}
      FROM bench_sweeper_clocks b, case_deadlines src WHERE src.case_id = ${templateId}`.execute(trx);
      const a = copyList(assignments, { case_id: sql`b.case_id` });
      await sql`INSERT INTO case_assignments (${a.into}) SELECT ${a.select}
      FROM bench_sweeper_clocks b, case_assignments src WHERE src.case_id = ${templateId}`.execute(trx);
    });
  await sql`ANALYZE cases`.execute(db);
  await sql`ANALYZE case_deadlines`.execute(db);
  const range = await sql<{ min: number; max: number }>`
    SELECT min(case_id)::int AS min, max(case_id)::int AS max FROM bench_sweeper_clocks`.execute(db);
  return range.rows[0] as { min: number; max: number };
}

/** The template: a walk-in report by the county operator, through the API (status submitted, acceptance clock). */
async function templateCase(api: Api, grid: Grid): Promise<number> {
  const r = await api.post('county', '/api/cases', intakeBody(0, grid));
  if (r.status !== 201) throw new Error(`template case not created: ${r.status} ${JSON.stringify(r.json)}`);
  // let the consumers (智能分类 …) add their versions before it is copied
  await sleep(3000);
  return r.json.id as number;
}

async function clockOffset(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('clock_state').select('offset_ms').where('id', '=', 1).executeTakeFirst();
  return Number(row?.offset_ms ?? 0);
}

interface Outcome {
  /** Escalation lags by the timeline entry's time, ms. */
  byEvent: number[];
  /** By the time the commit was seen (PostgreSQL only), ms. */
  bySeen: number[];
  /** Server time of each escalation by its timeline entry. */
  eventAt: number[];
  twice: number;
  missing: number;
  warned: number;
}

/** What happened to the scheduled clocks, read after the run. */
async function readOutcome(db: Kysely<DB>, s: Schedule, seen: Map<number, number>): Promise<Outcome> {
  const rows = await sql<{ case_id: number; due: Date; at: Date }>`
    SELECT b.case_id::int AS case_id, b.due_at AS due, e.at
    FROM bench_sweeper_clocks b JOIN case_events e ON e.case_id = b.case_id AND e.type = 'escalateOverdue'`.execute(db);
  const count = new Map<number, number>();
  const byEvent: number[] = [];
  const bySeen: number[] = [];
  const eventAt: number[] = [];
  for (const r of rows.rows) {
    count.set(r.case_id, (count.get(r.case_id) ?? 0) + 1);
    if ((count.get(r.case_id) ?? 0) > 1) continue;
    const due = new Date(r.due).getTime();
    const at = new Date(r.at).getTime();
    byEvent.push(at - due);
    eventAt.push(at);
    const wall = seen.get(r.case_id);
    if (wall !== undefined) bySeen.push(wall + s.offset - due);
  }
  const warned = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM bench_sweeper_clocks b
    WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = b.case_id AND n.kind = 'due_soon')`.execute(db);
  return {
    byEvent: byEvent.sort((a, b) => a - b),
    bySeen: bySeen.sort((a, b) => a - b),
    eventAt: eventAt.sort((a, b) => a - b),
    twice: [...count.values()].filter((v) => v > 1).length,
    missing: s.n - count.size,
    warned: warned.rows[0]?.n ?? 0,
  };
}

const f1 = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The end of the sweep, in server time: the last due time or the last escalation, whichever came later. */
const sweepEnd = (s: Schedule, o: Outcome) => Math.max(lastDue(s), o.eventAt.at(-1) ?? 0);

interface Sample {
  /** wall clock, ms */
  at: number;
  ms: number;
  status: number;
}

/**
 * A user beside the sweep: the county operator opens a case page every 250 ms, one request at a time, until
 * stopped. A person's requests must not wait behind the background jobs' backlog.
 */
function probeUser(api: Api, caseId: number) {
  const samples: Sample[] = [];
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const at = Date.now();
      const start = performance.now();
      const status = await api.get('county', `/api/cases/${caseId}`).catch(() => 0);
      samples.push({ at, ms: performance.now() - start, status });
      await sleep(250);
    }
  })();
  return {
    samples,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

function reportProbe(s: Schedule, o: Outcome, samples: Sample[]) {
  const end = sweepEnd(s, o);
  const line = (label: string, xs: Sample[]) => {
    const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
    if (ms.length === 0) return `  ${label}: no request\n`;
    const failed = xs.filter((x) => x.status !== 200).length;
    return `  ${label.padEnd(34)} p50 ${percentile(ms, 50).toFixed(0)}  p95 ${percentile(ms, 95).toFixed(0)}  max ${(ms[ms.length - 1] as number).toFixed(0)} ms  (${ms.length} requests, ${failed} not 200)\n`;
  };
  process.stdout.write(
    `  a user's case page (county operator, one request every 250 ms):\n` +
      line(
        'at rest, before the first due time',
        samples.filter((x) => x.at + s.offset < s.t0),
      ) +
      line(
        'while the clocks fall due and escalate',
        samples.filter((x) => x.at + s.offset >= s.t0 && x.at + s.offset <= end),
      ),
  );
}

function report(label: string, s: Schedule, o: Outcome) {
  const lags = (name: string, xs: number[]) =>
    xs.length === 0
      ? ''
      : `  lag ${name.padEnd(22)} p50 ${f1(percentile(xs, 50))}  p95 ${f1(percentile(xs, 95))}  p99 ${f1(percentile(xs, 99))}  max ${f1(xs[xs.length - 1] as number)}\n`;
  const done = o.eventAt.length;
  const span = done > 0 ? ((o.eventAt[done - 1] as number) - s.t0 + stepMs(s)) / 1000 : Number.NaN;
  process.stdout.write(
    `\n  ${label}: ${s.n} clocks due at ${s.rate}/s over ${((lastDue(s) - s.t0) / 1000).toFixed(1)} s\n` +
      lags('(timeline entry time)', o.byEvent) +
      lags('(commit seen, ≤ +0.1 s)', o.bySeen) +
      `  escalations/s achieved  ${(done / span).toFixed(0)} (${done} escalated from the first due time to the last escalation, ${span.toFixed(1)} s)\n` +
      `  not escalated ${o.missing}, escalated twice ${o.twice}, warned (yellow) ${o.warned}\n`,
  );
  // The backlog (due but not escalated, by the timeline's time) every second.
  const end = sweepEnd(s, o);
  const cells: string[] = [];
  let j = 0;
  for (let t = s.t0 + 1000; t < end + 1000; t += 1000) {
    while (j < done && (o.eventAt[j] as number) <= t) j++;
    cells.push(`+${Math.round((t - s.t0) / 1000)}s ${dueBy(s, t) - j}`);
  }
  process.stdout.write(`  backlog per second: ${cells.join(', ')}\n`);
}

function scheduleFrom(offset: number, leadMs: number): Schedule {
  const rate = Number(process.env.BENCH_SWEEPER_RATE ?? 1000);
  const seconds = Number(process.env.BENCH_SWEEPER_SECONDS ?? 25);
  return {
    n: Math.round(rate * seconds),
    rate,
    t0: Date.now() + offset + leadMs,
    offset,
    warnMs: Number(process.env.BENCH_SWEEPER_WARN_SECONDS ?? 2) * 1000,
  };
}

const grace = () => Number(process.env.BENCH_SWEEPER_GRACE_SECONDS ?? 60) * 1000;

async function onPostgres(): Promise<Outcome> {
  const workers = process.env.BENCH_SWEEPER_WORKERS ?? '1';
  console.log(`\n== Deadline sweeper on PostgreSQL (WORKERS=${workers}) ==`);
  const url = await ensureDatabase(ADMIN_URL, 'gongzhi_bench_sweeper', true);
  const server = await startServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'warn', WORKERS: workers });
  const system = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    const { db } = system;
    const api = new Api(server.baseUrl);
    const templateId = await templateCase(api, (await gridsOf(url))[0] as Grid);
    const offset = await clockOffset(db);
    const rate = Number(process.env.BENCH_SWEEPER_RATE ?? 1000);
    const seconds = Number(process.env.BENCH_SWEEPER_SECONDS ?? 25);
    const lead = Number(process.env.BENCH_SWEEPER_LEAD_SECONDS ?? 10 + (rate * seconds) / 600) * 1000;
    const s = scheduleFrom(offset, lead);
    process.stdout.write(`  set-up: ${s.n} copies of case ${templateId}, the first due in ${lead / 1000} s …\n`);
    const setUp = performance.now();
    const range = await copyCases(db, templateId, s);
    const ahead = s.t0 - (Date.now() + offset);
    process.stdout.write(
      `  set-up done in ${((performance.now() - setUp) / 1000).toFixed(1)} s, ${(ahead / 1000).toFixed(1)} s before the first due time\n`,
    );
    if (ahead < 1000) console.log('  WARNING: the set-up ran into the schedule; raise BENCH_SWEEPER_LEAD_SECONDS');
    const probe = probeUser(api, templateId);

    // Watch the escalations commit: new timeline entries by id (a look-back covers transactions that
    // committed out of id order), every 100 ms; the backlog every second.
    const seen = new Map<number, number>();
    let cursor = 0;
    let nextLine = s.t0 + 1000;
    const stopAt = lastDue(s) + grace();
    while (seen.size < s.n && Date.now() + offset < stopAt) {
      const rows = await sql<{ id: number; case_id: number }>`
        SELECT id::int AS id, case_id::int AS case_id FROM case_events
        WHERE id > ${Math.max(0, cursor - 2000)} AND type = 'escalateOverdue'
          AND case_id BETWEEN ${range.min} AND ${range.max}`.execute(db);
      const wall = Date.now();
      for (const r of rows.rows) {
        if (!seen.has(r.case_id)) seen.set(r.case_id, wall);
        cursor = Math.max(cursor, r.id);
      }
      const now = wall + offset;
      if (now >= nextLine) {
        const t = Math.round((now - s.t0) / 1000);
        process.stdout.write(
          `  +${t}s due ${dueBy(s, now)}  escalated ${seen.size}  backlog ${dueBy(s, now) - seen.size}\n`,
        );
        nextLine += 1000;
      }
      await sleep(100);
    }
    await sleep(1500); // let the last warnings and transactions land
    await probe.stop();
    const outcome = await readOutcome(db, s, seen);
    report('PostgreSQL', s, outcome);
    reportProbe(s, outcome, probe.samples);
    return outcome;
  } finally {
    await system.close();
    await server.stop();
  }
}

/**
 * PGlite: the server holds the files, so the copies are written between two runs of it, with a lead that
 * covers its start, and the lag is read from the timeline after it stopped.
 */
async function onPglite(): Promise<Outcome> {
  console.log('\n== Deadline sweeper on the embedded database, PGlite ==');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-sweeper-'));
  try {
    let server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    let templateId: number;
    try {
      const api = new Api(server.baseUrl);
      templateId = await templateCase(api, (await gridPoints(api))[0] as Grid);
    } finally {
      await server.stop();
    }
    const system = await openDatabase({ dataDir, poolSize: 1 });
    let s: Schedule;
    try {
      const offset = await clockOffset(system.db);
      s = scheduleFrom(offset, Number(process.env.BENCH_SWEEPER_LEAD_SECONDS ?? 60) * 1000);
      process.stdout.write(`  set-up: ${s.n} copies of case ${templateId} …\n`);
      await copyCases(system.db, templateId, s);
    } finally {
      await system.close();
    }
    server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    try {
      const ahead = s.t0 - (Date.now() + s.offset);
      process.stdout.write(`  server up ${(ahead / 1000).toFixed(1)} s before the first due time\n`);
      if (ahead < 1000)
        console.log('  WARNING: the server started after the schedule began; raise BENCH_SWEEPER_LEAD_SECONDS');
      const stopAt = lastDue(s) + Number(process.env.BENCH_SWEEPER_GRACE_SECONDS ?? 30) * 1000;
      while (Date.now() + s.offset < stopAt) {
        await sleep(5000);
        process.stdout.write(
          `  +${Math.round((Date.now() + s.offset - s.t0) / 1000)}s (the timeline is read after the run)\n`,
        );
      }
    } finally {
      await server.stop();
    }
    const after = await openDatabase({ dataDir, poolSize: 1 });
    try {
      const outcome = await readOutcome(after.db, s, new Map());
      report('PGlite', s, outcome);
      return outcome;
    } finally {
      await after.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runSweeperBench() {
  const which = (process.env.BENCH_SWEEPER_DB ?? 'pg').split(',');
  const result: Record<string, Outcome> = {};
  if (which.includes('pg')) result.postgres = await onPostgres();
  if (which.includes('pglite')) result.pglite = await onPglite();
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSweeperBench();
}
