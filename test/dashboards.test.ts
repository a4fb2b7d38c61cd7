// Dashboards, rollups and the command centre through HTTP: figures equal a direct count of the raw tables,
// scope is respected, the rollups survive a rebuild and the xlsx exports hold the page's numbers.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases } from '../bench/generate-cases.js';
import ExcelJS from '../src/core/exceljs.js';
import { ROLLUP_TABLES } from '../src/modules/dashboards/rollup-writer.js';
import { catchUpRollups, checkRollups, rebuildRollups } from '../src/modules/dashboards/rollups.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let leader: Record<string, string>;
let town: Record<string, string>;
let town2: Record<string, string>;
let townId: number;
let town2Id: number;
let countyId: number;
let FROM: string;
let TO: string;

async function get(url: string, headers: Record<string, string>) {
  const r = await sys.request({ method: 'GET', url, headers });
  return {
    status: r.statusCode,
    body: r.statusCode < 300 && r.headers['content-type']?.toString().includes('json') ? r.json() : r.body,
    raw: r,
  };
}

async function direct<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  const { rows } = await query.execute(sys.services.db);
  return rows[0] as T;
}

/**
 * Every rollup table's non-zero rows, sorted, as text (so both paths compare exactly); seconds are rounded to
 * the millisecond, since sums of floats depend on the order they were added in.
 */
async function rollupTables(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of Object.values(ROLLUP_TABLES)) {
    const columns = [...table.keys, ...table.values].map(([c, type]) =>
      type === 'float8' ? `round(${c}::numeric, 3)` : c,
    );
    const nonZero = table.values.map(([c]) => `${c} <> 0`).join(' OR ');
    const { rows } = await sql<{ r: string }>`SELECT concat_ws('|', ${sql.raw(columns.join(', '))}) AS r
      FROM ${sql.table(table.name)} WHERE ${sql.raw(nonZero)}`.execute(sys.services.db);
    out[table.name] = rows.map((x) => x.r).sort();
  }
  return out;
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  await generateCases(sys.services.db, 1500, () => {}, { days: 400 });
  await catchUpRollups(sys.services.db);
  [leader, town, town2] = await Promise.all([sys.login('leader'), sys.login('town'), sys.login('town2')]);
  const me = (h: Record<string, string>) =>
    sys.request({ method: 'GET', url: '/api/auth/me', headers: h }).then((r) => r.json());
  const [l, t, t2] = await Promise.all([me(leader), me(town), me(town2)]);
  countyId = l.org.id;
  townId = t.org.id;
  town2Id = t2.org.id;
  TO = sys.services.dashboards.today();
  FROM = new Date(Date.parse(TO) - 700 * 86400_000).toISOString().slice(0, 10);
}, 240_000);

afterAll(async () => {
  await sys?.stop();
});

describe('rollups', () => {
  it('equal a direct aggregation of the raw tables, and again after a rebuild', async () => {
    const reported: string[] = [];
    const first = await checkRollups(sys.services.db, { progress: (name, n) => reported.push(`${name}:${n}`) });
    expect(reported).toEqual(Object.entries(first.mismatches).map(([name, n]) => `${name}:${n}`));
    await expect(checkRollups(sys.services.db, { workMem: "1GB'; RESET ALL; --" })).rejects.toThrow(/not like/);
    expect(first.mismatches).toEqual({
      case_day: 0,
      open_now_by_town: 0,
      area_day_towns: 0,
      unit_day: 0,
      ratings_by_day: 0,
    });
    const before = await get(`/api/dashboards/summary?from=${FROM}&to=${TO}`, leader);
    const incremental = await rollupTables();
    const indexNames = () =>
      sql<{ n: string }>`SELECT indexname AS n FROM pg_indexes WHERE tablename LIKE 'rollup%' ORDER BY 1`
        .execute(sys.services.db)
        .then((r) => r.rows.map((x) => x.n));
    const indexesBefore = await indexNames();
    const rebuilt = await rebuildRollups(sys.services.db);
    expect(rebuilt?.cases).toBeGreaterThanOrEqual(1500);
    // The swapped-in tables come with statistics (reltuples is -1 for a table never analysed).
    const stats = await sql<{
      n: number;
    }>`SELECT reltuples AS n FROM pg_class WHERE relname = 'rollup_case_day'`.execute(sys.services.db);
    expect(Number(stats.rows[0]?.n)).toBeGreaterThan(0);
    expect((await checkRollups(sys.services.db)).ok).toBe(true);
    // The rebuild (set-wise place facts, streamed unit facts) writes exactly what the consumer wrote, row by row.
    const again = await rollupTables();
    // The rebuild fills fresh copies and swaps them in: same tables, same index names, nothing left over.
    expect(await indexNames()).toEqual(indexesBefore);
    for (const table of Object.keys(incremental)) {
      expect(again[table]?.length, table).toBeGreaterThan(0);
      expect(again[table], table).toEqual(incremental[table]);
    }
    const after = await get(`/api/dashboards/summary?from=${FROM}&to=${TO}`, leader);
    expect(after.body).toEqual(before.body);
  });

  it('follow a case created through the API', async () => {
    const before = (await get(`/api/dashboards/summary?from=${TO}&to=${TO}&orgId=${townId}`, town)).body;
    const grid = await direct<{ id: number }>(
      sql`SELECT g.id FROM orgs g WHERE g.kind = 'grid' AND g.path LIKE (SELECT path FROM orgs WHERE id = ${townId}) || '%' ORDER BY g.id LIMIT 1`,
    );
    const created = await sys.request({
      method: 'POST',
      url: '/api/cases',
      headers: town,
      payload: { channel: 'walk_in', body: '小区门口路灯坏了一个星期，晚上出行不便，请尽快维修。', gridId: grid.id },
    });
    expect(created.statusCode).toBeLessThan(300);
    await catchUpRollups(sys.services.db);
    const after = (await get(`/api/dashboards/summary?from=${TO}&to=${TO}&orgId=${townId}`, town)).body;
    expect(after.received).toBe(before.received + 1);
    expect(after.openNow).toBe(before.openNow + 1);
    expect((await checkRollups(sys.services.db)).ok).toBe(true);
  });
});

describe('dashboards API', () => {
  it('summary and trend match a direct count of the raw tables', async () => {
    const summary = (await get(`/api/dashboards/summary?from=${FROM}&to=${TO}`, leader)).body;
    const raw = await direct<{ received: number; closed: number; open: number }>(sql`
      SELECT (SELECT count(*) FROM case_events WHERE type = 'opened')::int AS received,
             (SELECT count(*) FROM case_events WHERE to_state = 'closed' AND from_state IS DISTINCT FROM 'closed')::int AS closed,
             (SELECT count(*) FROM cases WHERE status NOT IN ('rejected','closed','archived','merged'))::int AS open`);
    expect(summary.org.id).toBe(countyId);
    expect(summary.received).toBe(raw.received);
    expect(summary.closed).toBe(raw.closed);
    expect(summary.openNow).toBe(raw.open);

    const monthly = (await get(`/api/dashboards/trend?from=${FROM}&to=${TO}&interval=month`, leader)).body;
    expect(monthly.items.reduce((s: number, i: { received: number }) => s + i.received, 0)).toBe(raw.received);
    const month = monthly.items.find((i: { received: number }) => i.received > 0);
    const rawMonth = await direct<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM case_events
      WHERE type = 'opened' AND to_char((at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') = ${month.period}`);
    expect(month.received).toBe(rawMonth.n);
  });

  it('the home overview of an area reads the same rollups: the last 12 months, open now, this month, the mix', async () => {
    const home = (await get('/api/home', leader)).body.cases;
    const raw = await direct<{ received: number; open: number; closed: number }>(sql`
      WITH bounds AS (
        SELECT (date_trunc('month', (now() AT TIME ZONE 'UTC') + interval '8 hours') - interval '11 months') AS year_from,
               date_trunc('month', (now() AT TIME ZONE 'UTC') + interval '8 hours') AS month_from)
      SELECT (SELECT count(*) FROM case_events, bounds
               WHERE type = 'opened' AND (at AT TIME ZONE 'UTC') + interval '8 hours' >= year_from)::int AS received,
             (SELECT count(*) FROM cases WHERE status NOT IN ('rejected','closed','archived','merged'))::int AS open,
             (SELECT count(*) FROM case_events, bounds WHERE to_state = 'closed' AND from_state IS DISTINCT FROM 'closed'
                AND (at AT TIME ZONE 'UTC') + interval '8 hours' >= month_from)::int AS closed`);
    expect(home.total).toBe(raw.received);
    expect(home.open).toBe(raw.open);
    expect(home.closedThisMonth).toBe(raw.closed);
    expect(home.byMonth).toHaveLength(12);
    expect(home.byMonth.reduce((s: number, m: { count: number }) => s + m.count, 0)).toBe(raw.received);
    expect(home.byCategory.length).toBeGreaterThan(0);
    const town2 = (await get('/api/home', await sys.login('town2'))).body.cases;
    expect(town2.total).toBeLessThan(home.total);
  });

  it('breakdowns add up and name their rows', async () => {
    const q = `from=${FROM}&to=${TO}`;
    const total = (await get(`/api/dashboards/summary?${q}`, leader)).body.received;
    for (const by of ['channel', 'category1', 'category2', 'place']) {
      const r = await get(`/api/dashboards/breakdown?by=${by}&${q}`, leader);
      expect(r.status).toBe(200);
      const sum = r.body.items.reduce((s: number, i: { received: number }) => s + i.received, 0);
      if (by !== 'category2') expect(sum).toBe(total);
      expect(r.body.items.every((i: { name: string }) => i.name.length > 0)).toBe(true);
    }
    const byChannel = (await get(`/api/dashboards/breakdown?by=channel&${q}`, leader)).body.items;
    const rawHotline = await direct<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases WHERE channel = 'hotline'`);
    expect(byChannel.find((i: { key: string }) => i.key === 'hotline')?.received ?? 0).toBe(rawHotline.n);
    // A village and a grid read the fine table: their breakdowns add up to their own totals.
    const village = await direct<{ id: number; grid: number }>(sql`
      SELECT c.village_id AS id, min(c.grid_id) AS grid FROM cases c GROUP BY c.village_id ORDER BY count(*) DESC LIMIT 1`);
    for (const id of [village.id, village.grid]) {
      const own = (await get(`/api/dashboards/summary?${q}&orgId=${id}`, leader)).body.received;
      const rawOwn = await direct<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM cases WHERE village_id = ${id} OR grid_id = ${id}`);
      expect(own).toBe(rawOwn.n);
      for (const by of ['channel', 'category1', 'category2']) {
        const items = (await get(`/api/dashboards/breakdown?by=${by}&${q}&orgId=${id}`, leader)).body.items;
        expect(
          items.reduce((s: number, i: { received: number }) => s + i.received, 0),
          `${id} ${by}`,
        ).toBe(own);
      }
    }
    const units = (await get(`/api/dashboards/breakdown?by=unit&${q}`, leader)).body.items;
    const rawSigned = await direct<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM case_events WHERE type = 'signFor'`,
    );
    expect(units.reduce((s: number, i: { signed: number }) => s + i.signed, 0)).toBe(rawSigned.n);
    const durations = (await get(`/api/dashboards/durations?${q}`, leader)).body;
    const rawClosed = await direct<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM case_events WHERE type IN ('close','closeOnTheSpot')`,
    );
    expect(durations.close.count).toBe(rawClosed.n);
    expect(durations.close.buckets.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(rawClosed.n);
  });

  it('keeps a town to its own town: town2 sees none of town’s figures', async () => {
    const q = `from=${FROM}&to=${TO}`;
    const mine = (await get(`/api/dashboards/summary?${q}`, town)).body;
    const rawTown = await direct<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.type = 'opened' AND c.town_id = ${townId}`);
    expect(mine.org.id).toBe(townId);
    expect(mine.received).toBe(rawTown.n);
    for (const url of [
      `/api/dashboards/summary?orgId=${townId}`,
      `/api/dashboards/trend?orgId=${townId}`,
      `/api/dashboards/breakdown?by=unit&orgId=${townId}`,
      `/api/dashboards/durations?orgId=${townId}`,
      `/api/dashboards/summary?orgId=${countyId}`,
      `/api/command/overview?orgId=${townId}`,
    ]) {
      const r = await get(url, town2);
      expect(r.status, url).toBe(404);
      expect(JSON.parse(r.raw.body).code).toBe('ORG_NOT_FOUND');
    }
    const other = (await get(`/api/dashboards/breakdown?by=place&${q}`, town2)).body;
    expect(other.org.id).toBe(town2Id);
    const townVillages = await direct<{ ids: number[] }>(
      sql`SELECT coalesce(array_agg(id), '{}') AS ids FROM orgs WHERE parent_id = ${townId}`,
    );
    expect(other.items.some((i: { key: string }) => townVillages.ids.map(String).includes(i.key))).toBe(false);
    const units = (await get(`/api/dashboards/breakdown?by=unit&${q}`, town2)).body.items;
    const rawTown2Signed = await direct<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.type = 'signFor' AND c.town_id = ${town2Id}`);
    expect(units.reduce((s: number, i: { signed: number }) => s + i.signed, 0)).toBe(rawTown2Signed.n);
  });

  it('refuses a bad period with a message a person can act on', async () => {
    const r = await get('/api/dashboards/trend?from=2026-05-01&to=2026-04-01', leader);
    expect(r.status).toBe(400);
    const body = JSON.parse(r.raw.body);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toContain('开始日期不能晚于结束日期');
    expect((await get('/api/dashboards/summary?from=yesterday', leader)).status).toBe(400);
    expect((await get('/api/dashboards/breakdown?by=weather', leader)).status).toBe(400);
  });

  it('exports every table to xlsx with the numbers of the page', async () => {
    const q = `from=${FROM}&to=${TO}`;
    const check = async (url: string, expected: (string | number)[][], prefix = false) => {
      const r = await sys.request({ method: 'GET', url: `${url}&format=xlsx`, headers: leader });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0];
      const rows: (string | number)[][] = [];
      ws?.eachRow((row, n) => {
        if (n > 2) rows.push((row.values as (string | number)[]).slice(1, 1 + (expected[0]?.length ?? 0)));
      });
      expect(prefix ? rows.slice(0, expected.length) : rows).toEqual(expected);
    };
    const trend = (await get(`/api/dashboards/trend?${q}&interval=month`, leader)).body;
    await check(
      `/api/dashboards/trend?${q}&interval=month`,
      trend.items.map((i: { period: string; received: number; closed: number }) => [i.period, i.received, i.closed]),
    );
    const byCat = (await get(`/api/dashboards/breakdown?by=category1&${q}`, leader)).body;
    await check(
      `/api/dashboards/breakdown?by=category1&${q}`,
      byCat.items.map((i: { name: string; received: number; closed: number }) => [i.name, i.received, i.closed]),
    );
    const durations = (await get(`/api/dashboards/durations?${q}`, leader)).body;
    await check(
      `/api/dashboards/durations?${q}`,
      durations.sign.buckets.map((b: { label: string; count: number }) => [b.label, b.count]),
    );
    const summary = (await get(`/api/dashboards/summary?${q}`, leader)).body;
    await check(
      `/api/dashboards/summary?${q}`,
      [
        ['受理', summary.received],
        ['办结', summary.closed],
        ['在办（当前）', summary.openNow],
      ],
      true,
    );
  });
});

describe('command centre', () => {
  it('colours the children by open and overdue cases and drills down to a grid', async () => {
    const county = (await get('/api/command/overview', leader)).body;
    expect(county.org.kind).toBe('county');
    expect(county.children.length).toBeGreaterThan(1);
    expect(county.children.reduce((s: number, c: { openNow: number }) => s + c.openNow, 0)).toBe(county.today.openNow);
    const rawOverdue = await direct<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM cases c
      WHERE c.closed_at IS NULL AND c.status NOT IN ('rejected','closed','archived','merged')
        AND EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.due_at <= ${sys.services.clock.now()})`);
    expect(county.today.overdueNow).toBe(rawOverdue.n);
    expect(county.children.reduce((s: number, c: { overdueNow: number }) => s + c.overdueNow, 0)).toBe(rawOverdue.n);
    const rawByTown = await sql<{ town_id: number; n: number }>`
      SELECT c.town_id, count(*)::int AS n FROM cases c
      WHERE EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.due_at <= ${sys.services.clock.now()})
      GROUP BY c.town_id`.execute(sys.services.db);
    expect(rawByTown.rows.length).toBeGreaterThan(1);
    for (const r of rawByTown.rows)
      expect(county.children.find((c: { id: number }) => c.id === r.town_id)?.overdueNow).toBe(r.n);
    const busiest = [...county.children].sort((a, b) => b.openNow - a.openNow)[0];
    const townView = (await get(`/api/command/overview?orgId=${busiest.id}`, leader)).body;
    expect(townView.breadcrumb.map((b: { kind: string }) => b.kind)).toEqual(['county', 'town']);
    expect(townView.today.openNow).toBe(busiest.openNow);
    const village = townView.children[0];
    const villageView = (await get(`/api/command/overview?orgId=${village.id}`, leader)).body;
    const grid = villageView.children[0];
    const gridView = (await get(`/api/command/overview?orgId=${grid.id}`, leader)).body;
    expect(gridView.breadcrumb.map((b: { kind: string }) => b.kind)).toEqual(['county', 'town', 'village', 'grid']);
    expect(gridView.children).toEqual([]);
    const dept = await direct<{ id: number }>(sql`SELECT id FROM orgs WHERE kind = 'department' LIMIT 1`);
    const bad = await get(`/api/command/overview?orgId=${dept.id}`, leader);
    expect(bad.status).toBe(400);
  });
});
