// Soak bench (issue 18): the server under a steady mixed load for a long time — staff intake, citizens' reports,
// lifecycle actions, staff's and citizens' reads, the public page — at half the capacity measured for the same mix
// at the start of the run. Prints, per window (5 minutes by default): requests, errors, conflicts, p50/p95/p99 and
// the server's memory; at the end the memory curve as a chart. A leak shows as a curve that keeps rising, a slow
// decay as later windows' tails growing.
// Run: npm run bench -- soak   (BENCH_SOAK_MINUTES=30, BENCH_SOAK_WINDOW_MINUTES=5, BENCH_SOAK_DB=pg or pglite,
//      BENCH_SOAK_PROBE_SECONDS=120, of which the second half is counted)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ServerProcess, startServerProcess } from '../test/support/server-process.js';
import { Api, BODIES, type Grid, gridPoints, intakeBody, rssMb } from './load.js';
import { ADMIN_URL, ensureDatabase, percentile } from './support.js';

type Kind = 'intake' | 'citizen report' | 'action' | 'staff read' | 'citizen read' | 'public page';

/** The mix, by weight: writes and reads as a county's working day has them, roughly. */
const MIX: [Kind, number][] = [
  ['intake', 25],
  ['citizen report', 10],
  ['action', 20],
  ['staff read', 30],
  ['citizen read', 10],
  ['public page', 5],
];
const CITIZENS = 20;

interface Outcome {
  ms: number;
  status: number;
  /** 2xx */
  ok: boolean;
  /** 409: another writer (a consumer, a colleague) changed the case first — expected, not an error */
  conflict: boolean;
}

class Mix {
  private readonly open: { id: number; version: number }[] = [];
  private citizenTokens: string[] = [];
  private i = 0;

  constructor(
    private readonly api: Api,
    private readonly grids: Grid[],
  ) {}

  /** Citizens sign in with the demo one-time code (the demo shows it in the answer). */
  async prepare(): Promise<void> {
    this.citizenTokens = [];
    for (let c = 0; c < CITIZENS; c++) {
      const phone = `1390000${String(2000 + c).padStart(4, '0')}`;
      const code = await this.json('POST', '/api/auth/code/request', { phone });
      const verified = await this.json('POST', '/api/auth/code/verify', { phone, code: code.demoCode });
      this.citizenTokens.push(verified.token as string);
    }
  }

  private async json(method: string, url: string, body?: unknown, token?: string) {
    const r = await fetch(`${this.api.base}${url}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await r.json()) as Record<string, unknown>;
  }

  private pick(): Kind {
    const total = MIX.reduce((s, [, w]) => s + w, 0);
    let r = Math.random() * total;
    for (const [kind, w] of MIX) {
      r -= w;
      if (r < 0) return kind;
    }
    return 'staff read';
  }

  /** One request of a kind drawn from the mix. */
  async one(): Promise<Outcome & { kind: Kind }> {
    const kind = this.pick();
    const n = this.i++;
    const started = performance.now();
    let status = 0;
    try {
      status = await this.request(kind, n);
    } catch {
      status = 0; // refused or reset: an error
    }
    const ms = performance.now() - started;
    return { kind, ms, status, ok: status >= 200 && status < 300, conflict: status === 409 };
  }

  private citizen(n: number): string {
    return this.citizenTokens[n % this.citizenTokens.length] as string;
  }

  private async request(kind: Kind, n: number): Promise<number> {
    const grid = this.grids[n % this.grids.length] as Grid;
    switch (kind) {
      case 'intake': {
        const r = await this.api.post('county', '/api/cases', intakeBody(n, grid));
        if (r.status === 201) this.open.push({ id: r.json.id as number, version: r.json.version as number });
        return r.status;
      }
      case 'citizen report': {
        const r = await fetch(`${this.api.base}/api/citizen/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.citizen(n)}` },
          body: JSON.stringify({
            clientToken: randomUUID(),
            body: BODIES[n % BODIES.length],
            lat: grid.lat,
            lng: grid.lng,
          }),
        });
        await r.arrayBuffer();
        return r.status;
      }
      case 'action': {
        // the county accepts a case made earlier in the run (or reads the inbox when none is waiting)
        const c = this.open.shift();
        if (!c) return this.get('/api/cases?limit=20', await this.api.login('county'));
        let r = await this.api.post('county', `/api/cases/${c.id}/actions`, {
          version: c.version,
          action: { type: 'accept' },
        });
        if (r.status === 409) {
          // a consumer (智能分类) added a version since: read the case and accept at its version, as a person would
          const now = await fetch(`${this.api.base}/api/cases/${c.id}`, {
            headers: { authorization: `Bearer ${await this.api.login('county')}` },
          });
          const version = ((await now.json()) as { version: number }).version;
          r = await this.api.post('county', `/api/cases/${c.id}/actions`, { version, action: { type: 'accept' } });
        }
        return r.status;
      }
      case 'staff read':
        return n % 2 === 0
          ? this.get('/api/cases?limit=20', await this.api.login('county'))
          : this.get('/api/dashboards/summary', await this.api.login('county'));
      case 'citizen read':
        return this.get('/api/my/cases', this.citizen(n));
      case 'public page':
        return this.get('/api/public/statistics');
    }
  }

  private async get(url: string, token?: string): Promise<number> {
    const r = await fetch(`${this.api.base}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    await r.arrayBuffer();
    return r.status;
  }
}

/**
 * Closed loop: `clients` at once, each sending its next request when the last is answered, for `seconds`. The
 * capacity is the rate of the second half only: the work a request leaves behind (the consumers of the timeline,
 * the outbox) runs after it, and a short probe counted whole measured requests whose cost came later — a
 * 30-second probe gave 101 requests/s that the server could not hold for ten minutes at half of it.
 */
async function probe(mix: Mix, clients: number, seconds: number): Promise<number> {
  let counted = 0;
  const start = performance.now();
  const from = start + (seconds * 1000) / 2;
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await mix.one();
        const now = performance.now();
        if (now >= from && now <= until) counted++;
      }
    }),
  );
  return counted / (seconds / 2);
}

interface Window {
  from: number;
  samples: number[];
  errors: number;
  conflicts: number;
  late: number;
  rssMax: number;
  rssEnd: number;
}

const f1 = (x: number) => x.toFixed(1);

function printWindow(w: Window, minutes: number, seconds: number) {
  const sorted = [...w.samples].sort((a, b) => a - b);
  const to = w.from + minutes;
  console.log(
    `  ${`${w.from}–${to} min`.padEnd(11)} ${String(sorted.length).padStart(7)} requests (${f1(sorted.length / seconds).padStart(5)}/s)  ${String(w.errors).padStart(4)} errors  ${String(w.conflicts).padStart(4)} conflicts  ${String(w.late).padStart(4)} late   p50 ${f1(percentile(sorted, 50)).padStart(6)}  p95 ${f1(percentile(sorted, 95)).padStart(6)}  p99 ${f1(percentile(sorted, 99)).padStart(6)} ms   RSS ${w.rssEnd.toFixed(0)} MB (max ${w.rssMax.toFixed(0)})`,
  );
}

/** The memory curve as a bar chart, a row a sample. */
function printCurve(points: [number, number][]) {
  const max = Math.max(...points.map(([, mb]) => mb));
  console.log('\n  server memory (RSS) over the run:');
  for (const [minute, mb] of points)
    console.log(
      `  ${f1(minute).padStart(6)} min ${mb.toFixed(0).padStart(5)} MB ${'█'.repeat(Math.round((mb / max) * 50))}`,
    );
}

async function soak(server: ServerProcess, minutes: number, windowMinutes: number, probeSeconds: number) {
  const api = new Api(server.baseUrl);
  const grids = await gridPoints(api);
  const mix = new Mix(api, grids);
  await mix.prepare();
  process.stdout.write(
    `  capacity of the mix: 16 clients, closed loop, ${probeSeconds} s (the second half counted) …\n`,
  );
  const capacity = await probe(mix, 16, probeSeconds);
  const rate = capacity / 2;
  console.log(`  capacity ${f1(capacity)} requests/s; the soak sends ${f1(rate)}/s (half) for ${minutes} min`);

  const windows: Window[] = [];
  const curve: [number, number][] = [];
  const t0 = performance.now();
  const minute = () => (performance.now() - t0) / 60_000;
  const count = Math.ceil(minutes / windowMinutes);
  const current = () => {
    // the answers still coming after the end belong to the last window
    const index = Math.min(count - 1, Math.floor(minute() / windowMinutes));
    while (windows.length <= index)
      windows.push({
        from: windows.length * windowMinutes,
        samples: [],
        errors: 0,
        conflicts: 0,
        late: 0,
        rssMax: 0,
        rssEnd: 0,
      });
    return windows[index] as Window;
  };
  const memory = setInterval(() => {
    const mb = rssMb(server);
    curve.push([minute(), mb]);
    const w = current();
    w.rssMax = Math.max(w.rssMax, mb);
    w.rssEnd = mb;
  }, 30_000);
  curve.push([0, rssMb(server)]);

  // Open loop: requests leave on a schedule whatever the answers' pace; beyond 256 in flight a request is
  // counted late (not sent) — a server falling behind shows as late requests, not as a slower load.
  let inFlight = 0;
  let owed = 0;
  const failures = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  let printed = 0;
  const tickMs = 50;
  while (minute() < minutes) {
    owed += (rate * tickMs) / 1000;
    for (; owed >= 1; owed--) {
      const w = current();
      if (inFlight >= 256) {
        w.late++;
        continue;
      }
      inFlight++;
      const p = mix.one().then((o) => {
        inFlight--;
        const into = current();
        into.samples.push(o.ms);
        if (o.conflict) into.conflicts++;
        else if (!o.ok) {
          into.errors++;
          const key = `${o.kind} ${o.status || 'no answer'}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      });
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    const whole = Math.floor(minute() / windowMinutes);
    if (whole > printed) {
      printWindow(windows[printed] as Window, windowMinutes, windowMinutes * 60);
      printed = whole;
    }
    await new Promise((r) => setTimeout(r, tickMs));
  }
  await Promise.all(pending);
  clearInterval(memory);
  const mb = rssMb(server);
  curve.push([minute(), mb]);
  const last = windows[windows.length - 1] as Window;
  last.rssEnd = mb;
  last.rssMax = Math.max(last.rssMax, mb);
  for (const w of windows.slice(printed))
    printWindow(w, windowMinutes, Math.max(1, (Math.min(minute(), w.from + windowMinutes) - w.from) * 60));
  const errors = windows.reduce((s, w) => s + w.errors, 0);
  const total = windows.reduce((s, w) => s + w.samples.length, 0);
  console.log(`  in all: ${total} requests, ${errors} errors, ${windows.reduce((s, w) => s + w.late, 0)} late`);
  for (const [key, n] of failures) console.log(`    errors: ${key} × ${n}`);
  printCurve(curve);
  return { capacity, rate, windows: windows.map(({ samples, ...w }) => ({ ...w, requests: samples.length })), curve };
}

export async function runSoakBench() {
  const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
  const windowMinutes = Number(process.env.BENCH_SOAK_WINDOW_MINUTES ?? 5);
  const probeSeconds = Number(process.env.BENCH_SOAK_PROBE_SECONDS ?? 120);
  const db = process.env.BENCH_SOAK_DB ?? 'pg';
  // The soak measures the system, not its rate limits: twenty citizens from one address would be refused.
  const env = { LOG_LEVEL: 'warn', RATE_LIMITS: 'off' };
  let server: ServerProcess;
  let dataDir: string | null = null;
  if (db === 'pglite') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-soak-'));
    server = await startServerProcess({ ...env, DATABASE_URL: '', DATA_DIR: dataDir });
  } else {
    const url = await ensureDatabase(ADMIN_URL, 'gongzhi_bench_soak', true);
    server = await startServerProcess({ ...env, DATABASE_URL: url });
  }
  console.log(
    `\n== Soak on ${db === 'pglite' ? 'PGlite' : 'PostgreSQL'}: ${minutes} min, windows of ${windowMinutes} min ==`,
  );
  try {
    return await soak(server, minutes, windowMinutes, probeSeconds);
  } finally {
    await server.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
