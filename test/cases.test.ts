// The case lifecycle through the HTTP API: intake, routing, the inbox, actions with their timeline and
// clocks, conflicts, scope, and the escalation chain driven by the demo clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};

const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
  sys.json(method, url, headers, payload);

let gridPoint: { lat: number; lng: number };
let deptId: number;
let gridId: number;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid', 'dept']) as[name] = await sys.login(name);
  const me = (await call('GET', '/api/auth/me', as.grid as Headers)).body;
  gridId = me.org.id;
  const grid = (await call('GET', `/api/orgs/${gridId}`, as.admin as Headers)).body;
  gridPoint = { lat: grid.centerLat, lng: grid.centerLng };
  deptId = (await call('GET', '/api/auth/me', as.dept as Headers)).body.org.id;
});

afterAll(async () => {
  await sys?.stop();
});

async function newCase(headers: Headers, extra: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/cases', headers, {
    channel: 'walk_in',
    body: '小区门口的路灯坏了一个多星期，晚上很黑，老人出门不安全。',
    ...gridPoint,
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function act(id: number, headers: Headers, action: Record<string, unknown>) {
  const current = (await call('GET', `/api/cases/${id}`, headers)).body;
  const result = await call('POST', `/api/cases/${id}/actions`, headers, { version: current.version, action });
  return result;
}

describe('case lifecycle over HTTP', () => {
  it('opens a case routed by its point, with an acceptance clock and an opening timeline entry', async () => {
    const c = await newCase(as.village as Headers);
    expect(c.state).toBe('submitted');
    expect(c.gridId).toBe(gridId);
    expect(c.level).toBe('village');
    expect(c.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['accept']);
    expect(c.timeline).toHaveLength(1);
    expect(c.timeline[0].type).toBe('opened');
    expect(c.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject', 'closeOnTheSpot']));
    const inbox = (await call('GET', '/api/inbox', as.village as Headers)).body.boxes;
    expect(inbox.to_accept).toBeGreaterThanOrEqual(1);
    const listed = (await call('GET', '/api/cases?box=to_accept', as.village as Headers)).body;
    expect(listed.items.map((i: { id: number }) => i.id)).toContain(c.id);
  });

  it('goes dispatch → sign → reply → callback → close, one version and one timeline entry per step', async () => {
    const c = await newCase(as.village as Headers);
    expect((await act(c.id, as.village as Headers, { type: 'accept' })).status).toBe(200);
    expect((await act(c.id, as.village as Headers, { type: 'reportUp', reason: '需要镇街协调' })).status).toBe(200);
    const dispatched = await act(c.id, as.town as Headers, { type: 'dispatch', leadOrgId: deptId });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.state).toBe('dispatched');
    expect((await call('GET', '/api/inbox', as.dept as Headers)).body.boxes.to_sign).toBeGreaterThanOrEqual(1);
    const notes = (await call('GET', '/api/notifications', as.dept as Headers)).body;
    expect(notes.items.some((n: { caseId: number }) => n.caseId === c.id)).toBe(true);
    expect((await act(c.id, as.dept as Headers, { type: 'signFor' })).body.state).toBe('handling');
    const replied = await act(c.id, as.dept as Headers, { type: 'reply', content: '已更换路灯，恢复照明。' });
    expect(replied.body.state).toBe('replied');
    expect(replied.body.reply).toBe('已更换路灯，恢复照明。');
    const called = await act(c.id, as.town as Headers, { type: 'callback', rating: 'satisfied' });
    expect(called.status).toBe(200);
    const closed = await act(c.id, as.town as Headers, { type: 'close' });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    expect(closed.body.deadlines).toEqual([]);
    const versions = closed.body.timeline.map((e: { version: number }) => e.version);
    expect(versions).toEqual(versions.map((_: number, i: number) => i + 1));
    const outbox = await sys.services.db.selectFrom('outbox').select('payload').where('case_id', '=', c.id).execute();
    expect(outbox).toHaveLength(closed.body.timeline.length);
  });

  it('refuses an action the state forbids with a 409 naming the state, and writes nothing', async () => {
    const c = await newCase(as.village as Headers);
    const refused = await act(c.id, as.village as Headers, { type: 'close' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    expect(refused.body.message).toContain('待受理');
    const after = (await call('GET', `/api/cases/${c.id}`, as.village as Headers)).body;
    expect(after.version).toBe(1);
    expect(after.timeline).toHaveLength(1);
  });

  it('answers a stale version with CASE_VERSION_CONFLICT and the current state; of two concurrent actions one wins', async () => {
    const c = await newCase(as.village as Headers);
    const both = await Promise.all([
      call('POST', `/api/cases/${c.id}/actions`, as.village as Headers, { version: 1, action: { type: 'accept' } }),
      call('POST', `/api/cases/${c.id}/actions`, as.village as Headers, {
        version: 1,
        action: { type: 'reject', reason: '重复' },
      }),
    ]);
    const statuses = both.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = both.find((r) => r.status === 409);
    expect(loser?.body.code).toBe('CASE_VERSION_CONFLICT');
    expect(loser?.body.details.current.version).toBe(2);
  });

  it('of eight actions at once on one case, one is written whole and seven change nothing', async () => {
    // An action takes no lock: it reads the case and writes in one statement guarded by the version it read
    // (persistOutcome). The seven that lose must leave no timeline entry, clock, notice or outbox message behind.
    const c = await newCase(as.village as Headers);
    const db = sys.services.db;
    const count = async (table: 'case_events' | 'case_deadlines' | 'outbox' | 'notifications') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('case_id', '=', c.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { events: await count('case_events'), outbox: await count('outbox') };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', `/api/cases/${c.id}/actions`, as.village as Headers, {
          version: c.version,
          action: { type: 'accept' },
        }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const page = (await call('GET', `/api/cases/${c.id}`, as.village as Headers)).body;
    expect(page.version).toBe(c.version + 1);
    for (const lost of answers.filter((r) => r.status === 409)) {
      expect(lost.body.code).toBe('CASE_VERSION_CONFLICT');
      expect(lost.body.details.current).toEqual({ version: page.version, state: page.state });
    }
    expect(await count('case_events')).toBe(before.events + 1);
    expect(await count('outbox')).toBe(before.outbox + 1);
    expect(page.timeline.filter((e: { type: string }) => e.type === 'accept')).toHaveLength(1);
    expect(await count('case_deadlines')).toBe(page.deadlines.length);
  });

  it('hides a case from another town (404) and refuses a unit that is not the owner (403)', async () => {
    const c = await newCase(as.village as Headers);
    expect((await call('GET', `/api/cases/${c.id}`, as.town2 as Headers)).status).toBe(404);
    expect(
      (
        await call('POST', `/api/cases/${c.id}/actions`, as.town2 as Headers, {
          version: 1,
          action: { type: 'accept' },
        })
      ).status,
    ).toBe(404);
    const list = (await call('GET', '/api/cases?pageSize=200', as.town2 as Headers)).body;
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(c.id);
    const notOwner = await act(c.id, as.town as Headers, { type: 'accept' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.code).toBe('NOT_AUTHORISED_FOR_ACTION');
  });

  it('rejects bad intake with a clear 4xx and writes nothing', async () => {
    const before = await sys.services.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const empty = await call('POST', '/api/cases', as.village as Headers, {
      channel: 'walk_in',
      body: '  ',
      ...gridPoint,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('描述');
    const outside = await call('POST', '/api/cases', as.village as Headers, {
      channel: 'walk_in',
      body: '这里有个问题需要处理',
      lat: 39.9,
      lng: 116.4,
    });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('OUTSIDE_COUNTY');
    const phone = await call('POST', '/api/cases', as.village as Headers, {
      channel: 'walk_in',
      body: '这里有个问题需要处理',
      ...gridPoint,
      reporter: { phone: '12345' },
    });
    expect(phone.status).toBe(400);
    const after = await sys.services.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('makes one case of a resubmission with the same client token, even concurrently', async () => {
    const payload = {
      channel: 'walk_in',
      body: '垃圾桶满了没人清理，气味很大。',
      ...gridPoint,
      clientToken: 'tok-123',
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', '/api/cases', as.village as Headers, payload)),
    );
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('escalates an unaccepted village case to town supervision, then to the county, as the clock passes', async () => {
    const c = await newCase(as.village as Headers, { urgency: 'urgent' });
    const accept = c.deadlines.find((d: { kind: string }) => d.kind === 'accept');
    // Move the demo clock past the acceptance limit and sweep.
    await call('POST', '/api/clock/advance', as.admin as Headers, { days: 2 });
    await sys.services.jobs.runNow('deadline-sweeper');
    const supervised = (await call('GET', `/api/cases/${c.id}`, as.town as Headers)).body;
    expect(new Date(accept.dueAt).getTime()).toBeLessThan(Date.parse(supervised.timeline.at(-1).at) + 1);
    expect(supervised.supervision).toMatchObject({ level: 'town', automatic: true });
    expect(supervised.timeline.at(-1).type).toBe('escalateOverdue');
    // Its red clocks carry the case's place and current owner, so the command centre counts the case overdue
    // at its grid, village, town and county without reading the case, and not in another town.
    const clocks = await sys.services.db
      .selectFrom('case_deadlines as d')
      .innerJoin('cases as c', 'c.id', 'd.case_id')
      .select(['d.town_id', 'd.village_id', 'd.grid_id', 'd.owner_org_id', 'c.town_id as ct'])
      .select(['c.village_id as cv', 'c.grid_id as cg', 'c.owner_org_id as co'])
      .where('d.case_id', '=', c.id)
      .execute();
    expect(clocks.length).toBeGreaterThan(0);
    for (const k of clocks)
      expect([k.town_id, k.village_id, k.grid_id, k.owner_org_id]).toEqual([k.ct, k.cv, k.cg, k.co]);
    const [clock] = clocks;
    expect(clock?.grid_id).toBe(gridId);
    for (const orgId of [clock?.grid_id, clock?.village_id, clock?.town_id, undefined]) {
      const view = await call('GET', `/api/command/overview${orgId ? `?orgId=${orgId}` : ''}`, as.county as Headers);
      expect(view.status).toBe(200);
      expect(view.body.overdue.map((o: { id: number }) => o.id)).toContain(c.id);
      expect(view.body.today.overdueNow).toBeGreaterThanOrEqual(1);
    }
    const other = (await call('GET', '/api/command/overview', as.town2 as Headers)).body;
    expect(other.overdue.map((o: { id: number }) => o.id)).not.toContain(c.id);
    expect(
      (await call('GET', '/api/cases?box=supervised', as.town as Headers)).body.items.map((i: { id: number }) => i.id),
    ).toContain(c.id);
    // The town's supervision clock runs out too: the county platform takes over supervision.
    await call('POST', '/api/clock/advance', as.admin as Headers, { days: 7 });
    await sys.services.jobs.runNow('deadline-sweeper');
    await sys.services.jobs.runNow('deadline-sweeper');
    const county = (await call('GET', `/api/cases/${c.id}`, as.county as Headers)).body;
    expect(county.supervision.level).toBe('county');
    const escalations = county.timeline.filter((e: { type: string }) => e.type === 'escalateOverdue');
    expect(escalations.length).toBeGreaterThanOrEqual(2);
  });

  it('merges a duplicate into its main case in one step; the main case’s reply answers both reporters', async () => {
    const citizen = await sys.services.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'citizen')
      .executeTakeFirstOrThrow();
    const main = await newCase(as.village as Headers);
    const dup = await sys.services.cases.create(
      {
        channel: 'citizen_app',
        body: '小区门口路灯不亮，晚上很黑。',
        ...gridPoint,
        reporter: { citizenUserId: citizen.id },
      },
      null,
    );
    expect((await act(dup.id, as.village as Headers, { type: 'merge', mainCaseId: main.id })).status).toBe(200);
    const after = (await call('GET', `/api/cases/${main.id}`, as.village as Headers)).body;
    expect(after.mergedCaseIds).toEqual([dup.id]);
    expect(after.timeline.at(-1).type).toBe('attachDuplicate');
    const merged = (await call('GET', `/api/cases/${dup.id}`, as.village as Headers)).body;
    expect(merged.state).toBe('merged');
    expect(merged.deadlines).toEqual([]);
    // Merging onto itself or calling attachDuplicate directly is refused.
    expect((await act(main.id, as.village as Headers, { type: 'attachDuplicate', duplicateCaseId: 1 })).status).toBe(
      400,
    );
    // The main case is answered: the duplicate's reporter reads that answer.
    await act(main.id, as.village as Headers, { type: 'accept' });
    await act(main.id, as.village as Headers, { type: 'reply', content: '路灯已修复。' });
    const view = await sys.services.cases.getForCitizen(dup.id, citizen.id);
    expect(view.reply).toBe('路灯已修复。');
    expect(view.mergedIntoNumber).toBe(main.number);
    const echoes = await sys.services.db.selectFrom('outbox').select('payload').where('case_id', '=', dup.id).execute();
    expect(echoes.some((o) => (o.payload as { type: string; reply: string }).reply === '路灯已修复。')).toBe(true);
  });

  it('counts working-hour limits in the office hours the administrator set', async () => {
    const admin = as.admin as Headers;
    const due = async () => {
      const c = await newCase(as.village as Headers);
      return c.deadlines[0].dueAt as string;
    };
    const before = await due();
    const set = await call('PUT', '/api/office-hours', admin, { periods: [{ start: '09:00', end: '10:00' }] });
    expect(set.status).toBe(200);
    const after = await due();
    // Two working hours of one hour a day now reach at least into the next working day.
    expect(Date.parse(after) - Date.parse(before)).toBeGreaterThan(3 * 3600_000);
    await call('PUT', '/api/office-hours', admin, {
      periods: [
        { start: '08:30', end: '12:00' },
        { start: '14:00', end: '17:30' },
      ],
    });
  });

  it('warns the unit once when a clock enters its yellow band', async () => {
    const c = await newCase(as.village as Headers);
    // Put the acceptance clock in its yellow band (past its warning point, before its due time).
    await sys.services.db
      .updateTable('case_deadlines')
      .set({ warn_at: new Date(sys.services.clock.now().getTime() - 60_000) })
      .where('case_id', '=', c.id)
      .execute();
    await sys.services.jobs.runNow('deadline-sweeper');
    await sys.services.jobs.runNow('deadline-sweeper');
    const notes = (await call('GET', '/api/notifications', as.village as Headers)).body.items.filter(
      (n: { caseId: number; kind: string }) => n.caseId === c.id && n.kind === 'due_soon',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toContain(c.number);
    const detail = (await call('GET', `/api/cases/${c.id}`, as.village as Headers)).body;
    expect(detail.deadlines[0].colour).toBe('yellow');
    expect(detail.clock).toBe('yellow');
  });

  it('searches the inbox by case number and by words of the text', async () => {
    const c = await newCase(as.village as Headers, { body: '菜市场门口的下水道井盖丢失，行人容易掉下去。' });
    const find = async (q: string) =>
      (await call('GET', `/api/cases?q=${encodeURIComponent(q)}&pageSize=200`, as.village as Headers)).body.items.map(
        (i: { id: number }) => i.id,
      );
    expect(await find(c.number)).toContain(c.id);
    // Not yet indexed: found by its title; indexed: found by a word anywhere in the text.
    expect(await find('菜市场')).toContain(c.id);
    await sys.services.jobs.runNow('search-indexer');
    expect(await find('井盖')).toContain(c.id);
    expect(await find('路灯井盖')).not.toContain(c.id);
  });
});

describe('units named by an action, and who sees the case then', () => {
  it('refuses a lead or assisting unit that does not exist, is inactive or is of another county, changing nothing', async () => {
    const opened = await newCase(as.town as Headers);
    const c = (await act(opened.id, as.town as Headers, { type: 'accept' })).body;
    expect(c.state).toBe('pending_dispatch');
    const now = new Date();
    const county = (await call('GET', '/api/auth/me', as.county as Headers)).body.org;
    const other = await sys.services.db
      .insertInto('orgs')
      .values({
        code: 'OTHER-COUNTY-DEPT',
        name: '邻县住建局',
        kind: 'department',
        participant: 'government',
        parent_id: county.id,
        path: `/${county.id}/999999/`,
        depth: 2,
        county_code: '999999',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const inactive = await sys.services.db
      .insertInto('orgs')
      .values({
        code: 'INACTIVE-DEPT',
        name: '已撤并的局',
        kind: 'department',
        participant: 'government',
        parent_id: county.id,
        path: `/${county.id}/999998/`,
        depth: 2,
        county_code: county.countyCode ?? '330788',
        active: false,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const action of [
      { type: 'dispatch', leadOrgId: 99_999_999 },
      { type: 'dispatch', leadOrgId: other.id },
      { type: 'dispatch', leadOrgId: inactive.id },
      { type: 'dispatch', leadOrgId: deptId, assistingOrgIds: [other.id] },
    ]) {
      const refused = await act(c.id, as.town as Headers, action);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.message).toContain('不属于本县');
    }
    const after = (await call('GET', `/api/cases/${c.id}`, as.town as Headers)).body;
    expect(after.version).toBe(c.version);
    expect(after.state).toBe('pending_dispatch');
    expect(after.timeline).toHaveLength(c.timeline.length);
    expect((await act(c.id, as.town as Headers, { type: 'dispatch', leadOrgId: deptId })).status).toBe(200);
  });

  it('a town sees a case of another town that one of its villages was dispatched to, and no other', async () => {
    const town2 = (await call('GET', '/api/auth/me', as.town2 as Headers)).body.org.id;
    const village2 = (await call('GET', `/api/orgs?parentId=${town2}&kind=village&limit=1`, as.admin as Headers)).body
      .items[0].id;
    const accepted = async () => {
      const opened = await newCase(as.town as Headers);
      expect((await act(opened.id, as.town as Headers, { type: 'accept' })).status).toBe(200);
      return opened;
    };
    const lent = await accepted();
    const kept = await accepted();
    expect((await act(lent.id, as.town as Headers, { type: 'dispatch', leadOrgId: village2 })).status).toBe(200);
    expect((await act(kept.id, as.town as Headers, { type: 'dispatch', leadOrgId: deptId })).status).toBe(200);
    // The case stays located in the first town; the second sees it through its village, in the list and by id.
    expect((await call('GET', `/api/cases/${lent.id}`, as.town2 as Headers)).status).toBe(200);
    expect((await call('GET', `/api/cases/${kept.id}`, as.town2 as Headers)).status).toBe(404);
    const listed = (await call('GET', '/api/cases?pageSize=100', as.town2 as Headers)).body.items.map(
      (i: { id: number }) => i.id,
    );
    expect(listed).toContain(lent.id);
    expect(listed).not.toContain(kept.id);
    // The first town still sees both (its own place), the department only the one dispatched to it.
    expect((await call('GET', `/api/cases/${lent.id}`, as.town as Headers)).status).toBe(200);
    expect((await call('GET', `/api/cases/${lent.id}`, as.dept as Headers)).status).toBe(404);
    expect((await call('GET', `/api/cases/${kept.id}`, as.dept as Headers)).status).toBe(200);
  });
});
