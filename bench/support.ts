// Shared pieces of the benchmarks: a named PostgreSQL database, percentiles, timed request loops.

import pg from 'pg';

export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** How many generated cases the dashboard and search benches run on (BENCH_CASES, default 10 million). */
export function benchCases(): number {
  return Number(process.env.BENCH_CASES ?? 10_000_000);
}

/**
 * Creates (or, with fresh, recreates) a database on the bench server and returns its URL. Index builds of
 * the bulk loads get 1 GB of maintenance memory.
 */
export async function ensureDatabase(admin: string, name: string, fresh: boolean): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  if (fresh) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) {
    await client.query(`CREATE DATABASE ${name}`);
    await client.query(`ALTER DATABASE ${name} SET maintenance_work_mem = '1GB'`);
  }
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Runs `fn` `times` times in sequence and returns p50/p95 in milliseconds. */
export async function latency(times: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Runs `total` tasks with at most `concurrency` at once; returns the wall time in milliseconds. */
export async function pooled(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        await task(i);
      }
    }),
  );
  return performance.now() - t0;
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
