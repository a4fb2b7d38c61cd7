// The lean intake (issue 22): a new case is written once, whole — its snapshot, projections and search vector
// in the insert — and the staff's answer is made from what the intake has in hand. Both must say exactly what
// reading the case back says.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSearchBatch } from '../src/modules/analysis/index.js';
import { firstGridPoint } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let point: { lat: number; lng: number };
beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  point = await firstGridPoint(sys);
}, 120_000);
afterAll(async () => sys?.stop());

async function principal(username: string) {
  const headers = await sys.login(username);
  const me = await sys.request({ method: 'GET', url: '/api/auth/me', headers });
  expect(me.statusCode).toBe(200);
  return headers;
}

describe('the intake writes the case once and answers from what it has', () => {
  it('answers POST /api/cases with what GET /api/cases/:id says, for several intakes', async () => {
    const category = await sys.services.db
      .selectFrom('categories')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const cases: [string, Record<string, unknown>][] = [
      ['county', { channel: 'walk_in', body: '小区门口的路灯坏了一个多星期，晚上很黑。', ...point }],
      [
        'county',
        {
          channel: 'petition',
          body: '楼下餐馆油烟直排，窗户都不敢开，希望有关部门管一管。',
          ...point,
          categoryId: category.id,
          urgency: 'urgent',
          address: '文昌路 12 号',
          reporter: { name: '李先生', phone: '13900002222' },
        },
      ],
      ['village', { channel: 'walk_in', body: '村道上有个大坑，电动车经过很危险。', ...point, title: '村道大坑' }],
      [
        'village',
        { channel: 'citizen_app', body: '河边有人倾倒建筑垃圾，污染环境。', ...point, reporter: { anonymous: true } },
      ],
    ];
    for (const [user, body] of cases) {
      const headers = await principal(user);
      const created = await sys.request({ method: 'POST', url: '/api/cases', headers, payload: body });
      expect(created.statusCode, created.body).toBe(201);
      const answer = created.json();
      const read = (await sys.request({ method: 'GET', url: `/api/cases/${answer.id}`, headers })).json();
      expect(answer).toEqual(read);
      expect(answer.timeline.length).toBeGreaterThan(0);
      expect(answer.deadlines.length).toBeGreaterThan(0);
    }
  });

  it('writes one row version with its search vector, so neither an update nor the indexer rewrites it', async () => {
    const headers = await principal('county');
    const created = await sys.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: { channel: 'walk_in', body: '公园里的健身器材坏了，孩子玩耍有危险。', address: '青溪公园', ...point },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const row = await sql<{ xmin: string; vector: string | null; status: string; machine: unknown; units: number[] }>`
      SELECT xmin::text AS xmin, search_vector::text AS vector, status, machine, unit_ids AS units
      FROM cases WHERE id = ${id}`.execute(sys.services.db);
    const r = row.rows[0];
    expect(r?.status).toBe('submitted');
    expect(r?.machine).toMatchObject({ id: String(id), state: 'submitted', version: 1 });
    expect(r?.units).toEqual([created.json().ownerOrgId]);
    expect(r?.vector).toContain("'健身器材'");
    expect(r?.vector).toContain("'青溪'");
    // Nothing left for the indexer: the row keeps the version (xmin) the intake wrote.
    while ((await indexSearchBatch(sys.services.db)) > 0) {}
    const after = await sql<{ xmin: string }>`SELECT xmin::text AS xmin FROM cases WHERE id = ${id}`.execute(
      sys.services.db,
    );
    expect(after.rows[0]?.xmin).toBe(r?.xmin);
    // and it is found by the words of its text
    const found = await sys.request({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent('健身器材')}`,
      headers,
    });
    expect(found.json().items.map((i: { id: number }) => i.id)).toContain(id);
  });

  it('writes concurrent intakes through the group writer, each acknowledged case whole, a duplicate once', async () => {
    const headers = await sys.login('county');
    const before = { ...sys.services.cases.writer.stats };
    const token = (i: number) => `group-commit-${Date.now()}-${i}`;
    const tokens = Array.from({ length: 24 }, (_, i) => token(i));
    // the last request repeats the first one's client token: one case for both, the others unharmed
    const bodies = [...tokens, tokens[0] as string].map((clientToken, i) => ({
      channel: 'walk_in',
      body: `第${i}号楼电梯经常停运，老人上下楼很不方便，请尽快维修。`,
      clientToken,
      ...point,
    }));
    const answers = await Promise.all(
      bodies.map((payload) => sys.request({ method: 'POST', url: '/api/cases', headers, payload })),
    );
    for (const a of answers) expect([200, 201], a.body).toContain(a.statusCode);
    const ids = answers.map((a) => a.json().id as number);
    expect(ids[24]).toBe(ids[0]);
    expect(new Set(ids).size).toBe(24);
    const stats = sys.services.cases.writer.stats;
    expect(stats.cases - before.cases).toBe(24);
    // every acknowledged case is whole: its row, opening entry, clock, owner and outbox message
    const whole = await sql<{ id: number; events: number; clocks: number; owners: number; outbox: number }>`
      SELECT c.id,
        (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
        (SELECT count(*)::int FROM case_deadlines d WHERE d.case_id = c.id) AS clocks,
        (SELECT count(*)::int FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'owner') AS owners,
        (SELECT count(*)::int FROM outbox o WHERE o.case_id = c.id) AS outbox
      FROM cases c WHERE c.client_token = ANY(${tokens})`.execute(sys.services.db);
    expect(whole.rows).toHaveLength(24);
    for (const r of whole.rows) expect(r).toMatchObject({ events: 1, clocks: 1, owners: 1, outbox: 1 });
  });
});
