// 智能分类 at intake (issue 22): with INTAKE_CLASSIFY on (the default outside tests), a case that arrives without
// a category is written once with its suggestion — the 'opened' entry and the 智能分类建议 note, the row on
// case_suggestions — instead of being rewritten by the consumer a moment later; the consumer then has nothing
// left to do for it. A case with a category, or in a county with 智能派单 on, takes the consumer's path as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstGridPoint } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let point: { lat: number; lng: number };

const LAMP = '小区门口的路灯坏了一个多月，晚上出行很不方便，希望尽快修复。';
const WAGES = '我在工地干了半年活，老板一直拖欠工资不发，劳动监察部门能不能帮忙讨薪？';

beforeAll(async () => {
  sys = await startTestSystem({ env: { INTAKE_CLASSIFY: 'on' } });
  for (const name of ['admin', 'county']) as[name] = await sys.login(name);
  point = await firstGridPoint(sys);
  // Tests do not train at start; the intake never waits for a training, so train before the first intake.
  await sys.services.categorySuggester.classify(LAMP);
}, 240_000);
afterAll(async () => sys?.stop());

async function open(body: string, extra: Record<string, unknown> = {}) {
  const r = await sys.json('POST', '/api/cases', as.county as Headers, {
    channel: 'walk_in',
    body,
    ...point,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; version: number; timeline: { type: string; note: string | null }[] };
}

const suggestionRow = (caseId: number) =>
  sys.services.db.selectFrom('case_suggestions').selectAll().where('case_id', '=', caseId).executeTakeFirst();

const events = async (caseId: number) =>
  (
    await sys.services.db
      .selectFrom('case_events')
      .select(['version', 'type', 'note', 'actor_kind'])
      .where('case_id', '=', caseId)
      .orderBy('version')
      .execute()
  ).map((e) => ({ ...e, version: Number(e.version) }));

describe('智能分类 at intake', () => {
  it('writes a case without a category once, with its suggestion on the timeline and on case_suggestions', async () => {
    const c = await open(LAMP);
    expect(c.version).toBe(2);
    expect(await events(c.id)).toEqual([
      { version: 1, type: 'opened', note: null, actor_kind: 'user' },
      { version: 2, type: 'amended', note: expect.stringMatching(/^智能分类建议：/), actor_kind: 'system' },
    ]);
    // the answer is the case page as a GET reads it
    const page = await sys.json('GET', `/api/cases/${c.id}`, as.county as Headers);
    expect(page.body.version).toBe(2);
    expect(page.body.timeline.map((e: { type: string }) => e.type)).toEqual(c.timeline.map((e) => e.type));
    const row = await suggestionRow(c.id);
    expect(row).toMatchObject({ status: 'suggested', county_code: '330788', channel: 'walk_in' });
    expect(row?.category_id).not.toBeNull();
    expect(row?.confidence).toBeGreaterThan(0);
    const api = await sys.json('GET', `/api/intelligence/cases/${c.id}/suggestion`, as.county as Headers);
    expect(api.body.suggestion).toMatchObject({ status: 'suggested', categoryId: row?.category_id });
    // one outbox message per entry, one case row version: the clock and the owner written once
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(outbox.map((o) => (typeof o.payload === 'string' ? JSON.parse(o.payload) : o.payload).version)).toEqual([
      1, 2,
    ]);
    // a note of the machine's is not a change of the reporter's words: nobody is told 诉求内容已更新
    const notes = await sys.services.db
      .selectFrom('notifications')
      .select('kind')
      .where('case_id', '=', c.id)
      .execute();
    expect(notes.map((n) => n.kind)).not.toContain('amended');
  });

  it('leaves the consumer nothing to do for it: no second note, the version stays', async () => {
    const c = await open(WAGES);
    await sys.services.intelligence.drain();
    expect((await events(c.id)).map((e) => e.type)).toEqual(['opened', 'amended']);
    expect((await sys.json('GET', `/api/cases/${c.id}`, as.county as Headers)).body.version).toBe(2);
    // the staff member who acts at once on the version they were answered with is not refused
    const accept = await sys.json('POST', `/api/cases/${c.id}/actions`, as.county as Headers, {
      version: c.version,
      action: { type: 'accept' },
    });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
  });

  it('does not classify a case that came with its category', async () => {
    const categories = await sys.services.db
      .selectFrom('categories')
      .select('id')
      .where('level', '=', 2)
      .limit(1)
      .executeTakeFirstOrThrow();
    const c = await open(LAMP, { categoryId: categories.id });
    expect(c.version).toBe(1);
    expect(await suggestionRow(c.id)).toBeUndefined();
    await sys.services.intelligence.drain();
    expect(await suggestionRow(c.id)).toBeUndefined();
  });

  it('leaves the case to the consumer when the county has 智能派单 on, which then dispatches it', async () => {
    const on = await sys.json('PUT', '/api/intelligence/settings', as.admin as Headers, {
      autoDispatch: true,
      threshold: 0.5,
    });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    try {
      const c = await open(LAMP);
      expect(c.version).toBe(1);
      expect(await suggestionRow(c.id)).toBeUndefined();
      await sys.services.intelligence.drain();
      const row = await suggestionRow(c.id);
      expect(row?.status).toMatch(/^(auto|suggested)$/);
      expect((await events(c.id))[1]).toMatchObject({
        type: 'amended',
        note: expect.stringMatching(/^智能分类建议：/),
      });
    } finally {
      await sys.json('PUT', '/api/intelligence/settings', as.admin as Headers, { autoDispatch: false, threshold: 0.9 });
    }
  });
});
