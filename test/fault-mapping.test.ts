// Faults of the database (issue 18), the parts that run in the ordinary suite: which errors are the database's
// (src/db/database-faults.ts) and how the API answers them (503 / 507 with Retry-After and a Chinese message,
// never 500); a real pg pool against a closed port; the background jobs pausing and resuming on a fault
// instead of failing every second; on PostgreSQL, the server's own connections ended by the database server
// (pg_terminate_backend: what a restart does to them) and the server answering again without a restart.
// The restart of the whole PostgreSQL server and the full disk are in fault-postgres / fault-disk (FAULT_TESTS=1).
import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../src/core/errors.js';
import { openDatabase } from '../src/db/database.js';
import { databaseFault } from '../src/db/database-faults.js';
import { installErrorHandler } from '../src/http/error-handler.js';
import { faultBackoffMs, JobRunner, LOCK_RACE_REDOS } from '../src/jobs/job-runner.js';
import { freePort } from './support/server-process.js';
import { onPostgres, startTestSystem, type TestSystem } from './support/system.js';

/** An error shaped as pg's DatabaseError (code, severity) or as a Node socket error (code only). */
const pgError = (code: string, message: string, severity = 'FATAL') =>
  Object.assign(new Error(message), { code, severity });
const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111 });

describe('databaseFault', () => {
  it.each([
    [
      'a restart ends the session (57P01 admin_shutdown)',
      pgError('57P01', 'terminating connection due to administrator command'),
      'unavailable',
    ],
    [
      'crash shutdown (57P02)',
      pgError('57P02', 'terminating connection because of crash of another server process'),
      'unavailable',
    ],
    ['starting up (57P03 cannot_connect_now)', pgError('57P03', 'the database system is starting up'), 'unavailable'],
    ['connection exception 08006', pgError('08006', 'connection failure', 'ERROR'), 'unavailable'],
    ['connection exception 08001', pgError('08001', 'could not connect', 'ERROR'), 'unavailable'],
    ['too many connections (53300)', pgError('53300', 'sorry, too many clients already'), 'unavailable'],
    ['server down (ECONNREFUSED)', errno('ECONNREFUSED'), 'unavailable'],
    ['connection reset (ECONNRESET)', errno('ECONNRESET'), 'unavailable'],
    ['pg: socket closed under a query', new Error('Connection terminated unexpectedly'), 'unavailable'],
    [
      'pg: a client whose connection failed',
      new Error('Client has encountered a connection error and is not queryable'),
      'unavailable',
    ],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    [
      'localhost tried on IPv6 and IPv4',
      new AggregateError([errno('ECONNREFUSED'), errno('ECONNREFUSED')]),
      'unavailable',
    ],
    ['wrapped as a cause', new Error('query failed', { cause: errno('ECONNREFUSED') }), 'unavailable'],
    [
      'disk full (53100)',
      pgError('53100', 'could not extend file "base/5/16614": No space left on device', 'ERROR'),
      'storage_full',
    ],
    ['ENOSPC from the file system', errno('ENOSPC'), 'storage_full'],
  ])('%s → %s', (_name, error, fault) => {
    expect(databaseFault(error)).toBe(fault);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint', 'ERROR')],
    ['a value out of range (the request is wrong)', pgError('22003', 'value out of range', 'ERROR')],
    ['a serialization failure (retried by the code)', pgError('40001', 'could not serialize access', 'ERROR')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('%s is not a database fault', (_name, error) => {
    expect(databaseFault(error)).toBeNull();
  });
});

describe('the API answers a database fault', () => {
  const app = Fastify({ logger: false });
  const thrown: Record<string, unknown> = {
    restart: pgError('57P01', 'terminating connection due to administrator command'),
    refused: new AggregateError([errno('ECONNREFUSED')]),
    terminated: new Error('Connection terminated unexpectedly'),
    full: pgError('53100', 'could not extend file "base/5/1": No space left on device', 'ERROR'),
    deadlock: pgError('40P01', 'deadlock detected', 'ERROR'),
    bug: new Error('a bug'),
  };
  beforeAll(async () => {
    installErrorHandler(app);
    app.get('/boom/:kind', async (request) => {
      throw thrown[(request.params as { kind: string }).kind];
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it.each(['restart', 'refused', 'terminated'])('%s: 503 DATABASE_UNAVAILABLE with Retry-After', async (kind) => {
    const r = await app.inject({ method: 'GET', url: `/boom/${kind}` });
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBe('5');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: ERRORS.DATABASE_UNAVAILABLE.message });
    expect(r.json().message).toContain('数据库暂时不可用');
  });

  it('a full disk: 507 STORAGE_FULL, 存储空间不足, Retry-After', async () => {
    const r = await app.inject({ method: 'GET', url: '/boom/full' });
    expect(r.statusCode).toBe(507);
    expect(r.headers['retry-after']).toBe('60');
    expect(r.json()).toMatchObject({ code: 'STORAGE_FULL' });
    expect(r.json().message).toMatch(/^存储空间不足/);
  });

  it('a deadlock victim (rolled back whole): 409 CONFLICT, to be sent again', async () => {
    const r = await app.inject({ method: 'GET', url: '/boom/deadlock' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({ code: 'CONFLICT', message: ERRORS.CONFLICT.message });
  });

  it('anything else stays a 500 without Retry-After', async () => {
    const r = await app.inject({ method: 'GET', url: '/boom/bug' });
    expect(r.statusCode).toBe(500);
    expect(r.headers['retry-after']).toBeUndefined();
  });
});

describe('a real pg pool when nothing listens', () => {
  it('fails its queries as unavailable, and the process goes on', async () => {
    const port = await freePort();
    const database = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/none`, poolSize: 2 });
    try {
      const error = await database.db
        .selectFrom('cases')
        .select('id')
        .execute()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).not.toBeNull();
      expect(databaseFault(error)).toBe('unavailable');
    } finally {
      await database.close();
    }
  });
});

/** A runner whose log lines are kept ("warn …", "error …"), and a promise a job's pass resolves with `done`. */
function loggedRunner() {
  const lines: string[] = [];
  const runner = new JobRunner({
    error: (_o, msg) => lines.push(`error ${msg}`),
    warn: (_o, msg) => lines.push(`warn ${msg}`),
  });
  let done = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  return { lines, runner, done: () => done(), finished };
}

describe('background jobs on a database fault', () => {
  it('wait longer between tries, doubling up to 30 s, and never less than their own period', () => {
    expect(faultBackoffMs(1000, 0)).toBe(1000);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => faultBackoffMs(1000, n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(faultBackoffMs(60_000, 3)).toBe(60_000);
  });

  it('say once that they paused, keep trying, and say when they resumed', async () => {
    const lines: { level: string; msg: string; obj: Record<string, unknown> }[] = [];
    const runner = new JobRunner({
      error: (obj, msg) => lines.push({ level: 'error', msg, obj: obj as Record<string, unknown> }),
      warn: (obj, msg) => lines.push({ level: 'warn', msg, obj: obj as Record<string, unknown> }),
    });
    let down = true;
    let passes = 0;
    runner.register({
      name: 'sweeper',
      everyMs: 1000,
      run: async () => {
        passes++;
        if (down) throw pgError('57P01', 'terminating connection due to administrator command');
        return false;
      },
    });
    await runner.runNow('sweeper');
    await runner.runNow('sweeper');
    await runner.runNow('sweeper');
    down = false;
    await runner.runNow('sweeper');
    await runner.runNow('sweeper');
    await runner.stop();
    expect(passes).toBe(5);
    expect(lines.map((l) => `${l.level} ${l.msg}`)).toEqual([
      'warn background job paused: the database is unavailable, retrying',
      'warn background job resumed',
    ]);
    expect(lines[0]?.obj).toMatchObject({ job: 'sweeper', fault: 'unavailable' });
  });

  it('a pass that lost a lock race (a deadlock, a serialization failure) is redone at once, said as a warning', async () => {
    const { lines, runner, done, finished } = loggedRunner();
    const failures = [
      pgError('40P01', 'deadlock detected', 'ERROR'),
      pgError('40001', 'could not serialize access', 'ERROR'),
    ];
    let passes = 0;
    runner.register({
      name: 'consumer',
      everyMs: 60_000,
      run: async () => {
        passes++;
        const failure = failures.shift();
        if (failure) throw failure;
        done();
        return false;
      },
    });
    runner.start();
    // the period is a minute: only "at once" brings the third pass within the test's time
    await finished;
    await runner.stop();
    expect(passes).toBe(3);
    expect(lines).toEqual([
      'warn background job redone: lost a lock race',
      'warn background job redone: lost a lock race',
    ]);
  });

  it(`a pass that keeps losing lock races is redone ${LOCK_RACE_REDOS} times at once, then waits its period`, async () => {
    const { lines, runner, done, finished: gaveUp } = loggedRunner();
    let passes = 0;
    runner.register({
      name: 'contended',
      everyMs: 60_000,
      run: async () => {
        passes++;
        if (passes === LOCK_RACE_REDOS + 1) setTimeout(done, 300);
        throw pgError('40P01', 'deadlock detected', 'ERROR');
      },
    });
    runner.start();
    await gaveUp;
    await runner.stop();
    // the first pass and its redos, then nothing within 300 ms: the next pass is a minute away
    expect(passes).toBe(LOCK_RACE_REDOS + 1);
    expect(lines).toEqual([
      ...Array(LOCK_RACE_REDOS).fill('warn background job redone: lost a lock race'),
      'warn background job lost lock races again: waits its period',
    ]);
  });

  it('other failures are still logged as errors every time', async () => {
    const lines: string[] = [];
    const runner = new JobRunner({ error: (_o, msg) => lines.push(msg), warn: (_o, msg) => lines.push(msg) });
    runner.register({
      name: 'broken',
      everyMs: 1000,
      run: async () => {
        throw new Error('a bug');
      },
    });
    await runner.runNow('broken');
    await runner.runNow('broken');
    await runner.stop();
    expect(lines).toEqual(['background job failed', 'background job failed']);
  });
});

describe.runIf(onPostgres())('the server when PostgreSQL ends its connections', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(() => sys?.stop());

  it('answers 2xx or 503 (never 500) while they end, then 200 again from new connections', async () => {
    const county = await sys.login('county');
    const list = () => sys.request({ method: 'GET', url: '/api/cases?limit=3', headers: county });
    // the pool holds some connections
    await Promise.all([list(), list(), list(), list()]);
    const url = sys.databaseUrl as string;
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    let ended = 0;
    try {
      // what a restart does to every session: FATAL 57P01 terminating connection due to administrator command
      const during = Promise.all(Array.from({ length: 8 }, () => list()));
      const r = await admin.query<{ ended: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      ended = r.rows.filter((x) => x.ended).length;
      for (const reply of await during) {
        expect([200, 503]).toContain(reply.statusCode);
        if (reply.statusCode === 503) expect(reply.headers['retry-after']).toBe('5');
      }
    } finally {
      await admin.end();
    }
    expect(ended).toBeGreaterThan(0);
    // no dead connection is handed out again: the pool dropped them and opens new ones
    const after: number[] = [];
    for (let i = 0; i < 20; i++) after.push((await list()).statusCode);
    expect(after.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(after.slice(-10)).toEqual(Array(10).fill(200));
  });
});
