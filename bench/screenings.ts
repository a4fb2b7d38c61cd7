// Screening generation bench: BENCH_SCREENING_GRIDS grids (default 500) of the demo county (extra grids are added
// under its villages when it has fewer) get their daily screening task for every working day of
// BENCH_SCREENING_DAYS days from 2026-01-01 (default 365: the whole of 2026, 248 working days), one generator pass
// per day at 08:00, as the job would. Prints tasks/s and the total time, on PGlite (in memory) and, unless
// BENCH_SCREENING_PG=0, on PostgreSQL (BENCH_DATABASE_URL / TEST_DATABASE_URL; database gongzhi_bench_screenings,
// recreated). Each pass also re-checks what exists (the idempotency cost a real job pays every minute).
// Run: npx tsx bench/screenings.ts   or   npm run bench -- screenings
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { type StartOptions, startSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/core/config.js';
import type { DB } from '../src/db/schema.js';
import { chinaTime } from '../src/domain/calendar/index.js';
import { screeningUnits } from '../src/modules/screenings/generate-screenings.js';
import { screeningServiceAt } from '../src/modules/screenings/screening-service-at.js';
import { ADMIN_URL, ensureDatabase } from './support.js';

export interface ScreeningBenchResult {
  database: string;
  grids: number;
  days: number;
  tasks: number;
  seconds: number;
  tasksPerSecond: number;
}

async function addGrids(db: Kysely<DB>, want: number): Promise<void> {
  const grids = await db.selectFrom('orgs').selectAll().where('kind', '=', 'grid').orderBy('id').execute();
  const missing = want - grids.length;
  if (missing <= 0 || grids.length === 0) return;
  const now = new Date();
  for (let i = 0; i < missing; i++) {
    const model = grids[i % grids.length] as (typeof grids)[number];
    const parentPath = model.path.split('/').slice(0, -2).join('/');
    const inserted = await db
      .insertInto('orgs')
      .values({
        code: `${model.code}B${i}`,
        name: `${model.name}（压测${i + 1}）`,
        kind: 'grid',
        subkind: model.subkind,
        participant: model.participant,
        parent_id: model.parent_id,
        path: `${parentPath}/tmp${i}/`,
        depth: model.depth,
        county_code: model.county_code,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('orgs')
      .set({ path: `${parentPath}/${inserted.id}/` })
      .where('id', '=', inserted.id)
      .execute();
  }
}

async function benchOn(
  label: string,
  env: Record<string, string>,
  options: StartOptions,
): Promise<ScreeningBenchResult> {
  const gridsWanted = Number(process.env.BENCH_SCREENING_GRIDS ?? 500);
  const days = Number(process.env.BENCH_SCREENING_DAYS ?? 365);
  const config = loadConfig({
    GONGZHI_MODE: 'test',
    SEED_DEMO: 'true',
    SEED_HISTORY: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const system = await startSystem(config, { ...options, jobs: false });
  try {
    const db = system.services.db;
    await addGrids(db, gridsWanted);
    const units = (await screeningUnits(db)).filter((u) => u.kind === 'grid').slice(0, gridsWanted);
    const { state, service } = screeningServiceAt(db, {
      cases: system.services.cases,
      disputes: system.services.disputes,
    });
    let made = 0;
    const started = Date.now();
    for (let d = 0; d < days; d++) {
      const day = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      state.at = chinaTime(day, '08:00');
      made += (await service.generate({ units })).opened;
      if (d % 10 === 9) {
        const s = (Date.now() - started) / 1000;
        process.stdout.write(`\r  ${label}: day ${d + 1}/${days}, ${made} tasks, ${(made / s).toFixed(0)} tasks/s`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const result = { database: label, grids: units.length, days, tasks: made, seconds, tasksPerSecond: made / seconds };
    console.log(
      `\n  ${label}: ${units.length} grids × ${days} days → ${made} screening tasks in ${seconds.toFixed(1)} s (${result.tasksPerSecond.toFixed(0)} tasks/s)`,
    );
    return result;
  } finally {
    await system.close();
  }
}

export async function runScreeningBench(): Promise<ScreeningBenchResult[]> {
  console.log('Screenings: generation of the grids’ daily screening tasks');
  const results = [await benchOn('PGlite', {}, { inMemory: true })];
  if (process.env.BENCH_SCREENING_PG !== '0') {
    const url = await ensureDatabase(ADMIN_URL, 'gongzhi_bench_screenings', true);
    results.push(await benchOn('PostgreSQL', { DATABASE_URL: url }, {}));
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runScreeningBench();
}
