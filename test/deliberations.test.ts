// Deliberation (议事) through HTTP on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// the demo stations and topics; a resident raises a topic from the phone, the station accepts, schedules,
// records the hearing and opens the vote; residents vote — one vote per resident even when the same resident
// votes at once from two phones, a non-resident refused, nothing counted or named while the ballot is open,
// no early closing; the count after closing, the decision, its follow-up as a task, the outcome told to
// everyone who took part; moderated comments; withdrawal; version conflicts; scope between villages and towns;
// the public page without personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let villageB = 0;
let stationA = 0;
let stationB = 0;

const json = (method: string, url: string, who: string | Headers, payload?: unknown) =>
  sys.json(method, url, typeof who === 'string' ? (as[who] as Headers) : who, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

let doorSeq = 0;
/** A household of the village whose head's phone is `phone`, and that citizen signed in. */
async function resident(phone: string, villageId = org.village as number): Promise<Headers> {
  doorSeq++;
  ok(
    await json('POST', '/api/points/households', 'admin', {
      villageId,
      doorNo: `议事路 ${doorSeq} 号`,
      headName: `议事户${doorSeq}`,
      phone,
    }),
    201,
  );
  return citizenLogin(sys, phone);
}

async function topicOf(id: number, who: string | Headers = 'village') {
  return ok(await json('GET', `/api/deliberations/topics/${id}`, who)).body;
}

async function act(id: number, action: Record<string, unknown>, who: string | Headers = 'village', status = 200) {
  const { version } = await topicOf(id, who);
  return ok(await json('POST', `/api/deliberations/topics/${id}/actions`, who, { version, action }), status);
}

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  const villages = await json('GET', `/api/orgs?parentId=${org.town2}&kind=village&limit=1`, 'admin');
  villageB = villages.body.items[0].id;
  as.citizen = await citizenLogin(sys, '13800000001');
  as.r2 = await resident('13911110002');
  as.r3 = await resident('13911110003');
  as.outsider = await citizenLogin(sys, '13911119999'); // signed in, no household anywhere
  as.residentB = await resident('13911120001', villageB);
  const stations = ok(await json('GET', `/api/deliberations/stations?villageId=${org.village}`, 'village')).body.items;
  stationA = stations.find((s: { kind: string }) => s.kind === 'shuoshi').id;
  stationB = ok(
    await json('POST', '/api/deliberations/stations', 'admin', {
      villageId: villageB,
      kind: 'wulao',
      name: '五老议事站',
      quorumPercent: 0,
      passPercent: 50,
    }),
    201,
  ).body.id;
}, 180_000);
afterAll(async () => sys?.stop());

describe('the demo', () => {
  it('文昌社区 has three stations with members and topics in different states; the demo citizen sees them', async () => {
    const stations = ok(await json('GET', `/api/deliberations/stations?villageId=${org.village}`, 'village')).body
      .items;
    expect(stations.map((s: { name: string }) => s.name)).toEqual(['五老议事站', '说事评理站', '群众评议站']);
    expect(stations[0].members).toHaveLength(5);
    const list = ok(await json('GET', `/api/deliberations/topics?villageId=${org.village}`, 'village')).body;
    expect(list.boxes).toMatchObject({ to_accept: 1, to_hear: 1, voting: 1, implementing: 1, closed: 1 });
    const mine = ok(await json('GET', '/api/my/deliberations', 'citizen')).body;
    expect(mine.villages).toEqual([{ id: org.village, name: expect.any(String) }]);
    expect(mine.stations).toHaveLength(3);
    expect(mine.topics.map((t: { stateLabel: string }) => t.stateLabel).sort()).toEqual(
      ['已办结', '已排期', '待受理', '落实中', '表决中'].sort(),
    );
    const voting = mine.topics.find((t: { state: string }) => t.state === 'voting');
    const detail = ok(await json('GET', `/api/my/deliberations/topics/${voting.id}`, 'citizen')).body;
    expect(detail.me).toEqual({ voted: false, canVote: true, canComment: true });
    expect(detail.result).toBeNull();
    const implementing = mine.topics.find((t: { state: string }) => t.state === 'implementing');
    const tasks = ok(
      await json('GET', `/api/tasks?box=all&sourceKind=deliberation_decision&sourceId=${implementing.id}`, 'village'),
    ).body;
    expect(tasks.items).toHaveLength(1);
  });
});

describe('a topic from the phone to its outcome', () => {
  let id = 0;
  let r2Choice = '';
  it('a resident raises a topic; the village is told; the station accepts, schedules and records the hearing', async () => {
    const raised = ok(
      await json('POST', '/api/my/deliberations/topics', 'citizen', {
        stationId: stationA,
        title: '村民活动中心开放时间调整',
        proposal: '建议活动中心周末开放到晚上九点。',
        background: '年轻人下班后才有时间活动。',
      }),
      201,
    ).body;
    id = raised.id;
    expect(raised).toMatchObject({ state: 'proposed', stateLabel: '待受理', options: ['同意', '反对', '弃权'] });
    expect(raised.proposer).toMatchObject({ kind: 'citizen', mine: true });
    expect(raised.allowedActions).toEqual(['withdraw']);
    // others see the proposer masked
    expect((await topicOf(id)).proposer.name).toMatch(/^.\*+$/);
    const bell = ok(await json('GET', '/api/notifications', 'village')).body.items;
    expect(
      bell.some((n: { title: string }) => n.title.includes('有新议题待受理') && n.title.includes(raised.number)),
    ).toBe(true);
    // the resident cannot act as the station
    const denied = await json('POST', `/api/deliberations/topics/${id}/actions`, 'citizen', {
      version: 1,
      action: { type: 'accept' },
    });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);
    await act(id, { type: 'accept' });
    // withdrawal only before acceptance
    const late = await json('POST', `/api/my/deliberations/topics/${id}/withdraw`, 'citizen', { version: 2 });
    expect([late.status, late.body.code]).toEqual([409, 'TOPIC_ACTION_NOT_ALLOWED_IN_STATE']);
    expect(late.body.message).toBe('议题当前状态为“已受理”，不能撤回');
    await act(id, { type: 'schedule', hearingAt: inHours(24), place: '村委会议室' });
    const stale = await json('POST', `/api/deliberations/topics/${id}/actions`, 'village', {
      version: 2,
      action: { type: 'openVoting', closesAt: inHours(2) },
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'DELIBERATION_VERSION_CONFLICT']);
    const heard = await act(id, {
      type: 'recordHearing',
      hearing: {
        at: new Date().toISOString(),
        place: '村委会议室',
        participants: '站长、村民 8 人',
        notes: '同意延长',
      },
    });
    expect(heard.body.hearing).toMatchObject({ participants: '站长、村民 8 人', notes: '同意延长' });
    const mineNotes = ok(await json('GET', '/api/my/deliberations', 'citizen')).body.notices;
    expect(mineNotes.some((n: { title: string }) => n.title.includes('您提出的议题已受理'))).toBe(true);
  });

  it('refuses nonsense in the forms with the field named', async () => {
    const r = await json('POST', `/api/deliberations/topics/${id}/actions`, 'village', {
      version: (await topicOf(id)).version,
      action: { type: 'openVoting', opensAt: inHours(3), closesAt: inHours(2) },
    });
    expect([r.status, r.body.code, r.body.details.field]).toEqual([400, 'VALIDATION_FAILED', 'closesAt']);
  });

  it('residents vote once each, in secret; a non-resident is refused; no counts, no voters, no early close', async () => {
    await act(id, { type: 'openVoting', closesAt: inHours(2) });
    ok(await json('POST', `/api/my/deliberations/topics/${id}/vote`, 'citizen', { choice: '同意' }), 201);
    // the same resident from two phones at once: exactly one vote
    const [a, b] = await Promise.all([
      json('POST', `/api/my/deliberations/topics/${id}/vote`, 'r2', { choice: '同意' }),
      json('POST', `/api/my/deliberations/topics/${id}/vote`, 'r2', { choice: '反对' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    r2Choice = a.status === 201 ? '同意' : '反对'; // whichever of the two came first
    expect([a, b].find((r) => r.status === 409)?.body).toMatchObject({
      code: 'DELIBERATION_ALREADY_VOTED',
      message: '您已对该议题投过票，每人只能投一票',
    });
    const again = await json('POST', `/api/my/deliberations/topics/${id}/vote`, 'citizen', { choice: '反对' });
    expect([again.status, again.body.code]).toEqual([409, 'DELIBERATION_ALREADY_VOTED']);
    const badChoice = await json('POST', `/api/my/deliberations/topics/${id}/vote`, 'r3', { choice: '随便' });
    expect([badChoice.status, badChoice.body.code]).toEqual([400, 'DELIBERATION_INVALID_CHOICE']);
    ok(await json('POST', `/api/my/deliberations/topics/${id}/vote`, 'r3', { choice: '反对' }), 201);
    for (const who of ['outsider', 'residentB']) {
      const r = await json('POST', `/api/my/deliberations/topics/${id}/vote`, who, { choice: '同意' });
      expect([r.status, r.body.code], who).toEqual([403, 'DELIBERATION_NOT_RESIDENT']);
    }
    const staffVote = await json('POST', `/api/my/deliberations/topics/${id}/vote`, 'village', { choice: '同意' });
    expect(staffVote.status).toBe(403);

    const db = sys.services.db;
    const voters = await db.selectFrom('deliberation_voters').selectAll().where('topic_id', '=', id).execute();
    const ballots = await db.selectFrom('deliberation_ballots').selectAll().where('topic_id', '=', id).execute();
    expect([voters.length, ballots.length]).toEqual([3, 3]);
    expect(Object.keys(ballots[0] as object).sort()).toEqual(['choice', 'id', 'topic_id']);

    // while open: neither staff nor residents see counts or voters
    for (const [who, url] of [
      ['village', `/api/deliberations/topics/${id}`],
      ['citizen', `/api/my/deliberations/topics/${id}`],
    ] as const) {
      const detail = ok(await json('GET', url, who)).body;
      expect(detail.result).toBeNull();
      const text = JSON.stringify(detail);
      expect(text).not.toMatch(/"counts"|"cast"|voters/);
    }
    expect(ok(await json('GET', `/api/my/deliberations/topics/${id}`, 'citizen')).body.me).toMatchObject({
      voted: true,
      canVote: false,
    });
    const early = await act(id, { type: 'closeVoting' }, 'village', 409);
    expect(early.body).toMatchObject({
      code: 'TOPIC_ACTION_NOT_ALLOWED_IN_STATE',
      message: '表决时间尚未结束，不能提前结束表决',
    });
  });

  it('after the window the count is shown; the decision becomes a task; everyone who took part hears the outcome', async () => {
    ok(await json('POST', '/api/clock/advance', 'admin', { hours: 3 }));
    const late = await json('POST', `/api/my/deliberations/topics/${id}/vote`, 'r3', { choice: '同意' });
    expect([late.status, late.body.code]).toEqual([409, 'DELIBERATION_VOTING_CLOSED']);
    const closed = (await act(id, { type: 'closeVoting' })).body;
    const eligible = await sys.services.db
      .selectFrom('points_households')
      .select((eb) => eb.fn.count<number>('head_phone').distinct().as('n'))
      .where('village_id', '=', org.village as number)
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    expect(closed.result).toMatchObject({
      // the demo citizen 同意, r3 反对, r2 whichever of their two votes at once was counted
      counts: { 同意: r2Choice === '同意' ? 2 : 1, 反对: r2Choice === '反对' ? 2 : 1, 弃权: 0 },
      cast: 3,
      eligible: Number(eligible.n),
      quorumMet: false,
      passed: false,
      winner: null,
    });
    await act(id, { type: 'decide', decision: '票数未达参与率要求，维持现有开放时间，下季度再议。' });
    const decided = (
      await act(id, {
        type: 'implement',
        followUps: [{ title: '在公开栏公布活动中心开放时间', ownerOrgId: org.village, dueAt: inHours(24 * 7) }],
      })
    ).body;
    expect(decided.stateLabel).toBe('落实中');
    const tasks = ok(await json('GET', `/api/tasks?box=all&sourceKind=deliberation_decision&sourceId=${id}`, 'village'))
      .body.items;
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(['在公开栏公布活动中心开放时间']);
    await act(id, { type: 'complete', outcome: '开放时间已在公开栏公布。' });
    for (const who of ['citizen', 'r2', 'r3']) {
      const notes = ok(await json('GET', '/api/my/deliberations', who)).body.notices;
      expect(
        notes.some((n: { title: string }) => n.title.startsWith('议题已办结：开放时间已在公开栏公布。')),
        who,
      ).toBe(true);
    }
    const outsiderNotes = await sys.services.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('n.title')
      .where('u.phone', '=', '13911119999')
      .execute();
    expect(outsiderNotes).toEqual([]);
    const events = (await topicOf(id)).events.map((e: { type: string }) => e.type);
    expect(events).toEqual([
      'raise',
      'accept',
      'schedule',
      'recordHearing',
      'openVoting',
      'closeVoting',
      'decide',
      'implement',
      'complete',
    ]);
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'deliberation.changed')
      .execute();
    expect(outbox.filter((m) => (m.payload as { topicId: number }).topicId === id)).toHaveLength(9);
  });
});

describe('comments, withdrawal, scope', () => {
  let id = 0;
  it('comments wait for moderation; a rejection needs a reason and tells the author', async () => {
    id = ok(
      await json('POST', '/api/my/deliberations/topics', 'r2', {
        stationId: stationA,
        title: '垃圾清运时间',
        proposal: '建议早上七点前清运。',
      }),
      201,
    ).body.id;
    const c1 = ok(await json('POST', `/api/my/deliberations/topics/${id}/comments`, 'r3', { body: '赞成' }), 201).body;
    const c2 = ok(
      await json('POST', `/api/my/deliberations/topics/${id}/comments`, 'r3', { body: '广告内容' }),
      201,
    ).body;
    expect(c1.state).toBe('pending');
    const out = await json('POST', `/api/my/deliberations/topics/${id}/comments`, 'residentB', { body: '路过' });
    expect([out.status, out.body.code]).toEqual([403, 'DELIBERATION_NOT_RESIDENT']);
    // others see no pending comment; the author sees their own
    expect(ok(await json('GET', `/api/my/deliberations/topics/${id}`, 'citizen')).body.comments).toEqual([]);
    expect(ok(await json('GET', `/api/my/deliberations/topics/${id}`, 'r3')).body.comments).toHaveLength(2);
    ok(await json('POST', `/api/deliberations/comments/${c1.id}/moderation`, 'village', { approve: true }));
    const noReason = await json('POST', `/api/deliberations/comments/${c2.id}/moderation`, 'village', {
      approve: false,
    });
    expect([noReason.status, noReason.body.details.field]).toEqual([400, 'reason']);
    const foreign = await json('POST', `/api/deliberations/comments/${c2.id}/moderation`, 'town2', {
      approve: false,
      reason: 'x',
    });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'DELIBERATION_COMMENT_NOT_FOUND']); // another town's
    ok(
      await json('POST', `/api/deliberations/comments/${c2.id}/moderation`, 'village', {
        approve: false,
        reason: '与议题无关',
      }),
    );
    const again = await json('POST', `/api/deliberations/comments/${c2.id}/moderation`, 'village', { approve: true });
    expect([again.status, again.body.code]).toEqual([409, 'DELIBERATION_COMMENT_DECIDED']);
    const seen = ok(await json('GET', `/api/my/deliberations/topics/${id}`, 'citizen')).body.comments;
    expect(seen.map((c: { body: string; author: string }) => c.body)).toEqual(['赞成']);
    expect(seen[0].author).toMatch(/^.\*+$/);
    const notes = ok(await json('GET', '/api/my/deliberations', 'r3')).body.notices;
    expect(notes.some((n: { title: string }) => n.title.includes('您的意见未予公开：与议题无关'))).toBe(true);
  });

  it('the proposer withdraws before acceptance; another resident cannot', async () => {
    const { version } = await topicOf(id);
    const other = await json('POST', `/api/my/deliberations/topics/${id}/withdraw`, 'r3', { version });
    expect([other.status, other.body.code]).toEqual([403, 'NOT_AUTHORISED_FOR_TOPIC_ACTION']);
    const done = ok(await json('POST', `/api/my/deliberations/topics/${id}/withdraw`, 'r2', { version })).body;
    expect(done.stateLabel).toBe('已撤回');
    const c = await json('POST', `/api/my/deliberations/topics/${id}/comments`, 'r3', { body: '再说一句' });
    expect([c.status, c.body.code]).toEqual([409, 'DELIBERATION_COMMENTS_CLOSED']);
  });

  it('staff see their villages only, towns their villages, citizens their own village', async () => {
    const b = ok(
      await json('POST', '/api/deliberations/topics', 'town2', {
        stationId: stationB,
        title: '另一街道的议题',
        proposal: '内容',
      }),
      201,
    ).body;
    // the first town and its village do not see the second town's village
    for (const who of ['town', 'village', 'grid']) {
      const r = await json('GET', `/api/deliberations/topics/${b.id}`, who);
      expect([r.status, r.body.code], who).toEqual([404, 'DELIBERATION_TOPIC_NOT_FOUND']);
      const list = ok(await json('GET', '/api/deliberations/topics?pageSize=200', who)).body.items;
      expect(
        list.some((t: { id: number }) => t.id === b.id),
        who,
      ).toBe(false);
    }
    const act2 = await json('POST', `/api/deliberations/topics/${b.id}/actions`, 'village', {
      version: 1,
      action: { type: 'accept' },
    });
    expect([act2.status, act2.body.code]).toEqual([404, 'DELIBERATION_TOPIC_NOT_FOUND']);
    const station = await json('POST', `/api/deliberations/stations/${stationB}/members`, 'village', { name: '某人' });
    expect([station.status, station.body.code]).toEqual([404, 'DELIBERATION_STATION_NOT_FOUND']);
    const create = await json('POST', '/api/deliberations/stations', 'village', {
      villageId: villageB,
      kind: 'other',
      name: '越权议事站',
      quorumPercent: 10,
      passPercent: 50,
    });
    expect([create.status, create.body.code]).toEqual([404, 'ORG_NOT_FOUND']);
    // the county sees both; the second town accepts its own village's topic
    ok(await json('GET', `/api/deliberations/topics/${b.id}`, 'county'));
    await act(b.id, { type: 'accept' }, 'town2');
    // citizens: another village's topic does not exist for them, and they may not raise one at its station
    const cross = await json('GET', `/api/my/deliberations/topics/${b.id}`, 'citizen');
    expect([cross.status, cross.body.code]).toEqual([404, 'DELIBERATION_TOPIC_NOT_FOUND']);
    const raiseThere = await json('POST', '/api/my/deliberations/topics', 'citizen', {
      stationId: stationB,
      title: '越村',
      proposal: '内容',
    });
    expect([raiseThere.status, raiseThere.body.code]).toEqual([403, 'DELIBERATION_NOT_RESIDENT']);
    const outsider = await json('GET', '/api/my/deliberations', 'outsider');
    expect([outsider.status, outsider.body.code]).toEqual([403, 'DELIBERATION_NOT_RESIDENT']);
    expect(
      ok(await json('GET', '/api/my/deliberations', 'residentB')).body.topics.map((t: { id: number }) => t.id),
    ).toEqual([b.id]);
  });

  it('the public page lists open topics, decisions and follow-up without sign-in and without personal data', async () => {
    const r = await sys.request({ method: 'GET', url: `/api/public/deliberations/villages/${org.village}` });
    expect(r.statusCode).toBe(200);
    const board = r.json();
    expect(board.stations.map((s: { name: string }) => s.name)).toEqual(['五老议事站', '说事评理站', '群众评议站']);
    expect(board.open.some((t: { title: string }) => t.title === '村口至学校路段增设路灯')).toBe(true);
    // not yet accepted, withdrawn: not public
    expect(board.open.some((t: { title: string }) => t.title === '学校门口增设减速带')).toBe(false);
    expect(board.open.some((t: { title: string }) => t.title === '垃圾清运时间')).toBe(false);
    const dance = board.decided.find((t: { title: string }) => t.title === '广场舞噪音管理公约');
    expect(dance.result).toMatchObject({ passed: true, winner: '同意' });
    expect(Object.keys(dance.result.counts)).toEqual(['同意', '反对', '弃权']); // the topic's order
    expect(dance.tasks).toHaveLength(1);
    const text = JSON.stringify(board);
    expect(text).not.toMatch(/1[3-9]\d{9}|proposer|张三|王德厚/);
    const missing = await sys.request({ method: 'GET', url: '/api/public/deliberations/villages/999999' });
    expect(missing.statusCode).toBe(404);
  });
});
