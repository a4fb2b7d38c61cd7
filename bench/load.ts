// What the load benches share (intake, soak): a pool of clients running requests with their latencies, the
// server's memory, a staff API client, the demo county's grid points and the walk-in report they send.
import fs from 'node:fs';
import { openDatabase } from '../src/db/database.js';
import type { ServerProcess } from '../test/support/server-process.js';
import { percentile } from './support.js';

export const BODIES = [
  '小区门口的路灯坏了一个多星期，晚上很黑，老人出门不安全。',
  '楼下餐馆油烟直排，窗户都不敢开，希望有关部门管一管。',
  '村道上有个大坑，电动车经过很危险，请尽快修补。',
  '河边有人倾倒建筑垃圾，污染环境。',
];

export interface Rate {
  n: number;
  failed: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Runs `total` requests with `concurrency` at once; latencies of each, progress every 250. */
export async function load(label: string, total: number, concurrency: number, task: (i: number) => Promise<boolean>) {
  const samples: number[] = [];
  let next = 0;
  let failed = 0;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        const ok = await task(i).catch(() => false);
        samples.push(performance.now() - s);
        if (!ok) failed++;
        done++;
        if (done % 250 === 0 || done === total) process.stdout.write(`\r  ${label}: ${done}/${total}`);
      }
    }),
  );
  const ms = performance.now() - t0;
  process.stdout.write('\n');
  samples.sort((a, b) => a - b);
  return {
    n: total,
    failed,
    perSecond: (total / ms) * 1000,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
  } satisfies Rate;
}

/** Resident memory of the server's whole process group (tsx and the node it runs), in MB. */
export function rssMb(server: ServerProcess): number {
  const group = server.child.pid;
  let kb = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== group) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/** Samples the server's memory while `work` runs; returns the work's result and the peak. */
export async function peakDuring<T>(server: ServerProcess, work: () => Promise<T>): Promise<[T, number]> {
  let peak = rssMb(server);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(server));
  }, 200);
  try {
    return [await work(), peak];
  } finally {
    clearInterval(timer);
  }
}

export class Api {
  private tokens = new Map<string, string>();
  constructor(readonly base: string) {}

  async login(username: string): Promise<string> {
    const have = this.tokens.get(username);
    if (have) return have;
    const r = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    const token = ((await r.json()) as { token: string }).token;
    this.tokens.set(username, token);
    return token;
  }

  /** A GET as `username`: the status (the body is read and dropped). */
  async get(username: string, url: string): Promise<number> {
    const r = await fetch(`${this.base}${url}`, { headers: { authorization: `Bearer ${await this.login(username)}` } });
    await r.arrayBuffer();
    return r.status;
  }

  async post(username: string, url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const r = await fetch(`${this.base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.login(username)}` },
      body: JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  }
}

export interface Grid {
  id: number;
  lat: number;
  lng: number;
}

export async function gridsOf(url: string | undefined, dataDir?: string): Promise<Grid[]> {
  const system = await openDatabase({ databaseUrl: url, dataDir, poolSize: 1 });
  try {
    const rows = await system.db
      .selectFrom('orgs')
      .select(['id', 'center_lat', 'center_lng'])
      .where('kind', '=', 'grid')
      .where('center_lat', 'is not', null)
      .execute();
    return rows.map((r) => ({ id: r.id, lat: Number(r.center_lat), lng: Number(r.center_lng) }));
  } finally {
    await system.close();
  }
}

export const intakeBody = (i: number, g: Grid) => ({
  channel: 'walk_in',
  body: BODIES[i % BODIES.length],
  lat: g.lat,
  lng: g.lng,
});

/** The county's grid centres through the API (for PGlite, whose files the server holds). */
export async function gridPoints(api: Api): Promise<Grid[]> {
  const r = await fetch(`${api.base}/api/orgs?kind=grid&limit=200`, {
    headers: { authorization: `Bearer ${await api.login('county')}` },
  });
  const items = ((await r.json()) as { items: { id: number; centerLat: number | null; centerLng: number | null }[] })
    .items;
  return items
    .filter((g) => g.centerLat != null)
    .map((g) => ({ id: g.id, lat: Number(g.centerLat), lng: Number(g.centerLng) }));
}

export async function apiIntake(api: Api, grids: Grid[], n: number, concurrency: number, label: string): Promise<Rate> {
  return load(label, n, concurrency, async (i) => {
    const r = await api.post('county', '/api/cases', intakeBody(i, grids[i % grids.length] as Grid));
    return r.status === 201;
  });
}
