// The planner's statistics kept by the server where no autovacuum does (src/db/planner-statistics.ts): on PGlite
// always, on PostgreSQL when autovacuum is off (as on the CI machine). Both databases.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseGrownTables, PLANNER_STATISTICS_JOB, tableSizes } from '../src/db/planner-statistics.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
});
afterAll(async () => sys?.stop());

const rowsEstimate = async (table: string) =>
  Number(
    (await sql<{ n: number }>`select reltuples as n from pg_class where relname = ${table}`.execute(sys.services.db))
      .rows[0]?.n,
  );

describe('the planner statistics pass', () => {
  it('the seed is analysed when it is written; a pass leaves nothing for the next', async () => {
    const sizes = await tableSizes(sys.services.db);
    // the demo county's organisations (the test seed writes no cases: those tables are empty, never analysed)
    expect(sizes.find((s) => s.table === 'orgs')?.analysedRows).toBeGreaterThan(100);
    expect(sizes.find((s) => s.table === 'cases')?.pages).toBe(0);
    // what the start wrote after the seed (e.g. the consumers' cursors) is taken by the first pass
    const first = await analyseGrownTables(sys.services.db);
    expect(first).not.toContain('orgs');
    expect(await analyseGrownTables(sys.services.db)).toEqual([]);
  });

  it('analyses a table as it fills and again once it has grown by a tenth, and not in between', async () => {
    const db = sys.services.db;
    await sql`create table planner_probe (id int primary key, body text)`.execute(db);
    await sql`insert into planner_probe select g, repeat('x', 100) from generate_series(1, 20000) g`.execute(db);
    expect(await rowsEstimate('planner_probe')).toBeLessThan(1);
    expect(await analyseGrownTables(db)).toEqual(['planner_probe']);
    expect(await rowsEstimate('planner_probe')).toBe(20000);
    await sql`insert into planner_probe select g, 'y' from generate_series(20001, 20100) g`.execute(db);
    expect(await analyseGrownTables(db)).toEqual([]);
    await sql`insert into planner_probe select g, repeat('z', 100) from generate_series(20101, 30000) g`.execute(db);
    expect(await analyseGrownTables(db)).toEqual(['planner_probe']);
    expect(await rowsEstimate('planner_probe')).toBe(30000);
    await sql`drop table planner_probe`.execute(db);
  });

  it('runs as a background job of the server', async () => {
    await expect(sys.services.jobs.runNow(PLANNER_STATISTICS_JOB)).resolves.toBeUndefined();
  });
});
