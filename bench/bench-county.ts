// The generated county the dashboard and search benches share: the PostgreSQL database gongzhi_bench_<n>
// (BENCH_CASES, default 10 million) with the demo county seeded and n generated cases, created or topped up on
// first use and reused afterwards (BENCH_FRESH=1 starts again). `npm run bench:generate` only fills it, so the
// long load can run on its own, unattended, before the benches.
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { startSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/core/config.js';
import type { DB } from '../src/db/schema.js';
import { finishInterruptedLoad, generateWithProgress } from './generate-cases.js';
import { ADMIN_URL, benchCases, ensureDatabase } from './support.js';

export interface BenchCounty {
  n: number;
  system: Awaited<ReturnType<typeof startSystem>>;
  db: Kysely<DB>;
  /** Seconds the generation took in this run, null when the cases were already there. */
  generateSeconds: number | null;
  /** Authorization headers of a demo account (password demo1234). */
  login: (username: string) => Promise<Record<string, string>>;
}

export async function openBenchCounty(title: string): Promise<BenchCounty> {
  const n = benchCases();
  const name = `gongzhi_bench_${n}`;
  const url = await ensureDatabase(ADMIN_URL, name, process.env.BENCH_FRESH === '1');
  console.log(`\n== ${title} on PostgreSQL (${name}) ==`);
  const config = loadConfig({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn', DATABASE_URL: url });
  const system = await startSystem(config, { jobs: false, progress: (line) => console.log(`  ${line}`) });
  const { db } = system.services;
  try {
    const have = Number(
      (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM cases`.execute(db)).rows[0]?.n ?? 0,
    );
    let generateSeconds: number | null = null;
    // the reporters sealed under the key this server reads with (its start-up conversion then has nothing to do)
    if (have < n) generateSeconds = await generateWithProgress(db, n - have, system.services.fieldCrypto);
    else {
      console.log(`  reusing ${have.toLocaleString()} cases`);
      await finishInterruptedLoad(db);
    }
    const login = async (username: string) => {
      const r = await system.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'demo1234' },
      });
      return { authorization: `Bearer ${r.json().token}` };
    };
    return { n, system, db, generateSeconds, login };
  } catch (error) {
    await system.close();
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  openBenchCounty('Generated county')
    .then((county) => county.system.close())
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
