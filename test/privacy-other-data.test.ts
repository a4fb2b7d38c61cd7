// A citizen's personal data outside the cases (issue 18, PIPL) through HTTP: their erasure anonymises the volunteer
// registration, the points household they head, their 双报到 registration, their survey sample and the text of their
// deliberation proposal and comment — the rows stay, with their counts, and hold no name or phone any more; an outbox
// message `privacy.erased` tells integrations, without the data. And a 12345 order pushed again after its case was
// anonymised updates the case without writing the caller back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../src/domain/intake/hotline-order.js';
import { openReporterField } from '../src/modules/cases/index.js';
import { DEMO_HOTLINE_KEY, DEMO_HOTLINE_SIGNING_SECRET } from '../src/modules/hotline/demo-keys.js';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let village: number;
let grid: { centerLat: number; centerLng: number };

const DAVE = { name: '孙志强', phone: '13900000041', volunteerName: '孙志强志愿者' };
const ORDER_NO = `HL-PRIV-${Date.now()}`;
const ORDER_TEXT = `我叫${DAVE.name}，电话${DAVE.phone}，楼下餐馆油烟太大，影响居民生活。`;

const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
  sys.json(method, url, headers, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

/** A signed 12345 push of Dave's order (the hotline sends the caller every time). */
async function pushOrder(overrides: Record<string, unknown> = {}) {
  const raw = JSON.stringify({
    orderNo: ORDER_NO,
    callTime: '2026-03-01 09:30',
    callerName: DAVE.name,
    callerPhone: DAVE.phone,
    content: ORDER_TEXT,
    hotlineCategory: '城乡建设',
    lat: grid.centerLat,
    lng: grid.centerLng,
    urgency: '一般',
    ...overrides,
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const r = await sys.request({
    method: 'POST',
    url: '/api/hotline/orders',
    headers: {
      'content-type': 'application/json',
      'x-api-key': DEMO_HOTLINE_KEY,
      'x-gz-timestamp': ts,
      'x-gz-signature': signPayload(DEMO_HOTLINE_SIGNING_SECRET, ts, raw),
    },
    payload: raw,
  });
  return { status: r.statusCode, body: r.json() };
}

async function hotlineCase() {
  const row = await sys.services.db
    .selectFrom('cases')
    .select(['id', 'reporter_name', 'reporter_phone', 'reporter_phone_hash', 'body', 'extra', 'version', 'status'])
    .where('channel', '=', 'hotline')
    .where('external_ref', '=', ORDER_NO)
    .executeTakeFirstOrThrow();
  const open = (v: string | null) => openReporterField(sys.services.fieldCrypto, v);
  return { ...row, reporter_name: open(row.reporter_name), reporter_phone: open(row.reporter_phone) };
}

const db = () => sys.services.db;
const secretsOf = (value: unknown) => {
  const text = JSON.stringify(value);
  return [DAVE.name, DAVE.phone, DAVE.volunteerName].filter((s) => text.includes(s));
};

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'village', 'county', 'grid']) as[name] = await sys.login(name);
  village = (await call('GET', '/api/auth/me', as.village as Headers)).body.org.id;
  const me = (await call('GET', '/api/auth/me', as.grid as Headers)).body;
  grid = (await call('GET', `/api/orgs/${me.org.id}`, as.admin as Headers)).body;
}, 120_000);

afterAll(async () => {
  await sys?.stop();
});

describe("a citizen's other personal data is erased with their cases", () => {
  let dave: number;
  let householdId: number;
  let topicId: number;
  let sampleId: number;
  let caseId: number;

  it('a citizen with a household, a volunteer record, 双报到, a proposal, a comment and a survey answer', async () => {
    householdId = ok(
      await call('POST', '/api/points/households', as.admin as Headers, {
        villageId: village,
        doorNo: '隐私路 1 号',
        headName: DAVE.name,
        phone: DAVE.phone,
      }),
      201,
    ).body.id;
    as.dave = await citizenLogin(sys, DAVE.phone);
    dave = (await call('GET', '/api/auth/me', as.dave as Headers)).body.id;
    ok(
      await call('PUT', '/api/volunteers/my/profile', as.dave as Headers, {
        name: DAVE.volunteerName,
        skills: ['急救'],
        intro: `退休教师，电话 ${DAVE.phone}`,
        villageId: village,
      }),
    );
    ok(
      await call('POST', '/api/party/service/my/registrations', as.dave as Headers, {
        villageId: village,
        name: DAVE.name,
        unitName: '青溪县隐私测试单位',
        branch: '机关党支部',
      }),
      201,
    );

    const stations = ok(await call('GET', `/api/deliberations/stations?villageId=${village}`, as.village as Headers))
      .body.items;
    topicId = ok(
      await call('POST', '/api/my/deliberations/topics', as.dave as Headers, {
        stationId: stations[0].id,
        title: '餐馆油烟治理',
        proposal: `我是${DAVE.name}，建议给楼下餐馆加装油烟净化器。`,
      }),
      201,
    ).body.id;
    ok(
      await call('POST', `/api/my/deliberations/topics/${topicId}/comments`, as.dave as Headers, {
        body: `赞成。有事请打我电话 ${DAVE.phone}。`,
      }),
      201,
    );

    // a survey sample drawn from the citizen accounts, answered by link (the sampling itself is random: placed here)
    const round = await db()
      .selectFrom('survey_rounds')
      .select(['id', 'county_code'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const town = await db().selectFrom('orgs').select('parent_id').where('id', '=', village).executeTakeFirstOrThrow();
    sampleId = (
      await db()
        .insertInto('survey_samples')
        .values({
          round_id: round.id,
          county_code: round.county_code,
          town_id: town.parent_id as number,
          village_id: village,
          source: 'citizen',
          user_id: dave,
          name_masked: '孙*强',
          phone_masked: '139****0041',
          token: `privacy-test-${Date.now()}`,
          state: 'answered',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db()
      .insertInto('survey_answers')
      .values({
        sample_id: sampleId,
        round_id: round.id,
        county_code: round.county_code,
        town_id: town.parent_id as number,
        village_id: village,
        channel: 'link',
        answers: JSON.stringify({ safe: 5 }),
        answered_at: new Date(),
      })
      .execute();

    // a 12345 order from the same phone, finished by the village
    expect(ok(await pushOrder(), 201).body.result).toBe('created');
    caseId = (await hotlineCase()).id;
    // a 12345 order is taken in by the county's intake unit, which may answer and close it at once
    const current = ok(await call('GET', `/api/cases/${caseId}`, as.county as Headers)).body;
    ok(
      await call('POST', `/api/cases/${caseId}/actions`, as.county as Headers, {
        version: current.version,
        action: { type: 'closeOnTheSpot', answer: '已联系市场监管所上门检查。' },
      }),
    );
  });

  it('the erasure leaves those rows whole but without the name or the phone', async () => {
    const signups = await db().selectFrom('volunteers').select('service_minutes').where('user_id', '=', dave).execute();
    const r = ok(await call('POST', '/api/citizen/me/erasure', as.dave as Headers));
    expect(r.body).toMatchObject({ anonymised: 1, waiting: 0 });
    expect(r.body.completedAt).not.toBeNull();

    const volunteer = await db()
      .selectFrom('volunteers')
      .select(['name', 'phone', 'intro', 'active', 'service_minutes', 'skills'])
      .where('user_id', '=', dave)
      .executeTakeFirstOrThrow();
    expect(volunteer).toMatchObject({ name: '已注销', phone: '', intro: '', active: false, skills: ['急救'] });
    expect(volunteer.service_minutes).toBe(signups[0]?.service_minutes); // the hours served stay counted

    const household = await db()
      .selectFrom('points_households')
      .select(['head_name', 'head_phone', 'door_no', 'balance', 'active'])
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow();
    expect(household).toMatchObject({ head_name: '已注销', head_phone: null, door_no: '隐私路 1 号', active: true });

    const registration = await db()
      .selectFrom('party_service_members')
      .select(['name', 'phone', 'unit_name', 'state'])
      .where('user_id', '=', dave)
      .executeTakeFirstOrThrow();
    expect(registration).toMatchObject({ name: '已注销', phone: '', unit_name: '青溪县隐私测试单位' });

    const sample = await db()
      .selectFrom('survey_samples')
      .select(['name_masked', 'phone_masked', 'state', 'user_id'])
      .where('id', '=', sampleId)
      .executeTakeFirstOrThrow();
    expect(sample).toEqual({ name_masked: '已注销', phone_masked: '', state: 'answered', user_id: dave });
    const answer = await db()
      .selectFrom('survey_answers')
      .select('answers')
      .where('sample_id', '=', sampleId)
      .execute();
    expect(answer.map((a) => a.answers)).toEqual([{ safe: 5 }]); // the round's result stays whole

    // the proposal and the comment keep their text (the village's public record), without the person
    const topic = await db()
      .selectFrom('deliberation_topics')
      .select(['title', 'proposal', 'proposer_user_id'])
      .where('id', '=', topicId)
      .executeTakeFirstOrThrow();
    expect(topic.proposal).toBe('我是某某，建议给楼下餐馆加装油烟净化器。');
    const comments = await db()
      .selectFrom('deliberation_comments')
      .select(['body', 'author_user_id'])
      .where('topic_id', '=', topicId)
      .execute();
    expect(comments).toEqual([{ body: '赞成。有事请打我电话 ***。', author_user_id: dave }]);
    // the station sees the topic and the comment with the author shown as the anonymised account
    const seen = ok(await call('GET', `/api/deliberations/topics/${topicId}`, as.village as Headers)).body;
    expect(secretsOf(seen)).toEqual([]);

    const account = await db()
      .selectFrom('users')
      .select(['phone', 'display_name'])
      .where('id', '=', dave)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ phone: null, display_name: '已注销用户' });

    for (const row of [volunteer, household, registration, sample, topic, comments]) expect(secretsOf(row)).toEqual([]);

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_type', '=', 'user')
      .where('target_id', '=', String(dave))
      .where('action', '=', 'privacy.erasure.records')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({
      volunteers: 1,
      households: 1,
      partyService: 1,
      surveySamples: 1,
      deliberations: 2, // the proposal and the comment
    });
  });

  it('integrations are told by an outbox message privacy.erased, without the data', async () => {
    const messages = await db()
      .selectFrom('outbox')
      .select(['payload'])
      .where('topic', '=', 'privacy.erased')
      .orderBy('id')
      .execute();
    const payloads = messages.map((m) => m.payload as Record<string, unknown>);
    expect(payloads.map((p) => [p.stage, p.userId])).toEqual([
      ['records', dave],
      ['cases', dave],
      ['account', dave],
    ]);
    expect(payloads[1]?.cases).toEqual([
      expect.objectContaining({ caseId, channel: 'hotline', externalRef: ORDER_NO }),
    ]);
    expect(secretsOf(payloads)).toEqual([]);
    // a subscriber may ask for them: 'privacy' is a channel a webhook may list
    ok(
      await call('POST', '/api/webhooks', as.admin as Headers, {
        name: '数据中台',
        url: 'https://hub.example.test/privacy',
        channels: ['privacy'],
      }),
      201,
    );
  });

  it('asking again changes nothing more', async () => {
    const before = await db().selectFrom('outbox').select('id').where('topic', '=', 'privacy.erased').execute();
    const again = await citizenLogin(sys, DAVE.phone); // a new account: the old one is closed
    const r = ok(await call('POST', '/api/citizen/me/erasure', again));
    expect(r.body.anonymised).toBe(0);
    // the new account has no household: the old one lost the phone that linked it
    const household = await db()
      .selectFrom('points_households')
      .select(['head_name', 'head_phone'])
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow();
    expect(household).toEqual({ head_name: '已注销', head_phone: null });
    const after = await db().selectFrom('outbox').select('id').where('topic', '=', 'privacy.erased').execute();
    // only the new (empty) account's completion is announced
    expect(after.length - before.length).toBe(1);
  });

  it('a 12345 order pushed again after the erasure updates the case without writing the caller back', async () => {
    const before = await hotlineCase();
    expect(before.reporter_name).toBe('已注销');
    expect(before.reporter_phone).toBeNull();

    // the same order again: its caller and the caller in its text are not news — nothing changes
    expect(ok(await pushOrder()).body.result).toBe('unchanged');
    expect((await hotlineCase()).version).toBe(before.version);

    // a changed order, still carrying the caller: the rest is updated, the reporter stays anonymised
    const changed = ok(
      await pushOrder({ content: `${ORDER_TEXT}晚上十点后还在营业。`, urgency: '紧急', address: '文昌路 8 号' }),
    );
    expect(changed.body.result).toBe('updated');
    const after = await hotlineCase();
    expect(after.reporter_name).toBe('已注销');
    expect(after.reporter_phone).toBeNull();
    expect(after.reporter_phone_hash).toBeNull();
    expect(after.body).toBe('我叫某某，电话***，楼下餐馆油烟太大，影响居民生活。晚上十点后还在营业。');
    expect((after.extra as { hotline: { urgency: string; callerLandline: string | null } }).hotline).toMatchObject({
      urgency: 'urgent',
      callerLandline: null,
    });
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.status).toBe(before.status);

    const revisions = await db()
      .selectFrom('hotline_order_revisions')
      .select('changes')
      .where('case_id', '=', caseId)
      .execute();
    expect(revisions).toHaveLength(1);
    const changes = revisions[0]?.changes as Record<string, unknown>;
    expect(Object.keys(changes).sort()).toEqual(['address', 'content', 'urgency']);
    const detail = ok(await call('GET', `/api/cases/${caseId}`, as.admin as Headers)).body;
    expect(secretsOf([changes, detail])).toEqual([]);
  });
});
