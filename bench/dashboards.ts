// Dashboard bench on PostgreSQL: a demo county with BENCH_CASES generated cases (default 10 000 000) and their
// timelines, the rollup rebuild time, the rollup check, and p50/p95 latency of the dashboard and command-centre
// endpoints through the real HTTP stack; EXPLAIN of the hot queries is printed and saved to
// bench/results/dashboards-explain.txt to show they read the rollups, not the cases.
// Run: BENCH_CASES=1000000 npx tsx bench/dashboards.ts  (PostgreSQL at BENCH_DATABASE_URL or TEST_DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/postgres; the generated database gongzhi_bench_<n> is kept and
// reused by the next run — BENCH_FRESH=1 drops it first; BENCH_REBUILD=0 keeps the rollups as they are and
// measures latency only).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { checkRollups, rebuildRollups } from '../src/modules/dashboards/rollups.js';
import { openBenchCounty } from './bench-county.js';
import { percentile } from './support.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface DashboardBenchResult {
  cases: number;
  generateSeconds: number | null;
  /** Null when BENCH_REBUILD=0 kept the rollups as they were. */
  rebuildSeconds: number | null;
  checkSeconds: number | null;
  checkOk: boolean | null;
  latency: { name: string; p50: number; p95: number }[];
}

export async function runDashboardBench(): Promise<DashboardBenchResult> {
  const { n, system, db, generateSeconds, login } = await openBenchCounty('Dashboards');
  try {
    let rebuildSeconds: number | null = null;
    let checkSeconds: number | null = null;
    let checkOk: boolean | null = null;
    if (process.env.BENCH_REBUILD === '0') {
      console.log('  BENCH_REBUILD=0: the rollups are kept as they are (no rebuild, no check); latency only');
    } else {
      const started = Date.now();
      let lastPct = -1;
      const rebuilt = await rebuildRollups(db, {
        progress: (done, total) => {
          const pct = Math.floor((done / total) * 100);
          if (pct !== lastPct) {
            lastPct = pct;
            process.stdout.write(
              `\r  rebuilding rollups: ${done.toLocaleString()} / ${total.toLocaleString()} cases (${pct}%)`,
            );
          }
        },
      });
      rebuildSeconds = (Date.now() - started) / 1000;
      const phases = Object.entries(rebuilt?.phases ?? {})
        .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
        .join(', ');
      console.log(
        `\n  rollup rebuild: ${rebuildSeconds.toFixed(1)} s (${rebuilt?.events.toLocaleString()} events; ${phases})`,
      );
      await sql`ANALYZE rollup_case_day, rollup_unit_day, rollup_area_day, rollup_duration_day, rollup_area_now`.execute(
        db,
      );
      const sizes = await sql<{ t: string; n: number }>`
        SELECT relname AS t, n_live_tup AS n FROM pg_stat_user_tables WHERE relname LIKE 'rollup_%' ORDER BY relname`.execute(
        db,
      );
      for (const s of sizes.rows) console.log(`    ${s.t.padEnd(22)} ${Number(s.n).toLocaleString()} rows`);

      const checkStarted = Date.now();
      const tempBytes = async () =>
        Number(
          (
            await sql<{
              b: number;
            }>`SELECT temp_bytes AS b FROM pg_stat_database WHERE datname = current_database()`.execute(db)
          ).rows[0]?.b ?? 0,
        );
      const tempBefore = await tempBytes();
      console.log('  rollup check (each comparison as it finishes):');
      const check = await checkRollups(db, {
        progress: (name, differing, ms) =>
          console.log(`    ${name.padEnd(18)} ${differing} differing rows, ${(ms / 1000).toFixed(1)} s`),
      });
      checkSeconds = (Date.now() - checkStarted) / 1000;
      checkOk = check.ok;
      const tempGb = ((await tempBytes()) - tempBefore) / 1024 ** 3;
      console.log(
        `  rollup check: ${check.ok ? 'OK (equal to a direct aggregation of the raw tables)' : 'MISMATCH'} in ${checkSeconds.toFixed(1)} s, ${tempGb.toFixed(1)} GB of temporary files`,
      );
    }

    // Latency through the HTTP stack (Fastify inject), as a county leader and as a town.
    const leader = await login('leader');
    const town = await login('town');
    const today = system.services.dashboards.today();
    const back = (days: number) => new Date(Date.parse(today) - days * 86400_000).toISOString().slice(0, 10);
    const y = `from=${back(364)}&to=${today}`;
    const cases: [string, string, Record<string, string>][] = [
      ['summary, county, 30 days', '/api/dashboards/summary', leader],
      ['summary, county, 1 year', `/api/dashboards/summary?${y}`, leader],
      ['trend by day, county, 90 days', `/api/dashboards/trend?from=${back(89)}&to=${today}`, leader],
      ['trend by month, county, 1 year', `/api/dashboards/trend?${y}&interval=month`, leader],
      ['breakdown by channel, 1 year', `/api/dashboards/breakdown?by=channel&${y}`, leader],
      ['breakdown by category2, 1 year', `/api/dashboards/breakdown?by=category2&${y}`, leader],
      ['breakdown by unit, 1 year', `/api/dashboards/breakdown?by=unit&${y}`, leader],
      ['breakdown by place, 1 year', `/api/dashboards/breakdown?by=place&${y}`, leader],
      ['durations, county, 1 year', `/api/dashboards/durations?${y}`, leader],
      ['summary, town, 1 year', `/api/dashboards/summary?${y}`, town],
      ['command centre, county', '/api/command/overview', leader],
      ['command centre, town', '/api/command/overview', town],
      ['xlsx export, trend 1 year', `/api/dashboards/trend?${y}&format=xlsx`, leader],
      ['home overview, county', '/api/home', leader],
      ['home overview, town', '/api/home', town],
    ];
    const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
    const latency: DashboardBenchResult['latency'] = [];
    console.log(`  latency over ${rounds} requests each (ms):`);
    console.log(`    ${'request'.padEnd(34)}   p50     p95`);
    for (const [label, path, headers] of cases) {
      const times: number[] = [];
      for (let i = 0; i < rounds + 2; i++) {
        const t0 = performance.now();
        const r = await system.app.inject({ method: 'GET', url: path, headers });
        const ms = performance.now() - t0;
        if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        if (i >= 2) times.push(ms); // the first two warm caches
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      latency.push({ name: label, p50, p95 });
      console.log(`    ${label.padEnd(34)} ${p50.toFixed(1).padStart(6)}  ${p95.toFixed(1).padStart(6)}`);
    }

    // EXPLAIN of the hot queries: they must read the rollups (index scans on small tables), not the cases.
    const county =
      (await sql<{ id: number }>`SELECT id FROM orgs WHERE kind = 'county' LIMIT 1`.execute(db)).rows[0]?.id ?? 0;
    const explains: [string, ReturnType<typeof sql>][] = [
      [
        'trend / summary (area cube, county, 1 year)',
        sql`SELECT day, sum(received), sum(closed) FROM rollup_area_day WHERE area_id = ${county} AND dim = 'all'
            AND day >= ${back(364)} AND day <= ${today} GROUP BY 1`,
      ],
      [
        'breakdown by category2 (area cube)',
        sql`SELECT key, sum(received), sum(closed) FROM rollup_area_day WHERE area_id = ${county} AND dim = 'category2'
            AND day >= ${back(364)} AND day <= ${today} GROUP BY key`,
      ],
      [
        'breakdown by unit (unit rollup, county)',
        sql`SELECT u.unit_id, o.name, sum(u.signed), sum(u.completed) FROM rollup_unit_day u JOIN orgs o ON o.id = u.unit_id
            WHERE u.county_code = (SELECT county_code FROM orgs WHERE id = ${county}) AND u.day >= ${back(364)} AND u.day <= ${today}
            GROUP BY 1, 2`,
      ],
      [
        'overdue now, county (red clocks, each carrying its place)',
        sql`SELECT count(DISTINCT d.case_id) FROM case_deadlines d
            WHERE d.county_code = (SELECT county_code FROM orgs WHERE id = ${county}) AND d.due_at <= now()`,
      ],
      [
        'overdue now by town (map colouring)',
        sql`SELECT d.town_id, count(DISTINCT d.case_id) FROM case_deadlines d
            WHERE d.county_code = (SELECT county_code FROM orgs WHERE id = ${county}) AND d.due_at <= now()
            GROUP BY d.town_id`,
      ],
    ];
    const out: string[] = [
      `# EXPLAIN ANALYZE of the hot dashboard queries, ${n.toLocaleString()} cases, ${new Date().toISOString()}`,
    ];
    for (const [label, query] of explains) {
      const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(db);
      out.push('', `## ${label}`, ...plan.rows.map((r) => r['QUERY PLAN']));
    }
    const file = path.join(HERE, 'results', 'dashboards-explain.txt');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${out.join('\n')}\n`);
    console.log(`  EXPLAIN of the hot queries (saved to ${path.relative(process.cwd(), file)}):`);
    for (const line of out.slice(1))
      if (line.startsWith('##') || /Scan|Execution Time/.test(line)) console.log(`    ${line.trim()}`);
    return { cases: n, generateSeconds, rebuildSeconds, checkSeconds, checkOk, latency };
  } finally {
    await system.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDashboardBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
