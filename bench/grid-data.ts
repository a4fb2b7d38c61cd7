// Grid base data bench, on PostgreSQL (BENCH_DATABASE_URL / TEST_DATABASE_URL; database gongzhi_bench_griddata,
// recreated): BENCH_GRIDDATA_PEOPLE people (default 1,000,000) spread over the demo county's grids, written in
// bulk through the module's own row codec (encrypted ID numbers and phones, blind indexes); then the people
// search as the county platform calls it — name prefix, exact ID number, exact phone, a village's list filtered
// by tag — p50/p95 over 50 calls each; then a BENCH_GRIDDATA_IMPORT-row (default 100,000) xlsx import through the
// import job (two streaming passes, one transaction), with rows/s and the process's peak RSS.
// Run: npx tsx bench/grid-data.ts   or   npm run bench -- grid-data
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { startSystem } from '../src/bootstrap.js';
import { loadConfig } from '../src/core/config.js';
import ExcelJS from '../src/core/exceljs.js';
import { makeIdNumber } from '../src/domain/grid-data/index.js';
import { runningImports } from '../src/modules/grid-data/index.js';
import { columnsOf } from '../src/modules/grid-data/record-codec.js';
import { ADMIN_URL, ensureDatabase, fmt, latency } from './support.js';

const PEOPLE = Number(process.env.BENCH_GRIDDATA_PEOPLE ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_GRIDDATA_IMPORT ?? 100_000);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

/** The j-th bench person's ID number: a region per thousand, a birth day from j, valid check digit. */
function idOf(j: number): string {
  const birth = `${1940 + (j % 80)}${String(1 + (j % 12)).padStart(2, '0')}${String(1 + (j % 28)).padStart(2, '0')}`;
  return makeIdNumber(String(110000 + (Math.floor(j / 1000) % 800000)), birth, j % 1000);
}

export async function runGridDataBench(): Promise<void> {
  const url = await ensureDatabase(ADMIN_URL, 'gongzhi_bench_griddata', true);
  const config = loadConfig({
    GONGZHI_MODE: 'test',
    DATABASE_URL: url,
    SEED_DEMO: 'true',
    SEED_HISTORY: 'false',
    LOG_LEVEL: 'warn',
  });
  const system = await startSystem(config, { jobs: false });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    const { db, gridData } = system.services;
    const crypto = gridData.deps.crypto;
    const grids = await db
      .selectFrom('orgs as g')
      .innerJoin('orgs as v', 'v.id', 'g.parent_id')
      .select(['g.id', 'g.code', 'g.parent_id', 'v.parent_id as town', 'g.county_code'])
      .where('g.kind', '=', 'grid')
      .orderBy('g.id')
      .execute();
    const now = new Date();
    let started = Date.now();
    for (let i = 0; i < PEOPLE; i += 2000) {
      const rows = [];
      for (let j = i; j < Math.min(PEOPLE, i + 2000); j++) {
        const g = grids[j % grids.length] as (typeof grids)[number];
        const cols = columnsOf(
          'person',
          {
            name: `${SURNAMES[j % SURNAMES.length]}${j}`,
            idNumber: idOf(j),
            phone: `139${String(j).padStart(8, '0')}`,
            residenceType: '户籍',
            tags: j % 30 === 0 ? ['独居老人'] : [],
          },
          crypto,
        );
        rows.push({
          kind: 'person' as const,
          county_code: g.county_code,
          town_id: g.town,
          village_id: g.parent_id as number,
          grid_id: g.id,
          ...cols,
          attrs: '{}',
          created_at: now,
          updated_at: now,
        });
      }
      await db
        .insertInto('grid_records')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute();
      if ((i + 2000) % 50_000 === 0) {
        const s = (Date.now() - started) / 1000;
        process.stdout.write(
          `\r[grid-data] people: ${i + 2000}/${PEOPLE} written, ${Math.round((i + 2000) / s)} rows/s`,
        );
      }
    }
    process.stdout.write('\n');
    await sql`ANALYZE grid_records`.execute(db);
    console.log(`[grid-data] ${PEOPLE} people written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const admin = await principalOf(system, 'county');
    const villageId = grids[0]?.parent_id as number;
    let k = 0;
    const cases: [string, () => Promise<unknown>][] = [
      ['name prefix', () => gridData.list(admin, 'person', { q: `${SURNAMES[k++ % SURNAMES.length]}12`, limit: 20 })],
      ['exact ID number', () => gridData.list(admin, 'person', { q: idOf((k++ * 7919) % PEOPLE) })],
      [
        'exact phone',
        () => gridData.list(admin, 'person', { q: `139${String((k++ * 7919) % PEOPLE).padStart(8, '0')}` }),
      ],
      ['village list by tag', () => gridData.list(admin, 'person', { orgId: villageId, tag: '独居老人', limit: 20 })],
    ];
    for (const [name, fn] of cases) {
      const { p50, p95 } = await latency(50, fn);
      console.log(`[grid-data] people search (${PEOPLE} people), ${name}: p50 ${fmt(p50)}, p95 ${fmt(p95)}`);
    }
    // the import
    const dir = await mkdtemp(path.join(tmpdir(), 'gongzhi-bench-'));
    const file = path.join(dir, 'people.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = writer.addWorksheet('人员');
    ws.addRow(['所属网格', '姓名', '身份证号', '联系电话', '人口类型']).commit();
    const villageGrids = grids.filter((g) => g.parent_id === villageId);
    for (let j = 0; j < IMPORT_ROWS; j++) {
      const g = villageGrids[j % villageGrids.length] as (typeof grids)[number];
      ws.addRow([
        g.code,
        `导入${j}`,
        makeIdNumber(
          String(910000 + Math.floor(j / 1000)),
          `19${String(10 + (j % 89)).padStart(2, '0')}0101`,
          j % 1000,
        ),
        `136${String(j).padStart(8, '0')}`,
        '常住',
      ]).commit();
    }
    ws.commit();
    await writer.commit();
    peakRss = process.memoryUsage().rss;
    started = Date.now();
    const village = await principalOf(system, 'village');
    const job = await gridData.import(village, 'person', {
      orgId: villageId,
      filePath: file,
      fileName: 'people.xlsx',
      dryRun: false,
    });
    await Promise.all([...runningImports]);
    const done = await gridData.importProgress(village, job.id);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[grid-data] import of ${IMPORT_ROWS} rows: ${done.status} (${done.created} created, ${done.errorCount} errors${done.errors[0] ? `, first: row ${done.errors[0].row} ${done.errors[0].reason}` : ''}) in ${seconds.toFixed(1)} s = ${Math.round(IMPORT_ROWS / seconds)} rows/s, peak RSS ${Math.round(peakRss / 2 ** 20)} MB`,
    );
  } finally {
    clearInterval(sampler);
    await system.close();
  }
}

async function principalOf(system: Awaited<ReturnType<typeof startSystem>>, username: string) {
  const r = await system.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo1234' },
  });
  const token = r.json().token as string;
  return system.services.auth.principalForSession(token);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runGridDataBench();
