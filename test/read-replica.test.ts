// The read replica (DATABASE_READ_URL, issue 22) against a real one: the test makes its own primary cluster
// (initdb, so nothing of the shared server is copied) and a streaming replica of it (pg_basebackup -R), both on free
// ports under a temporary directory, and starts the system on them. With replay paused on the replica, a case
// written through the API is on the case page and in the inbox at once (the primary) and missing from the command
// centre (the replica) until replay resumes; /health reports the replica and its lag; a stopped replica answers 503
// for its reads while the case work goes on. Runs in the PostgreSQL pass (TEST_DATABASE_URL) where the PostgreSQL 15
// binaries are installed; as root the clusters run as the `postgres` OS user (the server refuses to run as root).
import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { freePort, runServerUntilExit } from './support/server-process.js';
import { onPostgres, startTestSystem, type TestSystem } from './support/system.js';

const BIN = '/usr/lib/postgresql/15/bin';
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];
const missingTools = TOOLS.filter((tool) => !existsSync(path.join(BIN, tool)));
const skipReason = missingTools.length
  ? `PostgreSQL 15 binaries missing in ${BIN}: ${missingTools.join(', ')}`
  : !onPostgres()
    ? 'TEST_DATABASE_URL is not set (the replica test belongs to the PostgreSQL pass)'
    : null;
const asRoot = process.getuid?.() === 0;
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Headers = Record<string, string>;

describe('DATABASE_READ_URL on the embedded database', () => {
  it('is refused by the configuration, with the reason', () => {
    const replica = 'postgres://postgres@127.0.0.1:5433/gongzhi';
    expect(() => loadConfig({ DATABASE_READ_URL: replica })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_READ_URL: replica })).toThrow(
      /DATABASE_READ_URL needs PostgreSQL: set DATABASE_URL.*has no replicas/,
    );
    const primary = 'postgres://postgres@127.0.0.1:5432/gongzhi';
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://x/y' })).toThrow(
      /DATABASE_READ_URL must be a postgres:\/\/… URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica, DATABASE_READ_POOL_SIZE: '0' }),
    ).toThrow(/DATABASE_READ_POOL_SIZE must be at least 1/);
    const config = loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica, DATABASE_READ_POOL_SIZE: '4' });
    expect([config.databaseReadUrl, config.databaseReadPoolSize]).toEqual([replica, 4]);
    expect([loadConfig({ DATABASE_URL: primary }).databaseReadUrl, loadConfig({}).databaseReadPoolSize]).toEqual([
      undefined,
      10,
    ]);
  });

  it('stops the server at start with the reason', async () => {
    const { code, output } = await runServerUntilExit({ GONGZHI_MODE: 'demo', DATABASE_READ_URL: 'postgres://x/y' }, [
      'DATABASE_URL',
      'WORKERS',
    ]);
    expect(code).toBe(1);
    expect(output).toContain('configuration error: DATABASE_READ_URL needs PostgreSQL');
  });
});

describe.skipIf(skipReason !== null)(`a streaming replica${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir = '';
  let primaryDir = '';
  let replicaDir = '';
  let sys: TestSystem | undefined;
  let primary: pg.Client | undefined;
  let replica: pg.Client | undefined;
  const as: Record<string, Headers> = {};
  let gridPoint = { lat: 0, lng: 0 };

  /** A PostgreSQL program, as the `postgres` OS user when the test runs as root. */
  async function pgTool(tool: string, args: string[]): Promise<string> {
    const file = path.join(BIN, tool);
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    try {
      const { stdout } = await run(command, argv, { cwd: dir, timeout: 60_000, env: { ...process.env, LC_ALL: 'C' } });
      return stdout;
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
    }
  }

  /** Stops a cluster this test started, if it runs: pg_ctl, else its postmaster by the pid in its own pid file. */
  async function stopCluster(dataDir: string): Promise<void> {
    const pidFile = path.join(dataDir, 'postmaster.pid');
    if (!dataDir || !existsSync(pidFile)) return;
    await pgTool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT'); // the postmaster's immediate shutdown
  }

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function replayed(what: 'replay' | 'receive' = 'replay'): Promise<void> {
    const { rows } = await (primary as pg.Client).query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const lsn = rows[0]?.lsn;
    const position = what === 'replay' ? 'pg_last_wal_replay_lsn()' : 'pg_last_wal_receive_lsn()';
    for (let i = 0; i < 600; i++) {
      const { rows: done } = await (replica as pg.Client).query<{ ok: boolean }>(
        `SELECT coalesce(pg_wal_lsn_diff(${position}, $1::pg_lsn) >= 0, false) AS ok`,
        [lsn],
      );
      if (done[0]?.ok) return;
      await sleep(50);
    }
    throw new Error(`the replica did not ${what} the primary's WAL up to ${lsn} within 30 s`);
  }

  const call = async (method: string, url: string, headers: Headers, payload?: unknown) =>
    (sys as TestSystem).json(method, url, headers, payload);
  const recentInCommandCentre = async () => {
    const overview = await call('GET', '/api/command/overview', as.leader as Headers);
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    return (overview.body.recent as { id: number }[]).map((r) => r.id);
  };
  const health = async () => {
    const r = await (sys as TestSystem).request({ method: 'GET', url: '/health' });
    return { status: r.statusCode, body: r.json() };
  };
  async function newCase(title: string) {
    const created = await call('POST', '/api/cases', as.village as Headers, {
      channel: 'walk_in',
      title,
      body: `${title}：小区门口的路灯坏了一个多星期，晚上很黑，老人出门不安全。`,
      ...gridPoint,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: number; version: number; state: string };
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gz-replica-'));
    if (asRoot) {
      const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
      chownSync(dir, await id('-u'), await id('-g'));
    }
    primaryDir = path.join(dir, 'primary');
    replicaDir = path.join(dir, 'replica');
    const primaryPort = await freePort();
    let replicaPort = await freePort();
    while (replicaPort === primaryPort) replicaPort = await freePort();
    await pgTool('initdb', [
      ...['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'],
      ...['--no-sync', '--no-instructions'],
    ]);
    // Speed over durability (a throwaway cluster); hot_standby_feedback keeps the replica's queries from being
    // cancelled by the primary's vacuum. The replica inherits this file from the base backup, then its own port.
    appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `port = ${primaryPort}`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'shared_buffers = 32MB',
        'max_connections = 40',
        'max_wal_senders = 4',
        'wal_keep_size = 128MB',
        'hot_standby_feedback = on',
        '',
      ].join('\n'),
    );
    await pgTool('pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-w', '-t', '60', 'start']);
    await pgTool('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir],
      ...['-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
    ]);
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `\nport = ${replicaPort}\n`);
    await pgTool('pg_ctl', ['-D', replicaDir, '-l', path.join(dir, 'replica.log'), '-w', '-t', '60', 'start']);

    const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
    primary = new pg.Client({ connectionString: primaryUrl });
    replica = new pg.Client({ connectionString: replicaUrl });
    // the replica is stopped on purpose below: its end is expected, not an uncaught error of the test process
    for (const client of [primary, replica]) client.on('error', () => {});
    await Promise.all([primary.connect(), replica.connect()]);
    // migrated and seeded (the demo county) on the primary; the replica receives it all by streaming
    sys = await startTestSystem({ databaseUrl: primaryUrl, env: { DATABASE_READ_URL: replicaUrl }, jobs: false });
    for (const name of ['leader', 'village', 'grid', 'admin']) as[name] = await sys.login(name);
    const me = (await call('GET', '/api/auth/me', as.grid as Headers)).body;
    const grid = (await call('GET', `/api/orgs/${me.org.id}`, as.admin as Headers)).body;
    gridPoint = { lat: grid.centerLat, lng: grid.centerLng };
    await replayed();
  }, 120_000);

  afterAll(async () => {
    // every step on its own, so a failure of one (or of the setup) still stops both clusters and removes them
    const steps: (() => Promise<unknown>)[] = [
      async () => sys?.stop(),
      async () => primary?.end(),
      async () => replica?.end(),
      () => stopCluster(replicaDir),
      () => stopCluster(primaryDir),
    ];
    for (const step of steps) await step().catch((error) => console.warn(`[read-replica] cleanup: ${error}`));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('gives the services a reader on the replica and keeps the primary for the rest', async () => {
    const services = (sys as TestSystem).services;
    expect(services.reader).not.toBe(services.db);
    const inRecovery = async (db: typeof services.db) =>
      (await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(db)).rows[0]?.r;
    expect(await inRecovery(services.reader)).toBe(true);
    expect(await inRecovery(services.db)).toBe(false);
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', database: 'postgres', replica: { status: 'ok', inRecovery: true } });
    expect(h.body.replica.replayPaused).toBe(false);
    expect(h.body.replica.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(typeof h.body.replica.lastReplayAt).toBe('string');
    const metrics = await (sys as TestSystem).request({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^gongzhi_replica_up 1$/m);
    expect(metrics.body).toMatch(/^gongzhi_replica_lag_seconds \d+(\.\d+)?$/m);
  });

  it('answers the read-only pages from the replica without writing there', async () => {
    const month = (sys as TestSystem).services.dashboards.today().slice(0, 7);
    const pages = [
      '/api/dashboards/summary',
      '/api/dashboards/trend',
      '/api/dashboards/breakdown?by=category1',
      '/api/dashboards/durations',
      '/api/dashboards/summary?format=xlsx',
      '/api/command/overview',
      '/api/home',
      '/api/analysis/search?q=路灯',
      '/api/analysis/hotspots?period=month',
      '/api/analysis/repeat-reporters',
      '/api/analysis/group-risks',
      `/api/assessment/ranking?unitType=town&period=${month}`,
      `/api/assessment/bulletin?month=${month}`,
      '/api/public/statistics',
      '/api/public/cases',
      '/api/public/villages',
    ];
    // a write through the replica would fail ("cannot execute … in a read-only transaction": 500)
    const answers = await Promise.all(
      pages.map(async (url) => {
        const r = await (sys as TestSystem).request({ method: 'GET', url, headers: as.leader });
        return `${url} ${r.statusCode}${r.statusCode === 200 ? '' : ` ${r.body.slice(0, 200)}`}`;
      }),
    );
    expect(answers).toEqual(pages.map((url) => `${url} 200`));
  });

  it('shows a new case on the case page and in the inbox at once, in the command centre once replayed', async () => {
    const before = await recentInCommandCentre();
    // from here the replica replays nothing more (the pause is checked before each WAL record)
    await (replica as pg.Client).query('SELECT pg_wal_replay_pause()');
    // the write goes to the primary and is answered there
    const c = await newCase('副本暂停时受理');
    expect(c.state).toBe('submitted');
    // the case page, the inbox and the similar cases of the case page read the primary: there at once
    const page = await call('GET', `/api/cases/${c.id}`, as.village as Headers);
    expect([page.status, page.body.id, page.body.state]).toEqual([200, c.id, 'submitted']);
    const inbox = await call('GET', '/api/cases?box=to_accept', as.village as Headers);
    expect(inbox.body.items.map((i: { id: number }) => i.id)).toContain(c.id);
    expect((await call('GET', `/api/cases/${c.id}/similar`, as.village as Headers)).status).toBe(200);
    // an action on it reads the version from the case page and is seen there at once
    const acted = await call('POST', `/api/cases/${c.id}/actions`, as.village as Headers, {
      version: page.body.version,
      action: { type: 'accept' },
    });
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    const after = await call('GET', `/api/cases/${c.id}`, as.village as Headers);
    expect(after.body.version).toBe(page.body.version + 1);
    expect(after.body.state).toBe(acted.body.state);
    expect(after.body.state).not.toBe('submitted');
    // the command centre reads the replica, whose replay is paused: the case is not there yet
    await replayed('receive');
    const { rows: onReplica } = await (replica as pg.Client).query('SELECT id FROM cases WHERE id = $1', [c.id]);
    expect(onReplica).toHaveLength(0);
    expect(await recentInCommandCentre()).toEqual(before);
    expect(await recentInCommandCentre()).not.toContain(c.id);
    // /health: replay paused, WAL received and not replayed, the last replayed commit some time ago
    const paused = (await health()).body.replica;
    expect(paused.replayPaused).toBe(true);
    expect(paused.behindBytes).toBeGreaterThan(0);
    expect(paused.lagSeconds).toBeGreaterThan(0);

    await (replica as pg.Client).query('SELECT pg_wal_replay_resume()');
    await replayed();
    expect(await recentInCommandCentre()).toContain(c.id);
    const resumed = (await health()).body.replica;
    expect(resumed.replayPaused).toBe(false);
  });

  it('answers 503 for the replica’s reads while it is down; the case work goes on on the primary', async () => {
    await pgTool('pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', 'stop']);
    const overview = await call('GET', '/api/command/overview', as.leader as Headers);
    expect(overview.status).toBe(503);
    expect(overview.body.code).toBe('DATABASE_UNAVAILABLE');
    const c = await newCase('副本停止时受理');
    expect((await call('GET', `/api/cases/${c.id}`, as.village as Headers)).body.id).toBe(c.id);
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'degraded', replica: { status: 'unavailable' } });
    const metrics = await (sys as TestSystem).request({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^gongzhi_replica_up 0$/m);
  });
});
