// The fault scenarios of issue 18, played against the real server process and the real database, shared by
// `npm run bench -- faults` (prints the counts) and test/fault-*.test.ts (asserts them, FAULT_TESTS=1):
//  - PostgreSQL restarted in the middle of a load of POST /api/cases (`pg_ctlcluster … restart`, a fast
//    shutdown that ends every session): what the clients got, whether the server came back by itself,
//    whether every acknowledged case is in the database, whether the jobs caught up afterwards.
//  - The embedded database's disk full (PGlite on a small tmpfs, filled by a file): what writes got, and
//    after the space returns, writes again, then SIGKILL and a restart on the same files: every acknowledged
//    case is there.
// Both need root on this machine (pg_ctlcluster, mount), and the first disturbs every other connection to the
// PostgreSQL server, so neither runs in the parallel test suite.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type ServerProcess, startServerProcess } from '../test/support/server-process.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One answer a load client got. */
export interface Answer {
  status: number; // 0: no HTTP answer at all (the server itself was unreachable)
  code?: string;
  message?: string;
  retryAfter: string | null;
  phase: 'before' | 'during' | 'after';
}

export interface Tally {
  total: number;
  byStatus: Record<string, number>;
  /** 5xx other than 503 / 507, and answers that never came. */
  bad: number;
  /** 503 / 507 without a Retry-After header. */
  withoutRetryAfter: number;
}

export function tally(answers: Answer[]): Tally {
  const byStatus: Record<string, number> = {};
  let bad = 0;
  let withoutRetryAfter = 0;
  for (const a of answers) {
    byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    if (a.status === 0 || (a.status >= 500 && a.status !== 503 && a.status !== 507)) bad++;
    if ((a.status === 503 || a.status === 507) && !a.retryAfter) withoutRetryAfter++;
  }
  return { total: answers.length, byStatus, bad, withoutRetryAfter };
}

interface Grid {
  lat: number;
  lng: number;
}

/** A signed-in staff member of the demo county, posting cases with a client token each (safe to resend). */
class CaseClient {
  private token = '';
  private grids: Grid[] = [];
  constructor(readonly base: string) {}

  async signIn(username = 'county'): Promise<void> {
    const r = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
    this.token = ((await r.json()) as { token: string }).token;
    const g = await fetch(`${this.base}/api/orgs?kind=grid&limit=50`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const items = ((await g.json()) as { items: { centerLat: number | null; centerLng: number | null }[] }).items;
    this.grids = items
      .filter((i) => i.centerLat != null)
      .map((i) => ({ lat: Number(i.centerLat), lng: Number(i.centerLng) }));
    if (this.grids.length === 0) throw new Error('the demo county has no grids');
  }

  headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  /** POST /api/cases; the answer, and the case id when it was acknowledged. */
  async postCase(clientToken: string, i: number, phase: Answer['phase']): Promise<{ answer: Answer; id?: number }> {
    const g = this.grids[i % this.grids.length] as Grid;
    try {
      const r = await fetch(`${this.base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({
          channel: 'walk_in',
          body: `故障演练 ${clientToken}：小区路灯坏了，晚上很黑，请尽快维修。`,
          lat: g.lat,
          lng: g.lng,
          clientToken,
        }),
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await r.json().catch(() => ({}))) as { id?: number; code?: string; message?: string };
      return {
        answer: {
          status: r.status,
          code: body.code,
          message: body.message,
          retryAfter: r.headers.get('retry-after'),
          phase,
        },
        id: r.status < 300 ? body.id : undefined,
      };
    } catch {
      return { answer: { status: 0, retryAfter: null, phase } };
    }
  }

  async getCases(phase: Answer['phase']): Promise<Answer> {
    try {
      const r = await fetch(`${this.base}/api/cases?limit=5`, {
        headers: { authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await r.json().catch(() => ({}))) as { code?: string; message?: string };
      return {
        status: r.status,
        code: body.code,
        message: body.message,
        retryAfter: r.headers.get('retry-after'),
        phase,
      };
    } catch {
      return { status: 0, retryAfter: null, phase };
    }
  }
}

/**
 * Writers post cases in a loop; a case answered 503/507 is sent again with the same client token after a short
 * pause (as the web app's retry would), so an acknowledged case is never a duplicate. The answers are pushed to
 * `load.answers` as they come (the scenario watches them); runs until `load.stopped`.
 */
interface Load {
  answers: Answer[];
  acknowledged: Map<string, number>;
  phase: Answer['phase'];
  stopped: boolean;
}

function newLoad(): Load {
  return { answers: [], acknowledged: new Map(), phase: 'before', stopped: false };
}

async function writeLoad(client: CaseClient, writers: number, load: Load, tokenPrefix: string): Promise<void> {
  let seq = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      let token: string | null = null;
      let i = 0;
      while (!load.stopped) {
        if (!token) {
          i = seq++;
          token = `${tokenPrefix}-${i}`;
        }
        const { answer, id } = await client.postCase(token, i, load.phase);
        load.answers.push(answer);
        if (id !== undefined) {
          load.acknowledged.set(token, id);
          token = null;
        } else {
          await sleep(answer.status === 503 || answer.status === 507 || answer.status === 0 ? 200 : 20);
        }
      }
    }),
  );
}

async function readLoad(client: CaseClient, load: Load): Promise<void> {
  while (!load.stopped) {
    load.answers.push(await client.getCases(load.phase));
    await sleep(100);
  }
}

const okAfter = (load: Load) =>
  load.answers.filter((a) => a.phase === 'after' && a.status >= 200 && a.status < 300).length;

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL restarted under load

export interface PostgresRestartOptions {
  /** The admin URL of the PostgreSQL server (TEST_DATABASE_URL). */
  adminUrl: string;
  /** The URL of a database for the server: migrated and seeded already (a test template copy) or empty. */
  databaseUrl: string;
  writers?: number;
  /** How many writes are acknowledged after the restart before the load stops. */
  writesAfter?: number;
  log?: (line: string) => void;
}

export interface PostgresRestartResult {
  answers: Answer[];
  tally: Tally;
  restartSeconds: number;
  acknowledged: number;
  /** Acknowledged cases not found in the database afterwards (must be 0). */
  missing: number;
  /** Cases in the database with one of the load's client tokens more than once (must be 0). */
  duplicates: number;
  /** 2xx answers after the restart, without restarting the server. */
  okAfter: number;
  /** The jobs caught up after the restart: outbox fanned out, rollups and assessment consumers at the newest event. */
  jobsCaughtUp: boolean;
  serverAlive: boolean;
  serverLog: string;
}

export function postgresCluster(): string {
  const versions = fs.readdirSync('/etc/postgresql');
  if (versions.length === 0) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  return versions.sort()[0] as string;
}

export async function postgresReady(adminUrl: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Makes sure the PostgreSQL server runs (after a failed scenario): starts the cluster if it does not answer. */
export async function ensurePostgresUp(adminUrl: string): Promise<void> {
  if (await postgresReady(adminUrl)) return;
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', postgresCluster(), 'main', 'start']).catch(() => {});
  for (let i = 0; i < 60 && !(await postgresReady(adminUrl)); i++) await sleep(500);
}

async function restartPostgres(): Promise<number> {
  const t0 = performance.now();
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', postgresCluster(), 'main', 'restart']);
  return (performance.now() - t0) / 1000;
}

async function jobsCaughtUp(databaseUrl: string, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    while (Date.now() < deadline) {
      const r = await c.query<{ pending: number; newest: number; behind: number }>(
        `SELECT (SELECT count(*)::int FROM outbox WHERE delivered_at IS NULL AND topic = 'case.changed') AS pending,
                (SELECT coalesce(max(id), 0)::int FROM case_events) AS newest,
                (SELECT count(*)::int FROM consumer_cursors
                  WHERE name IN ('rollups', 'assessment')
                    AND last_id < (SELECT coalesce(max(id), 0) FROM case_events)) AS behind`,
      );
      const row = r.rows[0];
      if (row && row.pending === 0 && row.behind === 0) return true;
      await sleep(1000);
    }
    return false;
  } finally {
    await c.end();
  }
}

export async function postgresRestartScenario(options: PostgresRestartOptions): Promise<PostgresRestartResult> {
  const log = options.log ?? (() => {});
  const writers = options.writers ?? 4;
  const writesAfter = options.writesAfter ?? 40;
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess({ DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'warn' });
    const client = new CaseClient(server.baseUrl);
    await client.signIn();
    log(`server up on ${server.baseUrl}; ${writers} writers and 1 reader`);

    const load = newLoad();
    const running = Promise.all([writeLoad(client, writers, load, `fault-pg-${Date.now()}`), readLoad(client, load)]);
    await sleep(3000);
    load.phase = 'during';
    log('restarting PostgreSQL …');
    const restartSeconds = await restartPostgres();
    log(`PostgreSQL restarted in ${restartSeconds.toFixed(1)} s`);
    load.phase = 'after';
    // until enough requests went through after the restart (a minute at most: then the server did not recover)
    const until = Date.now() + 60_000;
    while (Date.now() < until && okAfter(load) < writesAfter) await sleep(250);
    load.stopped = true;
    await running;
    const { answers, acknowledged } = load;

    // every acknowledged case is in the database, once
    const c = new pg.Client({ connectionString: options.databaseUrl });
    await c.connect();
    let missing = 0;
    let duplicates = 0;
    try {
      const ids = [...acknowledged.values()];
      const found = await c.query<{ id: number }>('SELECT id FROM cases WHERE id = ANY($1::bigint[])', [ids]);
      const have = new Set(found.rows.map((r) => Number(r.id)));
      missing = ids.filter((id) => !have.has(id)).length;
      const dup = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT client_token FROM cases WHERE client_token = ANY($1::text[])
           GROUP BY client_token HAVING count(*) > 1) d`,
        [[...acknowledged.keys()]],
      );
      duplicates = dup.rows[0]?.n ?? 0;
    } finally {
      await c.end();
    }
    const caughtUp = await jobsCaughtUp(options.databaseUrl, 60_000);
    return {
      answers,
      tally: tally(answers),
      restartSeconds,
      acknowledged: acknowledged.size,
      missing,
      duplicates,
      okAfter: okAfter(load),
      jobsCaughtUp: caughtUp,
      serverAlive: server.child.exitCode === null,
      serverLog: server.log(),
    };
  } finally {
    await ensurePostgresUp(options.adminUrl);
    await server?.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The embedded database's disk full

export interface DiskFullOptions {
  /** Size of the tmpfs that holds DATA_DIR (must hold the seeded demo county, about 100 MB). */
  sizeMb?: number;
  writers?: number;
  log?: (line: string) => void;
}

export interface DiskFullResult {
  answers: Answer[];
  tally: Tally;
  /** Answers while the disk was full: how many were refused (507) and how many still went through. */
  refusedWhileFull: number;
  acceptedWhileFull: number;
  /** 2xx after the space returned, same server process. */
  okAfterSpace: number;
  acknowledged: number;
  /** Acknowledged cases not found after SIGKILL and a restart on the same files (must be 0). */
  missingAfterRestart: number;
  serverAliveWhileFull: boolean;
  dataDirMb: number;
  messages: string[];
}

/** Mounts a tmpfs of `sizeMb` (root only); answers its path and how to unmount it. */
export async function mountSmallDisk(sizeMb: number): Promise<{ dir: string; unmount: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-full-disk-'));
  await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  return {
    dir,
    unmount: async () => {
      await run('umount', ['-l', dir]).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes zeros into `file` until the disk says ENOSPC. */
function fillDisk(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    // the last partial megabyte: fill it byte-wise in 4 KB steps
    const small = Buffer.alloc(4096);
    try {
      for (;;) fs.writeSync(fd, small);
    } catch {
      // full
    }
  } finally {
    fs.closeSync(fd);
  }
}

function duMb(dir: string): number {
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else bytes += fs.statSync(p).size;
    }
  };
  walk(dir);
  return bytes / 1024 / 1024;
}

export async function diskFullScenario(options: DiskFullOptions = {}): Promise<DiskFullResult> {
  const log = options.log ?? (() => {});
  const writers = options.writers ?? 2;
  const disk = await mountSmallDisk(options.sizeMb ?? 256);
  const dataDir = path.join(disk.dir, 'data');
  const filler = path.join(disk.dir, 'filler');
  let server: ServerProcess | null = null;
  try {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    server = await startServerProcess(env);
    const dataDirMb = duMb(dataDir);
    log(`server up on PGlite in a ${options.sizeMb ?? 256} MB tmpfs, data ${dataDirMb.toFixed(0)} MB`);
    const client = new CaseClient(server.baseUrl);
    await client.signIn();
    const prefix = `fault-disk-${Date.now()}`;

    // a few cases with space, then the disk full while the writers keep going, then space again
    const load = newLoad();
    const running = writeLoad(client, writers, load, prefix);
    await sleep(1500);
    load.phase = 'during';
    fillDisk(filler);
    log('disk full');
    // until the free space inside the database's files ran out and writes were refused for a while (or a minute)
    const refused = () => load.answers.filter((a) => a.phase === 'during' && a.status === 507).length;
    const until = Date.now() + 60_000;
    while (Date.now() < until && refused() < 20 && server.child.exitCode === null) await sleep(250);
    const serverAliveWhileFull = server.child.exitCode === null;
    fs.rmSync(filler);
    load.phase = 'after';
    log('space returned');
    const after = Date.now() + 30_000;
    while (Date.now() < after && okAfter(load) < 10 && server.child.exitCode === null) await sleep(250);
    load.stopped = true;
    await running;
    const { answers, acknowledged } = load;

    // SIGKILL, as a crash, then a new process on the same files: every acknowledged case is there
    await server.kill();
    server = await startServerProcess(env);
    const again = new CaseClient(server.baseUrl);
    await again.signIn();
    let missingAfterRestart = 0;
    for (const [token, id] of acknowledged) {
      const r = await fetch(`${server.baseUrl}/api/cases/${id}`, {
        headers: again.headers(),
      });
      const body = (await r.json()) as { id?: number; body?: string };
      if (r.status !== 200 || !String(body.body ?? '').includes(token)) missingAfterRestart++;
    }
    const during = answers.filter((a) => a.phase === 'during');
    return {
      answers,
      tally: tally(answers),
      refusedWhileFull: during.filter((a) => a.status === 507).length,
      acceptedWhileFull: during.filter((a) => a.status >= 200 && a.status < 300).length,
      okAfterSpace: okAfter(load),
      acknowledged: acknowledged.size,
      missingAfterRestart,
      serverAliveWhileFull,
      dataDirMb,
      messages: [...new Set(answers.filter((a) => a.status >= 500).map((a) => `${a.status} ${a.code}: ${a.message}`))],
    };
  } finally {
    await server?.stop().catch(() => {});
    if (fs.existsSync(filler)) fs.rmSync(filler, { force: true });
    await disk.unmount();
  }
}
