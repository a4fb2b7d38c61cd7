// Public-opinion surveys (智慧民调) through HTTP on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL
// is set): the demo rounds; a round from 草稿 through 抽样 (seeded, reproducible, shortfall reported) and 发放中 to
// 已结束; answers by link (one per person, also when two arrive at once), by SMS link and by a staff call from
// the call screen (phones masked except the held one, its reveal audited); results per town and village with
// their 95 % intervals, the xlsx export and the assessment indicator; bad input; scope between towns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../src/domain/survey/index.js';
import { rebuildAssessment } from '../src/modules/assessment/index.js';
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

const QUESTIONNAIRE = {
  intro: '测试问卷',
  script: '您好，这里是县社会治理服务中心',
  questions: [
    { key: 'safe', type: 'scale', title: '治安状况', score: true },
    { key: 'worry', type: 'single', title: '最担心', options: ['诈骗', '盗窃'] },
    { key: 'say', type: 'text', title: '建议', required: false },
  ],
};

const RESIDENTS = ['13922220001', '13922220002', '13922220003', '13922220004', '13922220005', '13922220006'];
let roundId = 0;

async function round(id = roundId, who = 'county') {
  return ok(await json('GET', `/api/surveys/rounds/${id}`, who)).body;
}

async function samples(id = roundId, who = 'county', query = '') {
  return ok(await json('GET', `/api/surveys/rounds/${id}/samples?pageSize=200${query}`, who)).body;
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  let door = 0;
  for (const phone of RESIDENTS) {
    door++;
    ok(
      await json('POST', '/api/points/households', 'admin', {
        villageId: org.village,
        doorNo: `民调路 ${door} 号`,
        headName: `民调户${door}`,
        phone,
      }),
      201,
    );
  }
  as.resident = await citizenLogin(sys, RESIDENTS[0]);
}, 180_000);
afterAll(async () => sys?.stop());

describe('the demo', () => {
  it('two finished rounds with results by town, one running round the demo citizen has pending', async () => {
    const list = ok(await json('GET', '/api/surveys/rounds', 'county')).body.items;
    expect(list.map((r: { stateLabel: string }) => r.stateLabel).sort()).toEqual(['发放中', '已结束', '已结束']);
    const closed = list.find((r: { title: string }) => r.title.includes('第三季度'));
    const results = ok(await json('GET', `/api/surveys/rounds/${closed.id}/results`, 'county')).body;
    expect(results.county.n).toBeGreaterThan(0);
    expect(results.towns.length).toBeGreaterThan(0);
    const mine = ok(await json('GET', '/api/my/surveys', await citizenLogin(sys, '13800000001'))).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ state: 'pending', stateLabel: '待答', link: expect.stringMatching(/^\/s\//) });
    const trend = ok(await json('GET', '/api/surveys/trends?kind=safety', 'county')).body.points;
    expect(trend.map((p: { title: string }) => p.title.slice(0, 9))).toEqual([
      '2026年第二季度',
      '2026年第三季度',
      '2026年第四季度',
    ]);
  });
});

describe('a round from 草稿 to 已结束', () => {
  it('refuses a bad questionnaire or quota with a Chinese message and writes nothing', async () => {
    const before = ok(await json('GET', '/api/surveys/rounds', 'county')).body.items.length;
    const bad = [
      { questionnaire: { questions: [] }, field: 'questionnaire.questions' },
      {
        questionnaire: { questions: [{ key: 'q', type: 'single', title: '单选', options: ['只有一项'] }] },
        field: 'questionnaire.questions[0].options',
      },
      { quotas: [{ level: 'village', orgId: org.town, size: 5 }], field: 'quotas[0].orgId' },
      { quotas: [{ level: 'village', orgId: org.village, size: 0 }], field: 'quotas[0].size' },
    ];
    for (const b of bad) {
      const r = await json('POST', '/api/surveys/rounds', 'county', {
        title: '坏问卷',
        kind: 'topic',
        questionnaire: b.questionnaire ?? QUESTIONNAIRE,
        quotas: b.quotas ?? [{ level: 'village', orgId: org.village, size: 5 }],
      });
      expect(r.status).toBe(400);
      expect(r.body.details.field).toBe(b.field);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(ok(await json('GET', '/api/surveys/rounds', 'county')).body.items.length).toBe(before);
  });

  it('only the county platform designs rounds; a citizen sees none of the staff API', async () => {
    const body = {
      title: '镇街自建',
      kind: 'topic',
      questionnaire: QUESTIONNAIRE,
      quotas: [{ level: 'village', orgId: org.village, size: 5 }],
    };
    expect((await json('POST', '/api/surveys/rounds', 'town', body)).status).toBe(403);
    expect((await json('GET', '/api/surveys/rounds', 'resident')).status).toBe(403);
  });

  it('草稿 → 抽样: seeded draw, reproducible, the shortfall reported; edits need the current version', async () => {
    const created = ok(
      await json('POST', '/api/surveys/rounds', 'county', {
        title: '文昌社区治安专题调查',
        kind: 'topic',
        questionnaire: QUESTIONNAIRE,
        quotas: [{ level: 'village', orgId: org.village, size: 3 }],
      }),
      201,
    ).body;
    roundId = created.id;
    expect(created).toMatchObject({ state: 'draft', stateLabel: '草稿', allowedActions: ['edit', 'draw'] });
    expect((await json('POST', `/api/surveys/rounds/${roundId}/start`, 'county', { version: 1 })).status).toBe(409);
    const drawn = ok(
      await json('POST', `/api/surveys/rounds/${roundId}/draw`, 'county', { version: 1, seed: 99 }),
    ).body;
    expect(drawn).toMatchObject({ seed: 99, sampled: 3, shortfall: 0 });
    const firstPeople = (await samples()).items.map((s: { name: string; phone: string }) => `${s.name}${s.phone}`);
    // the stale version is refused; the current one raises the quota beyond the frame
    const stale = await json('PATCH', `/api/surveys/rounds/${roundId}`, 'county', { version: 1, title: '改名' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('SURVEY_VERSION_CONFLICT');
    ok(
      await json('PATCH', `/api/surveys/rounds/${roundId}`, 'county', {
        version: 2,
        quotas: [{ level: 'village', orgId: org.village, size: 5000 }],
      }),
    );
    const all = ok(await json('POST', `/api/surveys/rounds/${roundId}/draw`, 'county', { version: 3, seed: 99 })).body;
    expect(all.quotas[0].available).toBeGreaterThanOrEqual(RESIDENTS.length);
    expect(all.quotas[0]).toMatchObject({ size: 5000, drawn: all.quotas[0].available });
    expect(all.shortfall).toBe(5000 - all.quotas[0].available);
    const detail = await round();
    expect(detail.drawOutcome[0]).toMatchObject({ shortfall: all.shortfall, orgName: expect.any(String) });
    // the same quota and seed again: the same people
    ok(
      await json('PATCH', `/api/surveys/rounds/${roundId}`, 'county', {
        version: 4,
        quotas: [{ level: 'village', orgId: org.village, size: 3 }],
      }),
    );
    ok(await json('POST', `/api/surveys/rounds/${roundId}/draw`, 'county', { version: 5, seed: 99 }));
    expect((await samples()).items.map((s: { name: string; phone: string }) => `${s.name}${s.phone}`)).toEqual(
      firstPeople,
    );
    // everyone of the frame for the rest of the test
    ok(
      await json('PATCH', `/api/surveys/rounds/${roundId}`, 'county', {
        version: 6,
        quotas: [{ level: 'village', orgId: org.village, size: 5000 }],
      }),
    );
    ok(await json('POST', `/api/surveys/rounds/${roundId}/draw`, 'county', { version: 7, seed: 1 }));
    const people = (await samples()).items;
    expect(people.every((s: { phone: string }) => s.phone.includes('****'))).toBe(true);
    // a link answers nothing before distribution
    const early = await json('POST', `/api/public/surveys${people[0].link.slice(2)}`, null, {
      answers: { safe: 5, worry: '诈骗' },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('SURVEY_NOT_OPEN');
  });

  it('抽样 → 发放中: the questionnaire is frozen; the resident finds the survey under 我的', async () => {
    const started = ok(await json('POST', `/api/surveys/rounds/${roundId}/start`, 'county', { version: 8 })).body;
    expect(started).toMatchObject({ state: 'distributing', stateLabel: '发放中', allowedActions: ['close'] });
    const edit = await json('PATCH', `/api/surveys/rounds/${roundId}`, 'county', { version: 9, title: '改名' });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toContain('发放中');
    const mine = ok(await json('GET', '/api/my/surveys', 'resident')).body.items;
    expect(mine.map((m: { roundId: number }) => m.roundId)).toContain(roundId);
  });
});

describe('answers by link', () => {
  let token = '';
  it('the public page shows the questionnaire without personal data or the call script', async () => {
    const mine = ok(await json('GET', '/api/my/surveys', 'resident')).body.items;
    token = mine.find((m: { roundId: number }) => m.roundId === roundId).link.slice(3);
    const page = ok(await json('GET', `/api/public/surveys/${token}`, null)).body;
    expect(page).toMatchObject({ title: '文昌社区治安专题调查', open: true, answered: false });
    expect(JSON.stringify(page)).not.toContain(RESIDENTS[0]);
    expect(JSON.stringify(page)).not.toContain('这里是县社会治理服务中心');
    expect((await json('GET', '/api/public/surveys/not-a-real-token-123', null)).status).toBe(404);
  });

  it('invalid answers are refused naming the question, and nothing is written', async () => {
    for (const [answers, field] of [
      [{ worry: '诈骗' }, 'answers.safe'],
      [{ safe: 9, worry: '诈骗' }, 'answers.safe'],
      [{ safe: 4, worry: '抢劫' }, 'answers.worry'],
      [{ safe: 4, worry: '诈骗', extra: '多余' }, 'answers.extra'],
      ['全部满意', 'answers'],
    ] as const) {
      const r = await json('POST', `/api/public/surveys/${token}`, null, { answers });
      expect(r.status).toBe(400);
      expect(r.body.details.field).toBe(field);
    }
    expect(ok(await json('GET', `/api/public/surveys/${token}`, null)).body.answered).toBe(false);
  });

  it('two submissions at once: one wins, the other a clear 409; one answer is kept', async () => {
    const [a, b] = await Promise.all([
      json('POST', `/api/public/surveys/${token}`, null, { answers: { safe: 5, worry: '诈骗' } }),
      json('POST', `/api/public/surveys/${token}`, null, { answers: { safe: 1, worry: '盗窃' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect(loser.body.message).toContain('每人只能答一次');
    const kept = await sys.services.db
      .selectFrom('survey_answers as a')
      .innerJoin('survey_samples as s', 's.id', 'a.sample_id')
      .select(['a.channel', 's.state'])
      .where('s.token', '=', token)
      .execute();
    expect(kept).toEqual([{ channel: 'link', state: 'answered' }]);
    const page = ok(await json('GET', `/api/public/surveys/${token}`, null)).body;
    expect(page).toMatchObject({ open: false, answered: true });
  });

  it('the SMS link: sent once per person through the gateway; an answer through it counts as SMS', async () => {
    const sent = ok(await json('POST', `/api/surveys/rounds/${roundId}/sms`, 'county')).body;
    const pending = (await samples(roundId, 'county', '&state=pending')).total;
    expect(sent.sent).toBeGreaterThan(0);
    expect(sent.sent + sent.failed).toBe(pending);
    const again = ok(await json('POST', `/api/surveys/rounds/${roundId}/sms`, 'county')).body;
    expect(again.sent).toBe(0);
    const texted = (await samples(roundId, 'county', '&state=pending')).items.find(
      (s: { smsSentAt: string | null }) => s.smsSentAt,
    );
    ok(
      await json('POST', `/api/public/surveys${texted.link.slice(2)}`, null, {
        answers: { safe: 4, worry: '盗窃' },
        via: 'sms',
      }),
      201,
    );
    expect((await round()).counts.byChannel).toMatchObject({ link: 1, sms: 1 });
  });
});

describe('the call screen', () => {
  let held: { id: number; version: number; phone: string; name: string } = { id: 0, version: 0, phone: '', name: '' };

  it('the next person is held for the caller, the phone masked; another town has nobody to call here', async () => {
    const screen = ok(await json('POST', `/api/surveys/rounds/${roundId}/calls/next`, 'town')).body;
    expect(screen.round.script).toContain('县社会治理服务中心');
    expect(screen.person.phone).toMatch(/\*{4}/);
    held = screen.person;
    // the same caller asking again gets the same person; another caller in scope does not
    const again = ok(await json('POST', `/api/surveys/rounds/${roundId}/calls/next`, 'town')).body;
    expect(again.person.id).toBe(held.id);
    const village = ok(await json('POST', `/api/surveys/rounds/${roundId}/calls/next`, 'village')).body;
    expect(village.person?.id).not.toBe(held.id);
    const other = ok(await json('POST', `/api/surveys/rounds/${roundId}/calls/next`, 'town2')).body;
    expect(other).toMatchObject({ person: null, remaining: 0 });
    expect((await json('POST', `/api/surveys/samples/${held.id}/reveal`, 'town2')).status).toBe(404);
    expect((await samples(roundId, 'town2')).total).toBe(0);
  });

  it('only the held person’s phone is shown, on demand, with an audit entry', async () => {
    const list = (await samples(roundId, 'town', '&state=pending')).items;
    const notHeld = list.find((s: { id: number }) => s.id !== held.id);
    const refused = await json('POST', `/api/surveys/samples/${notHeld.id}/reveal`, 'town');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('下一位');
    const shown = ok(await json('POST', `/api/surveys/samples/${held.id}/reveal`, 'town')).body;
    expect(shown.phone).toMatch(/^1\d{10}$/);
    expect(shown.phone.slice(-4)).toBe(held.phone.slice(-4));
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'actor_user_id'])
      .where('target_type', '=', 'survey_sample')
      .where('target_id', '=', String(held.id))
      .where('action', '=', 'pii.view')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('未接 keeps the person for a retry; 接通 records the answers; a stale version or a held person is refused', async () => {
    const noAnswer = ok(
      await json('POST', `/api/surveys/samples/${held.id}/calls`, 'town', {
        version: held.version,
        outcome: 'no_answer',
      }),
      201,
    ).body;
    expect(noAnswer).toEqual({ state: 'pending', attempts: 1 });
    const stale = await json('POST', `/api/surveys/samples/${held.id}/calls`, 'town', {
      version: held.version,
      outcome: 'refused',
    });
    expect(stale.status).toBe(409);
    const next = ok(await json('POST', `/api/surveys/rounds/${roundId}/calls/next`, 'town')).body.person;
    const badAnswers = await json('POST', `/api/surveys/samples/${next.id}/calls`, 'town', {
      version: next.version,
      outcome: 'answered',
      answers: { safe: 4 },
    });
    expect(badAnswers.status).toBe(400);
    expect(badAnswers.body.details.field).toBe('answers.worry');
    const taken = await json('POST', `/api/surveys/samples/${next.id}/calls`, 'village', {
      version: next.version,
      outcome: 'refused',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('SURVEY_SAMPLE_CLAIMED');
    ok(
      await json('POST', `/api/surveys/samples/${next.id}/calls`, 'town', {
        version: next.version,
        outcome: 'answered',
        answers: { safe: 3, worry: '诈骗', say: '路灯太暗' },
      }),
      201,
    );
    expect((await round()).counts.byChannel).toMatchObject({ link: 1, sms: 1, call: 1 });
  });

  it('three unanswered calls: 多次未接, off the call screen, but their link still answers', async () => {
    for (let attempt = 2; attempt <= 3; attempt++) {
      const person = (await samples(roundId, 'town', '&state=pending')).items.find(
        (s: { id: number }) => s.id === held.id,
      );
      ok(
        await json('POST', `/api/surveys/samples/${held.id}/calls`, 'town', {
          version: person.version,
          outcome: 'no_answer',
        }),
        201,
      );
    }
    const gone = (await samples(roundId, 'town', '&state=unreachable')).items;
    expect(gone.map((s: { id: number; callAttempts: number }) => [s.id, s.callAttempts])).toEqual([[held.id, 3]]);
    const more = await json('POST', `/api/surveys/samples/${held.id}/calls`, 'town', {
      version: gone[0].version,
      outcome: 'refused',
    });
    expect(more.status).toBe(409);
    expect((await json('GET', `/api/public/surveys${gone[0].link.slice(2)}`, null)).body).toMatchObject({ open: true });
  });
});

describe('results', () => {
  it('per town and village: n, shares and means with their 95 % intervals; the export; the indicator after closing', async () => {
    const r = ok(await json('GET', `/api/surveys/rounds/${roundId}/results`, 'county')).body;
    expect(r.county.n).toBe(3);
    expect(r.method).toContain('Wilson');
    const village = r.villages.find((v: { orgId: number }) => v.orgId === org.village);
    expect(village.n).toBe(3);
    const safe = village.questions.find((q: { key: string }) => q.key === 'safe');
    // answers 5, 4, 3 (the first of the two simultaneous ones won: 5 or 1)
    const winner = safe.distribution[0] === 1 ? 1 : 5;
    expect(safe.mean).toBeCloseTo((winner + 4 + 3) / 3, 6);
    const satisfied = winner === 5 ? 2 : 1;
    const expected = wilsonInterval(satisfied, 3);
    expect(village.score.count).toBe(satisfied);
    expect(village.score.ci.low).toBeCloseTo(expected?.low ?? -1, 9);
    expect(village.score.ci.high).toBeCloseTo(expected?.high ?? -1, 9);
    expect(village.responseRate).toBeCloseTo(3 / village.sampled, 9);
    expect(r.towns.map((t: { orgId: number }) => t.orgId)).toEqual([org.town]);
    const xlsx = await sys.request({
      method: 'GET',
      url: `/api/surveys/rounds/${roundId}/results?format=xlsx`,
      headers: as.county,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await json('GET', `/api/surveys/rounds/${roundId}/indicator`, 'county')).status).toBe(409);
    // another town's staff see no figures of this town
    const town2 = ok(await json('GET', `/api/surveys/rounds/${roundId}/results`, 'town2')).body;
    expect(town2.county.n).toBe(0);
    expect(town2.towns).toEqual([]);
  });

  it('已结束: links stop answering; the indicator gives each town’s score in the assessment’s shape', async () => {
    const { version } = await round();
    const closed = ok(await json('POST', `/api/surveys/rounds/${roundId}/close`, 'county', { version })).body;
    expect(closed).toMatchObject({ state: 'closed', stateLabel: '已结束', allowedActions: [] });
    expect(closed.history.map((h: { label: string }) => h.label)).toEqual(
      expect.arrayContaining(['新建民调', '抽取样本', '开始发放', '发送短信链接', '结束调查']),
    );
    const pending = (await samples(roundId, 'county', '&state=pending')).items[0];
    const late = await json('POST', `/api/public/surveys${pending.link.slice(2)}`, null, {
      answers: { safe: 5, worry: '诈骗' },
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SURVEY_NOT_OPEN');
    const indicator = ok(await json('GET', `/api/surveys/rounds/${roundId}/indicator`, 'county')).body;
    expect(indicator.indicator).toMatchObject({ key: 'surveySatisfaction', kind: 'rate', higherIsBetter: true });
    expect(indicator.period).toMatch(/^\d{4}-\d{2}$/);
    expect(indicator.units).toEqual([
      expect.objectContaining({ orgId: org.town, n: 3, value: expect.any(Number), ci: expect.any(Object) }),
    ]);
    // …and the assessment counts it: the town's 群众满意度（民调） facts of the closing month, recounted alike by a rebuild
    const facts = async () =>
      sys.services.db
        .selectFrom('assessment_facts')
        .select(['survey_answered', 'survey_satisfied'])
        .where('unit_id', '=', org.town as number)
        .where('month', '=', indicator.period)
        .executeTakeFirstOrThrow();
    const written = await facts();
    const unit = indicator.units[0] as { value: number };
    expect(written.survey_answered).toBeGreaterThanOrEqual(3);
    expect(written.survey_satisfied / written.survey_answered).toBeCloseTo(unit.value, 6);
    await rebuildAssessment(sys.services.db);
    expect(await facts()).toEqual(written);
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'survey.changed')
      .execute();
    expect(outbox.some((o) => (o.payload as { roundId: number; type: string }).roundId === roundId)).toBe(true);
  });
});
