// Kill -9 in the middle of a stream of hotline pushes: the real server process (PGlite files in a temporary
// DATA_DIR, or PostgreSQL when TEST_DATABASE_URL is set) is killed without warning while pushes are in flight,
// restarted on the same data, and every order it acknowledged must exist exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { signPayload } from '../src/domain/intake/hotline-order.js';
import { DEMO_HOTLINE_KEY, DEMO_HOTLINE_SIGNING_SECRET } from '../src/modules/hotline/demo-keys.js';
import { createTestDatabase, onPostgres } from './support/system.js';

let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let port: number;
let child: ChildProcess | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function startServer(): Promise<ChildProcess> {
  // One node process (no tsx wrapper process), so SIGKILL really kills the server.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: {
      ...process.env,
      GONGZHI_MODE: 'demo',
      SEED_HISTORY: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST: path.join(dataDir, 'no-web'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (d) => {
    output += d;
  });
  proc.stderr?.on('data', (d) => {
    output += d;
  });
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health`);
      if (r.ok) return proc;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not start: ${output}`);
}

async function push(orderNo: string): Promise<{ status: number; body: { caseId: number; result: string } }> {
  const raw = JSON.stringify({
    orderNo,
    content: `工单 ${orderNo}：小区电梯频繁故障，居民出行困难，请督促物业维修。`,
    callerPhone: '13600001111',
    address: '青溪街道',
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const r = await fetch(`http://127.0.0.1:${port}/api/hotline/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': DEMO_HOTLINE_KEY,
      'x-gz-timestamp': ts,
      'x-gz-signature': signPayload(DEMO_HOTLINE_SIGNING_SECRET, ts, raw),
    },
    body: raw,
  });
  return { status: r.status, body: await r.json() };
}

function stop(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-crash-'));
  port = await freePort();
  if (onPostgres()) {
    const created = await createTestDatabase();
    databaseUrl = created.url;
    dropDatabase = created.drop;
  }
});

afterAll(async () => {
  if (child) await stop(child, 'SIGKILL');
  await dropDatabase?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL during a stream of hotline pushes', () => {
  it('keeps every acknowledged order, exactly once', async () => {
    child = await startServer();
    const acknowledged = new Map<string, number>();
    const prefix = `KILL-${Date.now()}`;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const orderNo = `${prefix}-${next++}`;
        try {
          const r = await push(orderNo);
          if (r.status === 201 || r.status === 200) acknowledged.set(orderNo, r.body.caseId);
          else throw new Error(`push refused: ${r.status} ${JSON.stringify(r.body)}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    // Kill without warning once a good number of orders are acknowledged, with pushes still in flight.
    while (acknowledged.size < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    const proc = child;
    killed = true;
    await stop(proc, 'SIGKILL');
    await Promise.all(workers);
    expect(proc.signalCode).toBe('SIGKILL');
    const sent = next;
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);

    child = await startServer();
    for (const [orderNo, caseId] of acknowledged) {
      const again = await push(orderNo);
      expect(again.status, orderNo).toBe(200);
      expect(again.body).toMatchObject({ caseId, result: 'unchanged' });
    }
    await stop(child, 'SIGTERM');
    child = null;

    const database = await openDatabase({ databaseUrl, dataDir });
    try {
      const rows = await database.db
        .selectFrom('cases')
        .select(['external_ref', (eb) => eb.fn.countAll<number>().as('n')])
        .where('channel', '=', 'hotline')
        .where('external_ref', 'like', `${prefix}-%`)
        .groupBy('external_ref')
        .execute();
      const stored = new Map(rows.map((r) => [r.external_ref as string, Number(r.n)]));
      for (const orderNo of acknowledged.keys()) expect(stored.get(orderNo), orderNo).toBe(1);
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
      // Unacknowledged orders may or may not have landed (the kill can fall between commit and answer).
      expect(stored.size).toBeLessThanOrEqual(sent);
    } finally {
      await database.close();
    }
  }, 300_000);
});
