// Convenience services (便民服务) through HTTP on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL
// is set): the county template and the stations' adoption (what a 代办点 may not take, a chain with its steps, a
// copy behind its template), applications with their due time on the work calendar (across 劳动节 and 国庆节),
// visits and results with their task, history, audit and outbox, the 最多跑一次 figures on hand-made data and
// their spreadsheet, the resident's search and nearest station without sign-in, scope, bad input and two
// completions at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf } from '../src/domain/calendar/index.js';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};

const json = (method: string, url: string, who: string | Headers | null, payload?: unknown) =>
  sys.json(method, url, who === null ? {} : typeof who === 'string' ? (as[who] as Headers) : who, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

interface Station {
  id: number;
  orgId: number;
  kind: string;
  name: string;
  items: {
    id: number;
    name: string;
    version: number;
    templateItemId: number | null;
    templateChanged: boolean;
    materials: string[];
    kind: string;
  }[];
}

const stationsOf = async (who: string): Promise<Station[]> =>
  ok(await json('GET', '/api/service-items/stations', who)).body.items;
const station = async (id: number, who = 'admin'): Promise<Station> =>
  ok(await json('GET', `/api/service-items/stations/${id}`, who)).body;
const itemOf = (s: Station, name: string) => {
  const item = s.items.find((i) => i.name === name);
  expect(item, name).toBeDefined();
  return item as Station['items'][number];
};
const count = async (table: 'service_applications' | 'tasks' | 'service_items') =>
  Number(
    (
      await sys.services.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

let centre: Station; // the first street's 便民服务中心 (demo)
let agency: Station; // 文昌社区's 代办点 (demo)

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'leader', 'grid']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  as.citizen = await citizenLogin(sys);
  const mine = await stationsOf('town');
  centre = await station((mine.find((s) => s.kind === 'centre') as Station).id);
  agency = await station((mine.find((s) => s.orgId === org.village) as Station).id);
}, 180_000);
afterAll(async () => sys?.stop());

describe('the county template and adoption', () => {
  it('the demo: a county list of 13 items with one chain; a centre and two 代办点 that adopted what they can offer', async () => {
    const template = ok(await json('GET', '/api/service-items/template', 'village')).body.items;
    expect(template).toHaveLength(13);
    expect(template.find((t: { kind: string }) => t.kind === 'chain')).toMatchObject({
      name: '新生儿出生“一件事”',
      chainSteps: [
        { name: '户口登记（出生登记）' },
        { name: '城乡居民基本医疗保险参保登记' },
        { name: '社会保障卡申领' },
      ],
    });
    expect((await stationsOf('town')).map((s) => s.kind)).toEqual(['agency', 'agency', 'centre'].sort());
    expect(centre.items).toHaveLength(13);
    // 居住证办理 is handled by the town only and is not 可代办
    expect(agency.items.map((i) => i.name)).not.toContain('居住证办理');
    expect(agency.items).toHaveLength(12);
    // adopting again adds nothing
    expect(ok(await json('POST', `/api/service-items/stations/${agency.id}/adopt`, 'village', {})).body).toEqual({
      added: 0,
    });
  });

  it('a 代办点 cannot adopt 居住证办理 (named in the refusal); only the county keeps the template', async () => {
    const template = ok(await json('GET', '/api/service-items/template', 'village')).body.items;
    const residence = template.find((t: { name: string }) => t.name === '居住证办理');
    const r = await json('POST', `/api/service-items/stations/${agency.id}/adopt`, 'village', {
      itemIds: [residence.id],
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'SERVICE_NOT_ADOPTABLE', details: { refused: [{ name: '居住证办理' }] } });
    expect(r.body.message).toContain('居住证办理');
    const edit = await json('PATCH', `/api/service-items/items/${residence.id}`, 'town', {
      version: residence.version,
      legalLimitDays: 10,
    });
    expect(edit.status).toBe(403);
    expect(edit.body.message).toMatch(/县平台/);
  });

  it('a new 代办点 adopts a chain with its steps; the county edits a template item, the copy is behind until synced', async () => {
    const villages = ok(await json('GET', `/api/orgs?parentId=${org.town}&kind=village&limit=10`, 'admin')).body.items;
    const third =
      villages.find((v: { id: number; name: string }) => v.id !== org.village && !agency.name.includes(v.name)) ??
      villages[2];
    const created = ok(
      await json('POST', '/api/service-items/stations', 'town', {
        orgId: third.id,
        kind: 'agency',
        name: `${third.name}代办点`,
        hours: '周一至周五 9:00–11:30',
        staff: [{ name: '代办员甲', duty: '代办员', phone: '0570-6000001' }],
        lat: 29.3,
        lng: 118.6,
      }),
      201,
    ).body.id;
    const template = ok(await json('GET', '/api/service-items/template', 'town')).body.items;
    const chain = template.find((t: { kind: string }) => t.kind === 'chain');
    expect(
      ok(await json('POST', `/api/service-items/stations/${created}/adopt`, 'town', { itemIds: [chain.id] })).body,
    ).toEqual({
      added: 4,
    });
    const mine = await station(created, 'town');
    const copy = itemOf(mine, '新生儿出生“一件事”') as unknown as {
      chainItemIds: number[];
      chainSteps: { name: string }[];
    };
    // the chain's copy points at the station's own copies of its steps
    expect(copy.chainSteps.map((s) => s.name)).toEqual([
      '户口登记（出生登记）',
      '城乡居民基本医疗保险参保登记',
      '社会保障卡申领',
    ]);
    expect(copy.chainItemIds.every((id) => mine.items.some((i) => i.id === id))).toBe(true);

    const medical = template.find((t: { name: string }) => t.name === '城乡居民基本医疗保险参保登记');
    ok(
      await json('PATCH', `/api/service-items/items/${medical.id}`, 'county', {
        version: medical.version,
        materials: ['居民身份证或户口簿', '新生儿另附出生医学证明', '医保缴费凭证'],
      }),
    );
    const behind = itemOf(await station(created, 'town'), '城乡居民基本医疗保险参保登记');
    expect(behind.templateChanged).toBe(true);
    expect(behind.materials).toHaveLength(2);
    ok(await json('POST', `/api/service-items/items/${behind.id}/sync-template`, 'town', { version: behind.version }));
    const synced = itemOf(await station(created, 'town'), '城乡居民基本医疗保险参保登记');
    expect(synced).toMatchObject({
      templateChanged: false,
      materials: ['居民身份证或户口簿', '新生儿另附出生医学证明', '医保缴费凭证'],
    });
    // a stale version is refused
    const stale = await json('POST', `/api/service-items/items/${behind.id}/sync-template`, 'town', {
      version: behind.version,
    });
    expect(stale.status).toBe(409);
  });

  it('refuses bad lists: a chain of one step, a limit of 0, a centre in a village, a station in another town', async () => {
    const one = await json('POST', '/api/service-items/template/items', 'county', {
      kind: 'chain',
      category: '一件事',
      name: '一步链',
      materials: [],
      levels: ['town'],
      chainItemIds: [centre.items[0]?.templateItemId],
    });
    expect(one.status).toBe(400);
    expect(one.body).toMatchObject({ code: 'SERVICE_ITEM_INVALID', details: { field: 'chainItemIds' } });
    const zero = await json('POST', `/api/service-items/stations/${agency.id}/items`, 'village', {
      category: '其他',
      name: '零时限',
      department: '某局',
      materials: ['身份证'],
      legalLimitDays: 0,
      levels: ['village'],
    });
    expect(zero.status).toBe(400);
    const inVillage = await json('POST', '/api/service-items/stations', 'town', {
      orgId: org.village,
      kind: 'centre',
      name: '错误的中心',
      lat: 29.3,
      lng: 118.6,
    });
    expect(inVillage.status).toBe(400);
    expect(inVillage.body.message).toBe('便民服务中心须设在镇（街道）');
    const elsewhere = await json('POST', '/api/service-items/stations', 'town', {
      orgId: org.town2,
      kind: 'centre',
      name: '别的街道',
      lat: 29.3,
      lng: 118.6,
    });
    expect(elsewhere.status).toBe(404);
  });
});

describe('applications on the work calendar', () => {
  it('a legal limit of N working days across a weekend and a holiday gives the right due time', async () => {
    // move the clock to the next Thursday 10:00 China time; that Friday becomes a holiday, that Sunday a 调休 working day
    const now = sys.services.clock.now();
    const china = new Date(now.getTime() + 8 * 3600_000);
    const ahead = ((4 - china.getUTCDay() + 7) % 7) + 7; // a Thursday one to two weeks ahead
    const thursday = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + ahead, 2, 0));
    const day = (offset: number) => new Date(thursday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    ok(await json('PUT', `/api/calendar/${day(1)}`, 'admin', { kind: 'holiday', name: '测试假日' }));
    ok(await json('PUT', `/api/calendar/${day(3)}`, 'admin', { kind: 'workday', name: '测试调休' }));
    ok(await json('POST', '/api/clock/advance', 'admin', { minutes: (thursday.getTime() - now.getTime()) / 60_000 }));
    const take = async (name: string) => {
      const item = itemOf(centre, name);
      return ok(
        await json('POST', '/api/service-items/applications', 'town', {
          stationId: centre.id,
          itemId: item.id,
          mode: 'handled',
          residentName: '测试甲',
          residentPhone: '13900001111',
          materialsReceived: item.materials,
        }),
        201,
      ).body.application;
    };
    // 1 working day: Friday is a holiday, Saturday off, Sunday a 调休 working day → due Sunday 17:30
    const birth = await take('生育登记');
    expect(birth.dueAt).toBe(`${day(3)}T09:30:00.000Z`);
    // 5 working days: Sunday, Monday … Thursday → due the next Thursday 17:30
    const elderly = await take('老年人优待证办理');
    expect(elderly.dueAt).toBe(`${day(7)}T09:30:00.000Z`);
    expect(elderly).toMatchObject({
      state: 'in_progress',
      legalLimitDays: 5,
      residentName: '测**',
      residentPhone: '139****1111',
    });
    // its task carries the same due time, owned by the station's unit
    const task = ok(await json('GET', `/api/tasks/${elderly.taskId}`, 'town')).body;
    expect(task).toMatchObject({ dueAt: `${day(7)}T09:30:00.000Z`, ownerOrg: { id: org.town } });
    // recorded later (a paper 办件): fine within the limit, refused once the limit has run out
    const late = await json('POST', '/api/service-items/applications', 'town', {
      stationId: centre.id,
      itemId: itemOf(centre, '生育登记').id,
      mode: 'handled',
      residentName: '测试乙',
      acceptedAt: '2026-04-30T02:00:00.000Z',
    });
    expect(late.status).toBe(400);
    expect(late.body.message).toContain('法定办结时限已过');
  });

  let id = 0;
  let version = 1;
  it('taken in with a material missing, 办结 is refused until the resident brings it (a second visit)', async () => {
    const disabled = itemOf(agency, '残疾人证申领'); // 代办 at a village
    const handled = await json('POST', '/api/service-items/applications', 'village', {
      stationId: agency.id,
      itemId: disabled.id,
      mode: 'handled',
      residentName: '测试丙',
    });
    expect(handled.status).toBe(409);
    expect(handled.body).toMatchObject({ code: 'SERVICE_MODE_NOT_ALLOWED' });
    const taken = ok(
      await json('POST', '/api/service-items/applications', 'village', {
        stationId: agency.id,
        itemId: disabled.id,
        mode: 'relayed',
        residentName: '测试丙',
        materialsReceived: ['居民身份证或户口簿', '残疾评定表'],
      }),
      201,
    ).body.application;
    id = taken.id;
    expect(taken).toMatchObject({ mode: 'relayed', visits: 1, materialsMissing: ['近期二寸免冠照片 3 张'] });
    const refused = await json('POST', `/api/service-items/applications/${id}/complete`, 'village', {
      version,
      result: 'done',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'SERVICE_MATERIALS_MISSING',
      details: { missing: ['近期二寸免冠照片 3 张'] },
    });
    const visited = ok(
      await json('POST', `/api/service-items/applications/${id}/visits`, 'village', {
        version,
        materialsReceived: ['近期二寸免冠照片 3 张'],
        note: '补交照片',
      }),
    ).body;
    expect(visited).toMatchObject({ visits: 2, materialsMissing: [], version: 2 });
    version = visited.version;
  });

  it('two completions at once: one wins, the other is told the application changed', async () => {
    const [a, b] = await Promise.all([
      json('POST', `/api/service-items/applications/${id}/complete`, 'village', {
        version,
        result: 'done',
        note: '已办结',
      }),
      json('POST', `/api/service-items/applications/${id}/complete`, 'village', {
        version,
        result: 'done',
        note: '已办结',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe('SERVICE_VERSION_CONFLICT');
    const detail = ok(await json('GET', `/api/service-items/applications/${id}`, 'village')).body;
    expect(detail).toMatchObject({ state: 'done', onTime: true, visits: 2, version: 3 });
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual(['take', 'visit', 'complete']);
    // one history entry, one audit entry and one outbox message per change
    const events = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'service.changed')
      .execute();
    const mine = events
      .map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload))
      .filter((p) => p.applicationId === id);
    expect(mine.map((p: { type: string }) => p.type)).toEqual(['take', 'visit', 'complete']);
    expect(JSON.stringify(mine)).not.toContain('测试丙');
    const audits = await sys.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'service_application')
      .where('target_id', '=', String(id))
      .execute();
    expect(audits.map((x) => x.action).sort()).toEqual([
      'service_application.complete',
      'service_application.take',
      'service_application.visit',
    ]);
    // its task is done too
    const task = ok(await json('GET', `/api/tasks/${detail.taskId}`, 'village')).body;
    expect(task.state).toBe('done');
    // and nothing more can be done with it
    const again = await json('POST', `/api/service-items/applications/${id}/visits`, 'village', { version: 3 });
    expect(again.body.code).toBe('SERVICE_APPLICATION_ENDED');
  });

  it('不予受理 needs a reason, 转办 where to; a chain gives one application per step with one bundle number', async () => {
    const birth = itemOf(agency, '生育登记');
    const taken = ok(
      await json('POST', '/api/service-items/applications', 'village', {
        stationId: agency.id,
        itemId: birth.id,
        mode: 'handled',
        residentName: '测试丁',
      }),
      201,
    ).body.application;
    const noReason = await json('POST', `/api/service-items/applications/${taken.id}/complete`, 'village', {
      version: 1,
      result: 'refused',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('不予受理须写明理由');
    const noWhere = await json('POST', `/api/service-items/applications/${taken.id}/complete`, 'village', {
      version: 1,
      result: 'transferred',
    });
    expect(noWhere.body.details).toMatchObject({ field: 'transferredTo' });
    ok(
      await json('POST', `/api/service-items/applications/${taken.id}/complete`, 'village', {
        version: 1,
        result: 'transferred',
        transferredTo: '县卫生健康局',
      }),
    );

    const chain = itemOf(centre, '新生儿出生“一件事”');
    const r = ok(
      await json('POST', '/api/service-items/applications', 'town', {
        stationId: centre.id,
        itemId: chain.id,
        mode: 'handled',
        residentName: '测试戊',
        materialsReceived: chain.materials,
      }),
      201,
    ).body;
    expect(r.ids).toHaveLength(3);
    const detail = ok(await json('GET', `/api/service-items/applications/${r.ids[0]}`, 'town')).body;
    expect(
      detail.bundle.map((b: { item: { name: string }; chain: { seq: number; bundleNumber: string } }) => [
        b.item.name,
        b.chain.seq,
      ]),
    ).toEqual([
      ['户口登记（出生登记）', 1],
      ['城乡居民基本医疗保险参保登记', 2],
      ['社会保障卡申领', 3],
    ]);
    expect(new Set(detail.bundle.map((b: { chain: { bundleNumber: string } }) => b.chain.bundleNumber))).toEqual(
      new Set([detail.number]),
    );
    // each step with its own limit: 5, 3 and 5 working days
    expect(detail.bundle.map((b: { legalLimitDays: number }) => b.legalLimitDays)).toEqual([5, 3, 5]);
  });

  it('bad input is refused with a Chinese message and writes nothing', async () => {
    const before = [await count('service_applications'), await count('tasks')];
    const elderly = itemOf(centre, '老年人优待证办理');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ residentName: '  ' }, 400, '请填写办事群众姓名'],
      [{ residentPhone: '12345' }, 400, '手机号码格式不正确，请输入 11 位中国大陆手机号'],
      [{ acceptedAt: '2099-01-01T00:00:00.000Z' }, 400, '受理时间须为当前或之前的有效时间'],
      [{ materialsReceived: ['结婚证'] }, 400, '“结婚证”不是该事项的申请材料'],
      [{ itemId: agency.items[0]?.id }, 409, '本站未采用该事项或该事项已停用，不能受理'],
    ];
    for (const [over, status, message] of cases) {
      const r = await json('POST', '/api/service-items/applications', 'town', {
        stationId: centre.id,
        itemId: elderly.id,
        mode: 'handled',
        residentName: '测试己',
        ...over,
      });
      expect(r.status, JSON.stringify(over)).toBe(status);
      expect(r.body.message).toBe(message);
    }
    const noBody = await json('POST', '/api/service-items/applications', 'town', { stationId: centre.id });
    expect(noBody.status).toBe(400);
    expect([await count('service_applications'), await count('tasks')]).toEqual(before);
  });
});

describe('scope', () => {
  it('another town sees neither the stations nor the applications; a town cannot take in for a village', async () => {
    const list = ok(await json('GET', `/api/service-items/applications?stationId=${agency.id}`, 'village')).body;
    expect(list.total).toBeGreaterThan(0);
    const one = list.items[0];
    expect((await json('GET', `/api/service-items/applications/${one.id}`, 'town2')).status).toBe(404);
    expect((await json('GET', `/api/service-items/stations/${agency.id}`, 'town2')).status).toBe(404);
    expect(ok(await json('GET', `/api/service-items/applications?stationId=${agency.id}`, 'town2')).body.total).toBe(0);
    // the town sees its village's applications but the village's station is the village's to work
    expect((await json('GET', `/api/service-items/applications/${one.id}`, 'town')).status).toBe(200);
    const forVillage = await json('POST', '/api/service-items/applications', 'town', {
      stationId: agency.id,
      itemId: agency.items[0]?.id,
      mode: 'handled',
      residentName: '测试庚',
    });
    expect(forVillage.status).toBe(403);
    // reveal: in scope and audited
    const revealed = ok(await json('POST', `/api/service-items/applications/${one.id}/reveal`, 'village')).body;
    expect(revealed.residentName).not.toContain('*');
    expect((await json('POST', `/api/service-items/applications/${one.id}/reveal`, 'town2')).status).toBe(404);
  });
  it('a citizen and an anonymous caller reach only the public side', async () => {
    expect((await json('GET', '/api/service-items/stations', 'citizen')).status).toBe(403);
    expect((await json('GET', '/api/service-items/applications', null)).status).toBe(401);
    expect((await json('GET', '/api/service-items/stats?from=2026-01&to=2026-12', 'grid')).status).toBe(403);
  });
});

describe('the resident finds a service without signing in', () => {
  it('searches by name or by a material', async () => {
    const byName = ok(await json('GET', `/api/service-items/public/items?q=${encodeURIComponent('残疾')}`, null)).body
      .items;
    expect(byName.map((i: { name: string }) => i.name)).toEqual(['残疾人证申领']);
    expect(byName[0].stations).toBeGreaterThanOrEqual(3);
    const byMaterial = ok(
      await json('GET', `/api/service-items/public/items?q=${encodeURIComponent('出生医学证明')}`, null),
    ).body.items;
    expect(byMaterial.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['户口登记（出生登记）', '新生儿出生“一件事”']),
    );
  });
  it('sees the materials and the stations nearest first from the phone, from the chosen village, or the resident’s own', async () => {
    const [item] = ok(
      await json('GET', `/api/service-items/public/items?q=${encodeURIComponent('老年人优待证')}`, null),
    ).body.items;
    const near = agency as Station & { lat?: number };
    const full = ok(await json('GET', `/api/service-items/stations/${agency.id}`, 'admin')).body;
    const fromPhone = ok(
      await json('GET', `/api/service-items/public/items/${item.id}?lat=${full.lat + 0.0001}&lng=${full.lng}`, null),
    ).body;
    expect(fromPhone.item.materials).toEqual(['居民身份证', '近期一寸免冠照片 1 张']);
    expect(fromPhone.origin.basis).toBe('location');
    expect(fromPhone.stations[0]).toMatchObject({ id: near.id, handling: 'handled', hours: expect.any(String) });
    expect(fromPhone.stations[0].distanceM).toBeLessThan(20);
    // a resident sees who to ask, never the staff's phones
    expect(JSON.stringify(fromPhone.stations)).not.toContain('0570-6012311');
    const fromVillage = ok(
      await json('GET', `/api/service-items/public/items/${item.id}?villageId=${org.village}`, null),
    ).body;
    expect(fromVillage.origin).toMatchObject({ basis: 'village', village: { id: org.village } });
    expect(fromVillage.stations[0].id).toBe(agency.id);
    // the demo citizen is a resident of 文昌社区: signed in, the village is the fallback
    const signedIn = ok(await json('GET', `/api/service-items/public/items/${item.id}`, 'citizen')).body;
    expect(signedIn.origin.basis).toBe('village');
    expect(signedIn.stations[0].id).toBe(agency.id);
    const none = ok(await json('GET', `/api/service-items/public/items/${item.id}`, null)).body;
    expect(none.origin.basis).toBe('none');
    expect(none.stations.every((s: { distanceM: number | null }) => s.distanceM === null)).toBe(true);
    expect((await json('GET', `/api/service-items/public/items/${agency.items[0]?.id}`, null)).status).toBe(404);
  });
});

describe('最多跑一次 figures', () => {
  it('per station and month on hand-made applications of a new centre, as JSON and xlsx', async () => {
    // town2 has no station yet: its figures are only what this test makes
    const id = ok(
      await json('POST', '/api/service-items/stations', 'town2', {
        orgId: org.town2,
        kind: 'centre',
        name: '城东街道便民服务中心',
        lat: 29.31,
        lng: 118.62,
      }),
      201,
    ).body.id;
    ok(await json('POST', `/api/service-items/stations/${id}/adopt`, 'town2', {}));
    const s = await station(id, 'town2');
    const take = async (name: string, missing: string[] = []) => {
      const item = itemOf(s, name);
      return ok(
        await json('POST', '/api/service-items/applications', 'town2', {
          stationId: id,
          itemId: item.id,
          mode: 'handled',
          residentName: '统计',
          materialsReceived: item.materials.filter((m) => !missing.includes(m)),
        }),
        201,
      ).body.application;
    };
    const complete = (appId: number, version: number, result = 'done', note = '') =>
      json('POST', `/api/service-items/applications/${appId}/complete`, 'town2', { version, result, note });
    const a = await take('生育登记');
    ok(await complete(a.id, 1));
    const b = await take('老年人优待证办理', ['近期一寸免冠照片 1 张']);
    ok(
      await json('POST', `/api/service-items/applications/${b.id}/visits`, 'town2', {
        version: 1,
        materialsReceived: ['近期一寸免冠照片 1 张'],
      }),
    );
    ok(await complete(b.id, 2));
    const c = await take('就业创业证申领');
    ok(await complete(c.id, 1, 'refused', '不属于本县户籍'));
    await take('城乡居民基本养老保险参保登记'); // still open
    const e = await take('社会保障卡申领'); // 5 working days: done 10 days later, late
    const month = chinaDayOf(sys.services.clock.now()).slice(0, 7);
    ok(await json('POST', '/api/clock/advance', 'admin', { days: 10 }));
    ok(await complete(e.id, 1));
    const stats = ok(await json('GET', `/api/service-items/stats?from=${month}&to=${month}`, 'town2')).body;
    expect(stats.lines).toEqual([
      {
        groupId: id,
        groupName: '城东街道便民服务中心',
        month,
        applications: 5,
        ended: 4,
        onTime: 3,
        onTimeRate: 75,
        averageVisits: 1.25,
        oneVisitRate: 75,
      },
    ]);
    const byTown = ok(await json('GET', `/api/service-items/stats?from=${month}&to=${month}&by=town`, 'town2')).body;
    expect(byTown.lines).toMatchObject([{ groupId: org.town2, applications: 5 }]);
    const file = await sys.request({
      method: 'GET',
      url: `/api/service-items/stats.xlsx?from=${month}&to=${month}`,
      headers: as.town2 as Headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('../src/core/exceljs.js');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]?.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[2]?.slice(1)).toEqual(['城东街道便民服务中心', month, 5, 4, 3, '75.0%', 1.25, '75.0%']);
    const bad = await json('GET', '/api/service-items/stats?from=2026-05&to=2026-04', 'town2');
    expect(bad.status).toBe(400);
  });
});
