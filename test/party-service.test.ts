// 双报到, 物业亮星 and 执法亮剑 through HTTP on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set): units and in-service members register with a community and the community confirms; the need lifecycle
// (published → claimed → done → rated, cancelled) and who may do what, the claim's task; two members claiming one
// 微心愿 at once (one wins, the other 409); the yearly unit report on hand-made figures, issued with its
// notification and exported as xlsx; scope (another town's staff do not see the community's records); bad input
// (4xx with a Chinese message, nothing written); a compound's stars from its property case and a resident's
// rating, one rating a month; the public boards, and the enforcement list without names, phones, ID numbers or
// exact addresses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let grids: { id: number; centerLat: number; centerLng: number }[] = [];
let townGridOther = 0;
const UNIT = '青溪县测试单位甲';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
const YEAR = Number(today().slice(0, 4));

const json = (method: string, url: string, who: string | Headers | null, payload?: unknown) =>
  sys.json(method, url, who === null ? {} : typeof who === 'string' ? (as[who] as Headers) : who, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

function refused(r: { status: number; body: { code: string; message: string } }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.code).toBe(code);
  expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
}

async function publish(title: string, extra: Record<string, unknown> = {}) {
  return ok(
    await json('POST', '/api/party/service/needs', 'village', {
      villageId: org.village,
      kind: 'wish',
      title,
      beneficiary: '独居老人王某',
      dueOn: inDays(7),
      ...extra,
    }),
    201,
  ).body;
}

async function act(id: number, who: string, action: Record<string, unknown>, phone = false) {
  const base = phone ? '/api/party/service/my/needs' : '/api/party/service/needs';
  const current = ok(await json('GET', `${base}/${id}`, who)).body;
  return json('POST', `${base}/${id}/actions`, who, { version: current.version, action });
}

/** A citizen registered from the phone with the test community, naming UNIT, and confirmed by the community. */
async function member(name: string, phone: string, unitName = UNIT): Promise<number> {
  as[name] = await citizenLogin(sys, phone);
  const { id } = ok(
    await json('POST', '/api/party/service/my/registrations', name, {
      villageId: org.village,
      name,
      unitName,
      branch: '机关党支部',
    }),
    201,
  ).body;
  ok(await json('POST', `/api/party/service/members/${id}/decide`, 'village', { version: 1, decision: 'confirm' }));
  return id;
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'dept']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  grids = ok(await json('GET', `/api/orgs?parentId=${org.village}&kind=grid`, 'admin')).body.items;
  const villages = ok(await json('GET', `/api/orgs?parentId=${org.town}&kind=village`, 'admin')).body.items;
  const other = villages.find((v: { id: number }) => v.id !== org.village);
  townGridOther = ok(await json('GET', `/api/orgs?parentId=${other.id}&kind=grid`, 'admin')).body.items[0].id;
  // the outside unit of the hand-made figures, entered by the community (confirmed at once)
  ok(
    await json('POST', '/api/party/service/units', 'village', {
      villageId: org.village,
      name: UNIT,
      contactPhone: '13912345678',
    }),
    201,
  );
  await member('甲一', '13922220001');
  await member('甲二', '13922220002');
  await member('甲三', '13922220003');
}, 180_000);

afterAll(async () => {
  await sys?.stop();
});

describe('registration with the community (双报到)', () => {
  it('a unit registers itself, waits for the community, and is confirmed once; twice is refused', async () => {
    // the demo already registered the 住建局 with the first community: the dept registers with another
    const villages = ok(await json('GET', `/api/orgs?parentId=${org.town}&kind=village`, 'admin')).body.items;
    const second = villages.find((v: { id: number }) => v.id !== org.village).id;
    const { id } = ok(
      await json('POST', '/api/party/service/units', 'dept', { villageId: second, contactName: '办公室' }),
      201,
    ).body;
    const own = ok(await json('GET', '/api/party/service/units', 'dept')).body.items;
    expect(own.find((u: { id: number }) => u.id === id)).toMatchObject({ state: 'pending', villageId: second });
    refused(
      await json('POST', '/api/party/service/units', 'dept', { villageId: second }),
      409,
      'PARTY_REGISTRATION_DUPLICATE',
    );
    // the unit cannot confirm itself; another town cannot see it; the town above confirms
    refused(
      await json('POST', `/api/party/service/units/${id}/decide`, 'dept', { version: 1, decision: 'confirm' }),
      403,
      'FORBIDDEN',
    );
    refused(
      await json('POST', `/api/party/service/units/${id}/decide`, 'town2', { version: 1, decision: 'confirm' }),
      404,
      'PARTY_REGISTRATION_NOT_FOUND',
    );
    ok(await json('POST', `/api/party/service/units/${id}/decide`, 'town', { version: 1, decision: 'confirm' }));
    refused(
      await json('POST', `/api/party/service/units/${id}/decide`, 'town', { version: 1, decision: 'decline' }),
      409,
      'PARTY_REGISTRATION_VERSION_CONFLICT',
    );
  });

  it('an in-service member registers from the phone; the list masks the phone, the reveal is audited', async () => {
    const list = ok(await json('GET', `/api/party/service/members?villageId=${org.village}`, 'village')).body.items;
    const one = list.find((m: { name: string }) => m.name === '甲一');
    expect(one).toMatchObject({ state: 'confirmed', unitName: UNIT, phone: '139****0001' });
    const revealed = ok(await json('POST', `/api/party/service/members/${one.id}/reveal`, 'village')).body;
    expect(revealed.phone).toBe('13922220001');
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'pii.view')
      .where('target_type', '=', 'party_service_member')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    // twice with one community is refused; another town sees none of it
    refused(
      await json('POST', '/api/party/service/my/registrations', '甲一', {
        villageId: org.village,
        name: '甲一',
        unitName: UNIT,
      }),
      409,
      'PARTY_REGISTRATION_DUPLICATE',
    );
    const seen = ok(await json('GET', '/api/party/service/members', 'town2')).body.items;
    expect(seen.some((m: { villageId: number }) => m.villageId === org.village)).toBe(false);
  });

  it('refuses bad input with a Chinese message and writes nothing', async () => {
    const before = await sys.services.db.selectFrom('party_service_members').select('id').execute();
    as.bad = await citizenLogin(sys, '13922229999');
    refused(
      await json('POST', '/api/party/service/my/registrations', 'bad', {
        villageId: org.village,
        name: '  ',
        unitName: UNIT,
      }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await json('POST', '/api/party/service/my/registrations', 'bad', {
        villageId: 99_999_999,
        name: '某',
        unitName: UNIT,
      }),
      404,
      'ORG_NOT_FOUND',
    );
    // a community registering "its own unit" is told to name the outside unit
    refused(
      await json('POST', '/api/party/service/units', 'village', { villageId: org.village }),
      400,
      'VALIDATION_FAILED',
    );
    const after = await sys.services.db.selectFrom('party_service_members').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});

describe('the need lifecycle: published → claimed → done → rated', () => {
  it('runs the whole way, with its task, and lets each do only their part', async () => {
    const need = await publish('独居老人需要一台收音机');
    expect(need).toMatchObject({ state: 'published', allowed: ['cancel'], beneficiary: '独居老人王某' });
    // a member sees it on the phone with the claim offered, but not who it is for
    const seen = ok(await json('GET', `/api/party/service/my/needs/${need.id}`, '甲一')).body;
    expect(seen).toMatchObject({ allowed: ['claim'], beneficiary: '' });
    // not yet claimed: nothing to do or rate
    refused(
      await act(need.id, '甲一', { type: 'complete', hours: 1, result: '好' }, true),
      403,
      'PARTY_NEED_NOT_AUTHORISED',
    );
    refused(await act(need.id, 'village', { type: 'rate', rating: 5 }), 409, 'PARTY_NEED_NOT_ALLOWED_IN_STATE');

    const claimed = ok(await act(need.id, '甲一', { type: 'claim' }, true)).body;
    expect(claimed).toMatchObject({
      claimedByMe: true,
      state: 'claimed',
      claimer: { kind: 'member', name: '甲一', unitName: UNIT },
      allowed: ['complete'],
    });
    expect(claimed.beneficiary).toBe('独居老人王某');
    expect(ok(await json('GET', `/api/party/service/my/needs/${need.id}`, '甲二')).body).toMatchObject({
      claimedByMe: false,
      beneficiary: '',
      allowed: [],
    });
    const task = ok(await json('GET', `/api/tasks/${claimed.taskId}`, 'village')).body;
    expect(task).toMatchObject({ sourceKind: 'party_need', ownerOrg: { id: org.village }, state: 'pending_sign' });

    // another member cannot record it; the claimer's bad figures are refused; the community cannot rate yet
    refused(
      await act(need.id, '甲二', { type: 'complete', hours: 1, result: '好' }, true),
      403,
      'PARTY_NEED_NOT_AUTHORISED',
    );
    refused(
      await act(need.id, '甲一', { type: 'complete', hours: 0, result: '已送达' }, true),
      400,
      'VALIDATION_FAILED',
    );
    refused(await act(need.id, '甲一', { type: 'complete', hours: 2, result: ' ' }, true), 400, 'VALIDATION_FAILED');
    refused(await act(need.id, 'village', { type: 'rate', rating: 5 }), 409, 'PARTY_NEED_NOT_ALLOWED_IN_STATE');
    const done = ok(
      await act(need.id, '甲一', { type: 'complete', hours: 1.5, result: '已送达收音机并教会使用' }, true),
    ).body;
    expect(done).toMatchObject({ state: 'done', hours: 1.5 });

    // the claimer cannot rate their own work; the town cannot rate (the community rates); a rating of 6 is refused
    refused(await act(need.id, '甲一', { type: 'rate', rating: 5 }, true), 403, 'PARTY_NEED_NOT_AUTHORISED');
    refused(await act(need.id, 'town', { type: 'rate', rating: 5 }), 403, 'PARTY_NEED_NOT_AUTHORISED');
    refused(await act(need.id, 'village', { type: 'rate', rating: 6 }), 400, 'VALIDATION_FAILED');
    const rated = ok(await act(need.id, 'village', { type: 'rate', rating: 4, comment: '很及时' })).body;
    expect(rated).toMatchObject({ state: 'rated', rating: 4, ratingComment: '很及时', allowed: [] });
    expect(rated.history.map((h: { type: string }) => h.type)).toEqual(['publish', 'claim', 'complete', 'rate']);
    expect(ok(await json('GET', `/api/tasks/${claimed.taskId}`, 'village')).body.state).toBe('done');
    // the claimer hears of the rating; the outbox carried every change
    const notes = await sys.services.db
      .selectFrom('notifications')
      .select('title')
      .where('kind', '=', 'party_need')
      .execute();
    expect(notes.some((n) => n.title.includes('4星'))).toBe(true);
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'party_service.changed')
      .execute();
    const mine = outbox
      .map((o) => (typeof o.payload === 'string' ? JSON.parse(o.payload) : o.payload))
      .filter((p) => p.id === need.id && p.kind === 'party_need');
    expect(mine.map((p) => p.type)).toEqual(['publish', 'claim', 'complete', 'rate']);
  });

  it('a registered unit claims for itself; the town cancels a claimed need and its task with it', async () => {
    const need = await publish('楼道照明检修', { kind: 'project' });
    const claimed = ok(await act(need.id, 'dept', { type: 'claim' })).body;
    expect(claimed.claimer).toMatchObject({ kind: 'unit', unitName: '住房和城乡建设局' });
    refused(await act(need.id, 'town', { type: 'cancel', reason: ' ' }), 400, 'VALIDATION_FAILED');
    const cancelled = ok(await act(need.id, 'town', { type: 'cancel', reason: '居民已自行解决' })).body;
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: '居民已自行解决' });
    expect(ok(await json('GET', `/api/tasks/${claimed.taskId}`, 'village')).body.state).toBe('cancelled');
    refused(await act(need.id, '甲一', { type: 'claim' }, true), 409, 'PARTY_NEED_NOT_ALLOWED_IN_STATE');
  });

  it('two members claiming one 微心愿 at once: one wins, the other gets 409, one task', async () => {
    const need = await publish('困难家庭孩子需要书包');
    const both = await Promise.all(
      ['甲二', '甲三'].map((who) =>
        json('POST', `/api/party/service/my/needs/${need.id}/actions`, who, { version: 1, action: { type: 'claim' } }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = both.find((r) => r.status === 409);
    expect(loser?.body.code).toMatch(/PARTY_NEED_(VERSION_CONFLICT|NOT_ALLOWED_IN_STATE)/);
    const tasks = await sys.services.db
      .selectFrom('tasks')
      .select('id')
      .where('source_kind', '=', 'party_need')
      .where('source_id', '=', String(need.id))
      .execute();
    expect(tasks).toHaveLength(1);
    const after = ok(await json('GET', `/api/party/service/needs/${need.id}`, 'village')).body;
    expect(after).toMatchObject({ state: 'claimed', version: 2 });
  });

  it('scope: an unregistered citizen and another town do not see the community needs; bad input writes nothing', async () => {
    const need = await publish('周末清洁志愿活动', { kind: 'activity' });
    as.stranger = await citizenLogin(sys, '13922228888');
    refused(await json('GET', `/api/party/service/my/needs/${need.id}`, 'stranger'), 404, 'PARTY_NEED_NOT_FOUND');
    refused(await json('GET', `/api/party/service/needs/${need.id}`, 'town2'), 404, 'PARTY_NEED_NOT_FOUND');
    expect(
      ok(await json('GET', '/api/party/service/needs', 'town2')).body.items.some(
        (n: { villageId: number }) => n.villageId === org.village,
      ),
    ).toBe(false);
    refused(
      await json('POST', '/api/party/service/needs', 'town2', {
        villageId: org.village,
        kind: 'wish',
        title: 'x',
        dueOn: inDays(3),
      }),
      404,
      'ORG_NOT_FOUND',
    );
    const before = await sys.services.db.selectFrom('party_needs').select('id').execute();
    refused(
      await json('POST', '/api/party/service/needs', 'village', {
        villageId: org.village,
        kind: 'wish',
        title: '过期',
        dueOn: inDays(-1),
      }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await json('POST', '/api/party/service/needs', 'village', {
        villageId: org.village,
        kind: 'gift',
        title: 'x',
        dueOn: inDays(3),
      }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await json('POST', '/api/party/service/needs', '甲一', {
        villageId: org.village,
        kind: 'wish',
        title: 'x',
        dueOn: inDays(3),
      }),
      403,
      'FORBIDDEN',
    );
    expect((await sys.services.db.selectFrom('party_needs').select('id').execute()).length).toBe(before.length);
  });
});

describe('the yearly unit report', () => {
  it('figures the hand-made year of the unit: members, needs done, hours, mean rating; issued and exported', async () => {
    // so far: 甲一 1.5 h rated 4 (above); add 甲二 2.5 h rated 5 and 甲三 done 3 h, not rated
    const a = await publish('代购常用药');
    ok(await act(a.id, '甲二', { type: 'claim' }, true));
    ok(await act(a.id, '甲二', { type: 'complete', hours: 2.5, result: '已代购' }, true));
    ok(await act(a.id, 'village', { type: 'rate', rating: 5 }));
    const b = await publish('陪同老人就医');
    ok(await act(b.id, '甲三', { type: 'claim' }, true));
    ok(await act(b.id, '甲三', { type: 'complete', hours: 3, result: '已陪同' }, true));
    refused(await json('GET', `/api/party/service/reports?year=${YEAR}`, 'village'), 403, 'FORBIDDEN');
    const reports = ok(await json('GET', `/api/party/service/reports?year=${YEAR}`, 'county')).body.items;
    const mine = reports.find((r: { unitName: string }) => r.unitName === UNIT);
    expect(mine).toMatchObject({ members: 3, needsDone: 3, hours: 7, rated: 2, averageRating: 4.5, issuedAt: null });
    const issued = ok(await json('POST', '/api/party/service/reports/issue', 'county', { year: YEAR })).body;
    expect(issued.issued).toBe(reports.length);
    expect(issued.notified).toBeGreaterThanOrEqual(1); // the 住建局 is a unit of the county tree
    const again = ok(await json('GET', `/api/party/service/reports?year=${YEAR}`, 'county')).body.items;
    expect(again.find((r: { unitName: string }) => r.unitName === UNIT).issuedAt).not.toBeNull();
    const own = ok(await json('GET', '/api/party/service/reports/own', 'dept')).body.items;
    expect(own.some((r: { year: number }) => r.year === YEAR)).toBe(true);
    const notes = ok(await json('GET', '/api/notifications', 'dept')).body.items;
    expect(notes.some((n: { title: string }) => n.title.includes('年度双报到报告'))).toBe(true);
    const xlsx = await sys.request({
      method: 'GET',
      url: `/api/party/service/reports/export?year=${YEAR}`,
      headers: as.county as Headers,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('物业亮星', () => {
  let compoundId = 0;
  it('registers a company and a compound on the community grids; refuses another community grid', async () => {
    const { id: companyId } = ok(
      await json('POST', '/api/party/ratings/companies', 'town', { name: '测试物业有限公司' }),
      201,
    ).body;
    refused(
      await json('POST', '/api/party/ratings/companies', 'town', { name: '测试物业有限公司' }),
      409,
      'PROPERTY_DUPLICATE',
    );
    refused(
      await json('POST', '/api/party/ratings/compounds', 'village', {
        villageId: org.village,
        companyId,
        name: '越界小区',
        gridIds: [townGridOther],
      }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await json('POST', '/api/party/ratings/compounds', 'town2', {
        villageId: org.village,
        companyId,
        name: '他镇小区',
        gridIds: [grids[0]?.id],
      }),
      404,
      'ORG_NOT_FOUND',
    );
    compoundId = ok(
      await json('POST', '/api/party/ratings/compounds', 'village', {
        villageId: org.village,
        companyId,
        name: '测试花园',
        gridIds: [grids[0]?.id],
      }),
      201,
    ).body.id;
  });

  it('rates the month from its property case and a resident rating, one rating per resident a month, published', async () => {
    const categories = ok(await json('GET', '/api/categories', 'village')).body.items;
    const property = categories.find((c: { name: string }) => c.name === '小区管理');
    const grid = grids[0] as { id: number; centerLat: number; centerLng: number };
    const c = ok(
      await json('POST', '/api/cases', 'village', {
        channel: 'walk_in',
        body: '小区电梯经常停运，物业不及时维修。',
        categoryId: property.id,
        lat: grid.centerLat,
        lng: grid.centerLng,
      }),
      201,
    ).body;
    ok(await json('POST', `/api/cases/${c.id}/actions`, 'village', { version: c.version, action: { type: 'accept' } }));
    refused(
      await json('POST', `/api/party/ratings/my/compounds/${compoundId}/ratings`, '甲一', { stars: 6 }),
      400,
      'VALIDATION_FAILED',
    );
    ok(
      await json('POST', `/api/party/ratings/my/compounds/${compoundId}/ratings`, '甲一', {
        stars: 5,
        comment: '保洁很好',
      }),
      201,
    );
    refused(
      await json('POST', `/api/party/ratings/my/compounds/${compoundId}/ratings`, '甲一', { stars: 1 }),
      409,
      'PROPERTY_RATING_DUPLICATE',
    );
    refused(
      await json('POST', `/api/party/ratings/my/compounds/${compoundId}/ratings`, 'village', { stars: 5 }),
      403,
      'FORBIDDEN',
    );
    const month = today().slice(0, 7);
    refused(
      await json('POST', '/api/party/ratings/recompute', 'village', { month: '2026-13' }),
      400,
      'VALIDATION_FAILED',
    );
    ok(await json('POST', '/api/party/ratings/recompute', 'village', { month }));
    const detail = ok(await json('GET', `/api/party/ratings/compounds/${compoundId}`, 'village')).body;
    const m = detail.months.find((x: { month: string }) => x.month === month);
    // response (accepted at once) 100 ×20, resolution 0/1 ×25, no callback yet, repeat 100 ×15, residents ★5 100 ×20
    // → 5500 / 80 = 68.75 → 68.8, ★3
    expect(m.figures).toMatchObject({ cases: 1, resolutionRate: 0, repeatRate: 0, residentMean: 5, residentCount: 1 });
    expect(m).toMatchObject({ score: 68.8, stars: 3 });
    refused(
      await json('GET', `/api/party/ratings/compounds/${compoundId}`, 'town2'),
      404,
      'PROPERTY_COMPOUND_NOT_FOUND',
    );
    const board = ok(await json('GET', `/api/party/ratings/public/compounds?month=${month}`, null)).body;
    expect(board.items.find((i: { id: number }) => i.id === compoundId)).toMatchObject({
      name: '测试花园',
      stars: 3,
      companyName: '测试物业有限公司',
    });
    expect(JSON.stringify(board)).not.toContain('电梯');
  });

  it('the monthly job computes the month just ended once; a case linked by hand counts for the compound', async () => {
    const last = (() => {
      const [y, m] = today().slice(0, 7).split('-').map(Number) as [number, number];
      return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    })();
    const months = async () =>
      (
        await sys.services.db
          .selectFrom('property_star_ratings')
          .select(['month', 'computed_at'])
          .where('compound_id', '=', compoundId)
          .execute()
      ).map((r) => r.month);
    expect(await months()).not.toContain(last);
    await sys.services.jobs.runNow('property-star-ratings');
    expect(await months()).toContain(last);
    const first = await sys.services.db
      .selectFrom('property_star_ratings')
      .select('computed_at')
      .where('compound_id', '=', compoundId)
      .where('month', '=', last)
      .executeTakeFirstOrThrow();
    await sys.services.jobs.runNow('property-star-ratings');
    const again = await sys.services.db
      .selectFrom('property_star_ratings')
      .select('computed_at')
      .where('compound_id', '=', compoundId)
      .where('month', '=', last)
      .executeTakeFirstOrThrow();
    expect(new Date(again.computed_at).getTime()).toBe(new Date(first.computed_at).getTime());
    // a case of another category elsewhere in the community, linked by hand: two cases this month
    const grid = grids[1] as { id: number; centerLat: number; centerLng: number };
    const c = ok(
      await json('POST', '/api/cases', 'village', {
        channel: 'walk_in',
        body: '小区门禁坏了，物业一直不修。',
        lat: grid.centerLat,
        lng: grid.centerLng,
      }),
      201,
    ).body;
    refused(
      await json('POST', `/api/party/ratings/compounds/${compoundId}/cases`, 'village', { caseId: 99_999_999 }),
      404,
      'CASE_NOT_FOUND',
    );
    ok(await json('POST', `/api/party/ratings/compounds/${compoundId}/cases`, 'village', { caseId: c.id }));
    ok(await json('POST', `/api/party/ratings/compounds/${compoundId}/cases`, 'village', { caseId: c.id }));
    const month = today().slice(0, 7);
    ok(await json('POST', '/api/party/ratings/recompute', 'village', { month }));
    const detail = ok(await json('GET', `/api/party/ratings/compounds/${compoundId}`, 'village')).body;
    expect(detail.linkedCases).toBe(1);
    expect(detail.months.find((x: { month: string }) => x.month === month).figures.cases).toBe(2);
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual(['create', 'link_case']);
  });

  it('keeps the property categories as a setting of the county', async () => {
    refused(
      await json('PUT', '/api/party/ratings/settings', 'village', { categories: ['小区管理'] }),
      403,
      'FORBIDDEN',
    );
    refused(
      await json('PUT', '/api/party/ratings/settings', 'county', { categories: ['没有这个分类'] }),
      400,
      'VALIDATION_FAILED',
    );
    ok(await json('PUT', '/api/party/ratings/settings', 'county', { categories: ['小区管理', '物业纠纷'] }));
    expect(ok(await json('GET', '/api/party/ratings/settings', 'village')).body.categories).toEqual([
      '小区管理',
      '物业纠纷',
    ]);
  });
});

describe('执法亮剑', () => {
  it('lists the enforcement office results publicly without names, phones, ID numbers or exact addresses', async () => {
    const offices = ok(await json('GET', `/api/orgs?parentId=${org.town}&kind=office`, 'admin')).body.items;
    const office = offices.find((o: { subkind: string }) => o.subkind === '综合行政执法队');
    as.office = await sys.login(`o${office.code}`);
    const grid = grids[1] as { centerLat: number; centerLng: number };
    const c = ok(
      await json('POST', '/api/cases', 'village', {
        channel: 'walk_in',
        title: '王先生反映幸福路18号3单元门口占道经营，电话13812345678',
        body: '反映人陈建国，身份证330781199001011234，幸福路18号3单元门口有流动摊贩占道经营。',
        lat: grid.centerLat,
        lng: grid.centerLng,
        reporter: { name: '陈建国', phone: '13812345678' },
      }),
      201,
    ).body;
    const step = async (who: string, action: Record<string, unknown>) => {
      const cur = ok(await json('GET', `/api/cases/${c.id}`, who)).body;
      ok(await json('POST', `/api/cases/${c.id}/actions`, who, { version: cur.version, action }));
    };
    await step('village', { type: 'accept' });
    await step('village', { type: 'reportUp', reason: '需要执法' });
    await step('town', { type: 'dispatch', leadOrgId: office.id });
    await step('office', { type: 'signFor' });
    await step('office', {
      type: 'reply',
      content: '已联系陈建国（13812345678），对幸福路18号3单元门口的摊贩劝离并登记。',
    });
    const list = ok(await json('GET', `/api/party/ratings/public/enforcement?townId=${org.town}`, null)).body;
    const item = list.items.find((i: { summary: string }) => i.summary.includes('占道经营'));
    expect(item).toMatchObject({ status: '已答复', month: today().slice(0, 7) });
    const text = JSON.stringify(list.items);
    for (const secret of ['陈建国', '13812345678', '330781199001011234', '18号', '3单元', '王先生'])
      expect(text).not.toContain(secret);
    expect(item.summary).toContain('某先生');
    // the showcase's de-identification: a name → its surname + 某, a phone removed with its brackets, no house number
    expect(item.result).toContain('已联系陈某，对幸福路门口的摊贩劝离并登记');
  });
});
