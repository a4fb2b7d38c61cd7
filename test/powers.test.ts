// The small-power list (小微权力清单) through HTTP on a real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set): the county template and a village's adopted copy (a later template edit does not
// change the copy until the village takes it), exercises recorded step by step — refused out of order with
// the expected step named, refused before a publicity period ends, a stale version refused —, history, audit
// and outbox in the same transaction, the town's view of missing and late steps, the public page without
// personal data, and scope between villages and towns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf, chinaTime } from '../src/domain/calendar/index.js';
import { addDays } from '../src/domain/power/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let villageB = 0; // a village of the second street
let sibling = 0; // another village of the first street
let today = '';

const json = (method: string, url: string, who: string | Headers, payload?: unknown) =>
  sys.json(method, url, typeof who === 'string' ? (as[who] as Headers) : who, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

interface Item {
  id: number;
  name: string;
  version: number;
  templateItemId: number | null;
  templateVersion: number | null;
  templateChanged: boolean;
  steps: { key: string; name: string; documents: string[] }[];
}

async function villageItems(villageId = org.village, who = 'village'): Promise<Item[]> {
  return ok(await json('GET', `/api/powers/villages/${villageId}/items`, who)).body.items;
}
async function itemNamed(name: string, villageId = org.village): Promise<Item> {
  const item = (await villageItems(villageId, 'admin')).find((i) => i.name === name);
  expect(item, name).toBeDefined();
  return item as Item;
}
async function start(name: string, startedOn: string, who = 'village', villageId = org.village) {
  const item = await itemNamed(name, villageId);
  return ok(
    await json('POST', '/api/powers/exercises', who, {
      itemId: item.id,
      title: `测试：${name}`,
      subject: '申请人王某某 13900001111',
      amount: 5000,
      startedOn,
    }),
    201,
  ).body;
}
const step = (id: number, version: number, stepKey: string, doneOn: string, extra: Record<string, unknown> = {}) =>
  json('POST', `/api/powers/exercises/${id}/steps`, 'village', { version, stepKey, doneOn, ...extra });

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid', 'leader']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  villageB = (await json('GET', `/api/orgs?parentId=${org.town2}&kind=village&limit=1`, 'admin')).body.items[0].id;
  const siblings = (await json('GET', `/api/orgs?parentId=${org.town}&kind=village&limit=5`, 'admin')).body.items;
  sibling = siblings.find((v: { id: number }) => v.id !== org.village).id;
  today = chinaDayOf(sys.services.clock.now());
}, 120_000);
afterAll(async () => sys?.stop());

describe('the list of powers from the county template', () => {
  it('the demo community has adopted the five powers of the template; adopting again adds nothing', async () => {
    const template = ok(await json('GET', '/api/powers/template', 'village')).body.items as Item[];
    expect(template.map((t) => t.name)).toEqual([
      '集体资产处置',
      '工程项目招投标',
      '低保申请评议',
      '宅基地审批初审',
      '用章管理',
    ]);
    const mine = await villageItems();
    expect(mine.map((i) => [i.name, i.templateVersion, i.templateChanged])).toEqual(
      template.map((t) => [t.name, 1, false]),
    );
    expect(mine[0]?.steps.map((s) => s.name)).toEqual([
      '村党组织提议',
      '村两委商议',
      '党员大会审议',
      '村民代表会议决议',
      '决议公开',
      '镇街审核',
      '组织实施',
      '结果公开',
    ]);
    expect(ok(await json('POST', `/api/powers/villages/${org.village}/adopt-template`, 'village')).body).toEqual({
      added: 0,
    });
  });

  it("the county's later edit does not change the adopted copy until the village takes it", async () => {
    const template = ok(await json('GET', '/api/powers/template', 'admin')).body.items as Item[];
    const seal = template.find((t) => t.name === '用章管理') as Item;
    const steps = seal.steps.map((s) => (s.key === 'archive' ? { ...s, name: '归档（每月）' } : s));
    // a village cannot edit the template; a town has no permission to
    expect(
      (await json('PATCH', `/api/powers/items/${seal.id}`, 'village', { version: seal.version, steps })).body.code,
    ).toBe('FORBIDDEN');
    expect((await json('PATCH', `/api/powers/items/${seal.id}`, 'town', { version: seal.version, steps })).status).toBe(
      403,
    );
    ok(await json('PATCH', `/api/powers/items/${seal.id}`, 'county', { version: seal.version, steps }));
    const stale = await json('PATCH', `/api/powers/items/${seal.id}`, 'county', { version: seal.version, steps });
    expect(stale).toMatchObject({ status: 409, body: { code: 'POWER_VERSION_CONFLICT' } });

    const copy = await itemNamed('用章管理');
    expect(copy).toMatchObject({ templateVersion: 1, templateChanged: true });
    expect(copy.steps.at(-1)?.name).toBe('归档');
    ok(await json('POST', `/api/powers/items/${copy.id}/sync-template`, 'village', { version: copy.version }));
    const synced = await itemNamed('用章管理');
    expect(synced).toMatchObject({ templateVersion: 2, templateChanged: false });
    expect(synced.steps.at(-1)?.name).toBe('归档（每月）');
  });

  it('refuses a malformed procedure with its code', async () => {
    const bad = await json('POST', `/api/powers/villages/${org.village}/items`, 'village', {
      category: '村务管理',
      name: '测试事项',
      steps: [
        {
          key: 'a',
          name: '一',
          actor: 'village_committee',
          documents: [],
          publicityDays: null,
          limitDays: 3,
          optional: false,
          canReject: false,
        },
        {
          key: 'a',
          name: '二',
          actor: 'village_committee',
          documents: [],
          publicityDays: null,
          limitDays: 3,
          optional: false,
          canReject: false,
        },
      ],
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'POWER_PROCEDURE_INVALID' } });
  });
});

describe('an exercise recorded step by step', () => {
  it('refuses a step out of order, naming the expected step; a stale version; a 否决 where none is allowed', async () => {
    const ex = await start('用章管理', addDays(today, -3));
    expect(ex).toMatchObject({ state: 'in_progress', version: 1, allowed: ['request'], stepCount: 0 });
    const early = await step(ex.id, 1, 'seal', addDays(today, -3));
    expect(early).toMatchObject({
      status: 409,
      body: {
        code: 'POWER_STEP_OUT_OF_ORDER',
        details: { expected: 'request', expectedName: '用章申请', key: 'seal' },
      },
    });
    expect(early.body.message).toContain('用章申请');
    const first = ok(await step(ex.id, 1, 'request', addDays(today, -3), { documents: ['用章申请单'] }), 201).body;
    expect(first).toMatchObject({ version: 2, stepCount: 1, allowed: ['approval'] });
    expect((await step(ex.id, 1, 'approval', addDays(today, -2))).body.code).toBe('POWER_VERSION_CONFLICT');
    expect((await step(ex.id, 2, 'request', addDays(today, -2))).body.code).toBe('POWER_STEP_OUT_OF_ORDER');
    expect((await step(ex.id, 2, 'approval', addDays(today, 1))).body.code).toBe('POWER_STEP_DATE_INVALID');
    expect((await step(ex.id, 2, 'approval', addDays(today, -4))).body.code).toBe('POWER_STEP_DATE_INVALID');
    // 审批 may end it with 否决; nothing may follow
    const rejected = ok(
      await step(ex.id, 2, 'approval', addDays(today, -2), { outcome: 'rejected', approvedBy: '村主任' }),
      201,
    ).body;
    expect(rejected).toMatchObject({ state: 'rejected', allowed: [] });
    expect((await step(ex.id, 3, 'seal', addDays(today, -1))).body.code).toBe('POWER_EXERCISE_ENDED');
    const other = await start('用章管理', today);
    expect((await step(other.id, 1, 'request', today, { outcome: 'rejected' })).body.code).toBe(
      'POWER_STEP_CANNOT_REJECT',
    );
  });

  it('computes the publicity end and refuses the next step before it, or a publicity too short', async () => {
    const ex = await start('集体资产处置', addDays(today, -20));
    let version = ex.version;
    for (const [key, ago] of [
      ['proposal', 20],
      ['consult', 18],
      ['party_review', 15],
      ['resolution', 12],
    ] as const) {
      version = ok(await step(ex.id, version, key, addDays(today, -ago)), 201).body.version;
    }
    const short = await step(ex.id, version, 'resolution_publicity', addDays(today, -2), {
      publicityTo: addDays(today, 0),
    });
    expect(short).toMatchObject({
      status: 400,
      body: { code: 'POWER_PUBLICITY_TOO_SHORT', details: { minDays: 5, earliestEnd: addDays(today, 2) } },
    });
    const published = ok(await step(ex.id, version, 'resolution_publicity', addDays(today, -2)), 201).body;
    expect(published).toMatchObject({
      state: 'publicity',
      allowed: ['town_review', 'implement'],
      earliestNextOn: addDays(today, 3),
    });
    expect(published.recorded.at(-1)).toMatchObject({
      publicityFrom: addDays(today, -2),
      publicityTo: addDays(today, 2),
    });
    const tooSoon = await step(ex.id, published.version, 'implement', today);
    expect(tooSoon).toMatchObject({
      status: 409,
      body: {
        code: 'POWER_PUBLICITY_NOT_OVER',
        details: { publicityStep: 'resolution_publicity', publicityEnd: addDays(today, 2) },
      },
    });
    // the history, the audit entries and the outbox messages were written with each change
    const events = await sys.services.db
      .selectFrom('power_exercise_events')
      .select(['version', 'type'])
      .where('exercise_id', '=', ex.id)
      .orderBy('version')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['start', 'step', 'step', 'step', 'step', 'step']);
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'power.changed')
      .execute();
    const mine = outbox
      .map((o) => o.payload as { exerciseId: number; changeId: string })
      .filter((p) => p.exerciseId === ex.id);
    expect(mine.map((p) => p.changeId)).toEqual([1, 2, 3, 4, 5, 6].map((v) => `power:${ex.id}:${v}`));
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'power_exercise')
      .where('target_id', '=', String(ex.id))
      .execute();
    expect(audit.length).toBe(6);
  });
});

describe('the town sees missing and late steps', () => {
  it('lists the demo 低保 application with its late survey and its missing publicity, in red', async () => {
    const flagged = ok(await json('GET', '/api/powers/exercises?flagged=true', 'town')).body.items;
    const dibao = flagged.find((e: { itemName: string }) => e.itemName === '低保申请评议');
    expect(dibao).toBeDefined();
    expect(dibao.flags).toEqual({
      late: true,
      missing: true,
      lateSteps: ['investigation'],
      missingSteps: ['appraisal', 'appraisal_publicity'],
    });
    const byKey = Object.fromEntries(dibao.standings.map((s: { key: string; status: string }) => [s.key, s.status]));
    expect(byKey).toMatchObject({
      application: 'done',
      investigation: 'done_late',
      appraisal: 'done',
      appraisal_publicity: 'overdue',
    });
    // the completed and the in-publicity demo exercises are on time
    const all = ok(await json('GET', `/api/powers/exercises?villageId=${org.village}`, 'town')).body.items;
    const states = Object.fromEntries(all.map((e: { itemName: string; state: string }) => [e.itemName, e.state]));
    expect(states).toMatchObject({ 工程项目招投标: 'publicity', 低保申请评议: 'in_progress' });
    expect(
      all.filter((e: { state: string }) => e.state === 'completed').map((e: { title: string }) => e.title),
    ).toContain('村集体闲置厂房（原农机站）出租');
    const villages = ok(await json('GET', '/api/powers/villages', 'town')).body.items;
    expect(villages.find((v: { id: number }) => v.id === org.village)).toMatchObject({ items: 5 });
    expect(villages.find((v: { id: number }) => v.id === org.village).flagged).toBeGreaterThanOrEqual(1);
  });
});

describe('scope between villages and towns', () => {
  it("a village sees only its own; a town its villages; another town's do not exist", async () => {
    // the sibling village adopts the template and starts an exercise (done by the town platform's admin)
    ok(await json('POST', `/api/powers/villages/${sibling}/adopt-template`, 'admin'));
    const theirs = await start('宅基地审批初审', today, 'admin', sibling);
    const mine = (await json('GET', '/api/powers/exercises', 'village')).body.items;
    expect(mine.every((e: { villageId: number }) => e.villageId === org.village)).toBe(true);
    expect((await json('GET', `/api/powers/exercises/${theirs.id}`, 'village')).body.code).toBe(
      'POWER_EXERCISE_NOT_FOUND',
    );
    expect((await step(theirs.id, 1, 'application', today)).body.code).toBe('POWER_EXERCISE_NOT_FOUND');
    expect((await json('GET', `/api/powers/villages/${sibling}/items`, 'village')).body.code).toBe('ORG_NOT_FOUND');
    ok(await json('GET', `/api/powers/exercises/${theirs.id}`, 'town'));
    expect((await json('GET', `/api/powers/exercises/${theirs.id}`, 'town2')).status).toBe(404);
    expect((await json('GET', `/api/powers/villages/${org.village}/items`, 'town2')).status).toBe(404);
    expect((await json('POST', `/api/powers/villages/${villageB}/adopt-template`, 'village')).status).toBe(404);
    const town2 = (await json('GET', '/api/powers/exercises', 'town2')).body.items;
    expect(town2.some((e: { villageId: number }) => e.villageId === org.village || e.villageId === sibling)).toBe(
      false,
    );
    // a town reads but does not record; a village's item of another village cannot be started
    const villageItem = await itemNamed('用章管理');
    expect((await json('POST', '/api/powers/exercises', 'town', { itemId: villageItem.id, title: 'x' })).status).toBe(
      403,
    );
    const theirItem = await itemNamed('用章管理', sibling);
    expect(
      (await json('POST', '/api/powers/exercises', 'village', { itemId: theirItem.id, title: 'x' })).body.code,
    ).toBe('POWER_ITEM_NOT_FOUND');
    // the county sees all
    const county = (await json('GET', '/api/powers/exercises', 'county')).body.items;
    expect(new Set(county.map((e: { villageId: number }) => e.villageId))).toEqual(new Set([org.village, sibling]));
  });
});

describe("the village's public page", () => {
  it('shows the powers with their procedures and the published steps, without sign-in and without personal data', async () => {
    const page = ok(await sys.json('GET', `/api/public/powers/villages/${org.village}`, {})).body;
    expect(page.items.map((i: { name: string }) => i.name)).toContain('低保申请评议');
    expect(page.items[0].legalBasis).toContain('村民委员会组织法');
    const project = page.exercises.find((e: { itemName: string }) => e.itemName === '工程项目招投标');
    expect(project).toMatchObject({ state: 'publicity', title: '文昌路至学府路村道硬化工程' });
    expect(project.steps.at(-1)).toMatchObject({
      name: '发布招标（比选）公告',
      publicityFrom: addDays(today, -1),
      publicityTo: addDays(today, 3),
    });
    const text = JSON.stringify(page);
    for (const secret of ['李某某', '王某某', '13900001111', 'approvedBy', 'subject', '村民代表会议（到会']) {
      expect(text).not.toContain(secret);
    }
    expect((await sys.json('GET', `/api/public/powers/villages/${org.town}`, {})).status).toBe(404);
  });
});

describe('each waiting step with a time limit is a task of the village (power_step)', () => {
  interface StepTask {
    id: number;
    state: string;
    source_key: string | null;
    owner_org_id: number;
    due_at: Date;
  }
  const tasksOf = async (exerciseId: number): Promise<StepTask[]> =>
    (await sys.services.db
      .selectFrom('tasks')
      .select(['id', 'state', 'source_key', 'owner_org_id', 'due_at'])
      .where('source_kind', '=', 'power_step')
      .where('source_id', '=', String(exerciseId))
      .orderBy('id')
      .execute()) as StepTask[];
  const endOf = (day: string) => chinaTime(addDays(day, 1), '00:00').toISOString();
  const next = async (id: number, who = 'village') =>
    ok(await json('GET', `/api/powers/exercises/${id}`, who)).body.next as { key: string; dueOn: string };

  it('opens the first step’s task, completes it with the step and opens the next, due as the page shows', async () => {
    const ex = await start('集体资产处置', today);
    const waiting = await next(ex.id);
    expect(waiting.key).toBe('proposal');
    let tasks = await tasksOf(ex.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ state: 'pending_sign', owner_org_id: org.village });
    expect(new Date((tasks[0] as StepTask).due_at).toISOString()).toBe(endOf(waiting.dueOn));
    // the task page names its source, the exercise (the web app links back to /powers/exercises/:id)
    const detail = ok(await json('GET', `/api/tasks/${tasks[0]?.id}`, 'village')).body;
    expect(detail).toMatchObject({
      sourceKind: 'power_step',
      sourceId: String(ex.id),
      title: '集体资产处置：村党组织提议',
    });
    // recording the step completes its task in the same transaction, and the next step's task opens
    ok(await step(ex.id, ex.version, 'proposal', today, { documents: ['提议书'] }), 201);
    tasks = await tasksOf(ex.id);
    expect(tasks.map((t) => t.state)).toEqual(['done', 'pending_sign']);
    const consult = await next(ex.id);
    expect(consult.key).toBe('consult');
    expect(new Date((tasks[1] as StepTask).due_at).toISOString()).toBe(endOf(consult.dueOn));
    const events = await sys.services.db
      .selectFrom('task_events')
      .select(['type', 'details'])
      .where('task_id', '=', (tasks[0] as StepTask).id)
      .orderBy('version')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['create', 'sign', 'complete']);
    // a refused step changes nothing
    expect((await step(ex.id, 2, 'party_review', today)).body.code).toBe('POWER_STEP_OUT_OF_ORDER');
    expect((await tasksOf(ex.id)).map((t) => t.state)).toEqual(['done', 'pending_sign']);
  });

  it('an optional step that moves the next step’s due day cancels its task and opens one with the new day', async () => {
    const ex = await start('用章管理', addDays(today, -3));
    let version = ex.version;
    for (const key of ['request', 'approval', 'seal']) {
      version = ok(await step(ex.id, version, key, addDays(today, -3)), 201).body.version;
    }
    // the request's and the approval's due days had passed when they opened: no task; the archive's has one
    let tasks = await tasksOf(ex.id);
    const archive = await next(ex.id);
    expect(archive.key).toBe('archive');
    expect(tasks.filter((t) => t.state === 'pending_sign').map((t) => new Date(t.due_at).toISOString())).toEqual([
      endOf(archive.dueOn),
    ]);
    // 备案 (optional, no limit) recorded today: the archive's clock runs from today
    ok(await step(ex.id, version, 'filing', today), 201);
    tasks = await tasksOf(ex.id);
    const moved = await next(ex.id);
    expect(moved.dueOn > archive.dueOn).toBe(true);
    const open = tasks.filter((t) => t.state === 'pending_sign');
    expect(open.map((t) => new Date(t.due_at).toISOString())).toEqual([endOf(moved.dueOn)]);
    const cancelled = tasks.filter((t) => t.state === 'cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.source_key).toContain(`:archive:${archive.dueOn}`);
  });

  it('否决 at the waiting step completes its task and opens none; a step recorded by another unit completes it in the village’s name', async () => {
    const ex = await start('用章管理', today);
    ok(await step(ex.id, ex.version, 'request', today), 201);
    const [request, approval] = await tasksOf(ex.id);
    expect(request?.state).toBe('done');
    expect(approval?.state).toBe('pending_sign');
    ok(await step(ex.id, ex.version + 1, 'approval', today, { outcome: 'rejected', approvedBy: '村主任' }), 201);
    const after = await tasksOf(ex.id);
    expect(after.map((t) => t.state)).toEqual(['done', 'done']);
    const result = await sys.services.db
      .selectFrom('task_events')
      .select('note')
      .where('task_id', '=', (approval as StepTask).id)
      .where('type', '=', 'complete')
      .executeTakeFirstOrThrow();
    expect(result.note).toContain('否决');
    // the county admin records a step of the sibling village: the sibling's own task, completed in its name
    const theirs = await start('用章管理', today, 'admin', sibling);
    expect((await tasksOf(theirs.id))[0]?.owner_org_id).toBe(sibling);
    ok(
      await json('POST', `/api/powers/exercises/${theirs.id}/steps`, 'admin', {
        version: theirs.version,
        stepKey: 'request',
        doneOn: today,
      }),
      201,
    );
    const theirTasks = await tasksOf(theirs.id);
    expect(theirTasks.map((t) => [t.state, t.owner_org_id])).toEqual([
      ['done', sibling],
      ['pending_sign', sibling],
    ]);
    const completedBy = await sys.services.db
      .selectFrom('task_events')
      .select(['actor_org_id', 'actor_user_id'])
      .where('task_id', '=', (theirTasks[0] as StepTask).id)
      .where('type', '=', 'complete')
      .executeTakeFirstOrThrow();
    expect(completedBy.actor_org_id).toBe(sibling);
    expect(completedBy.actor_user_id).not.toBeNull();
  });
});
