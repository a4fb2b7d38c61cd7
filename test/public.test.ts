// The public showcase (媒) through HTTP on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// a typical case picked from a closed case gets a de-identified proposal; the publishing review (draft →
// submitted → approved / returned → published → withdrawn; the author cannot approve their own; only approved can
// be published; an edit after approval goes back to review; two reviewers at once: one wins); scope between
// towns; news posts with a cover; the county's figures from the rollups; EVERY /api/public response scanned for
// phone numbers, 18-digit ID numbers and the names of the seeded people; the rate limit (429 in Chinese); cache
// headers (Cache-Control, ETag, 304).

import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReporterField } from '../src/modules/cases/index.js';
import { catchUpRollups } from '../src/modules/dashboards/rollups.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};

const json = (method: string, url: string, who: string | Headers, payload?: unknown) =>
  sys.json(method, url, typeof who === 'string' ? (as[who] as Headers) : who, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

/** A public request without sign-in, from its own client address (the rate limit counts per address). */
const anon = (url: string, ip = '198.51.100.1', headers: Headers = {}) =>
  sys.request({ method: 'GET', url, headers: { 'x-forwarded-for': ip, ...headers } });

const REPORTER = '欧阳明远';
const PHONE = '13912345678';
const ID_NUMBER = '330788199001011234';

/** A case registered in the village's first grid and closed on the spot (即时办结). */
async function closedCase(who: string, gridId: number, body: string, reporter = REPORTER) {
  const created = ok(
    await json('POST', '/api/cases', who, {
      channel: 'walk_in',
      title: `${reporter}反映楼道堆物`,
      body,
      gridId,
      address: '文昌社区学府路18号3单元402室',
      reporter: { name: reporter, phone: PHONE },
    }),
    201,
  ).body;
  ok(
    await json('POST', `/api/cases/${created.id}/actions`, who, {
      version: created.version,
      action: { type: 'closeOnTheSpot', answer: `已联系${reporter}（${PHONE}），当日清理完毕。` },
    }),
  );
  return created.id as number;
}

async function typical(id: number, who = 'county') {
  return ok(await json('GET', `/api/showcase/cases/${id}`, who)).body;
}

async function act(id: number, action: string, who: string, note?: string, status = 200) {
  const { version } = await typical(id, who === 'leader' || who === 'county2' ? who : 'county');
  return ok(await json('POST', `/api/showcase/cases/${id}/${action}`, who, { version, note }), status);
}

let caseA = 0; // a case of the first street (town A)
let caseB = 0; // a case of the second street (town B)
let published = 0;
let newsId = 0;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'leader', 'county', 'county2', 'town', 'town2', 'village', 'grid']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  const grids = await sys.services.db
    .selectFrom('orgs')
    .select(['id', 'parent_id'])
    .where('kind', '=', 'grid')
    .where('parent_id', 'in', [org.village as number])
    .orderBy('id')
    .execute();
  const gridA = grids[0]?.id as number;
  caseA = await closedCase(
    'village',
    gridA,
    `${REPORTER}（身份证${ID_NUMBER}，电话${PHONE}）反映文昌社区学府路18号3单元402室门口楼道长期堆放杂物，存在消防隐患。`,
  );
  // a case of the second street, registered by the county platform
  const gridB = await sys.services.db
    .selectFrom('orgs as g')
    .innerJoin('orgs as v', 'v.id', 'g.parent_id')
    .select('g.id')
    .where('g.kind', '=', 'grid')
    .where('v.parent_id', '=', org.town2 as number)
    .orderBy('g.id')
    .executeTakeFirstOrThrow();
  caseB = await closedCase('county', gridB.id, '居民反映小区路灯不亮，夜间出行不便。', '司马青云');
}, 120_000);

afterAll(async () => {
  await sys?.stop();
});

describe('a typical case from a closed case', () => {
  it('lists closed cases of the area as candidates and proposes a de-identified text', async () => {
    const candidates = ok(await json('GET', '/api/showcase/candidates', 'town')).body.items;
    expect(candidates.map((c: { id: number }) => c.id)).toContain(caseA);
    expect(candidates.map((c: { id: number }) => c.id)).not.toContain(caseB); // another town's
    const created = ok(await json('POST', '/api/showcase/cases', 'county', { caseId: caseA }), 201).body;
    published = created.id;
    expect(created.state).toBe('draft');
    expect(created.title).toBe('欧某反映楼道堆物');
    const text = `${created.title}\n${created.body}`;
    for (const secret of [REPORTER, PHONE, ID_NUMBER, '学府路18号', '402室', '文昌社区'])
      expect(text).not.toContain(secret);
    expect(created.body).toContain('欧某');
    expect(created.body).toContain('XX社区');
    expect(created.findings).toEqual([]);
    expect(created.history.map((h: { type: string }) => h.type)).toEqual(['create']);
    // picked once only; an open case cannot be picked
    expect(ok(await json('POST', '/api/showcase/cases', 'county', { caseId: caseA }), 409).body.code).toBe(
      'SHOWCASE_CASE_EXISTS',
    );
    const open = ok(
      await json('POST', '/api/cases', 'village', {
        channel: 'walk_in',
        body: '尚未办结的诉求',
        gridId: await gridOfVillage(),
      }),
      201,
    ).body;
    expect(ok(await json('POST', '/api/showcase/cases', 'county', { caseId: open.id }), 409).body.code).toBe(
      'SHOWCASE_CASE_NOT_CLOSED',
    );
  });

  it('another town’s case and typical case do not exist for a town', async () => {
    expect(ok(await json('POST', '/api/showcase/cases', 'town', { caseId: caseB }), 404).body.code).toBe(
      'CASE_NOT_FOUND',
    );
    const b = ok(await json('POST', '/api/showcase/cases', 'county', { caseId: caseB }), 201).body;
    expect(ok(await json('GET', `/api/showcase/cases/${b.id}`, 'town'), 404).body.code).toBe('SHOWCASE_CASE_NOT_FOUND');
    ok(await json('PATCH', `/api/showcase/cases/${b.id}`, 'town', { version: b.version, title: 'x' }), 404);
    const townList = ok(await json('GET', '/api/showcase/cases', 'town')).body.items;
    expect(townList.map((c: { id: number }) => c.id)).toEqual([published]);
    expect(ok(await json('GET', `/api/showcase/cases/${b.id}`, 'town2')).body.id).toBe(b.id);
    // roles without either permission
    for (const who of ['village', 'grid']) {
      expect((await json('GET', '/api/showcase/cases', who)).status, who).toBe(403);
      expect((await json('POST', '/api/showcase/cases', who, { caseId: caseA })).status, who).toBe(403);
      expect((await json('GET', '/api/showcase/news', who)).status, who).toBe(403);
    }
  });
});

describe('the publishing review', () => {
  it('refuses to submit a text that still names someone, with the kinds found, and writes nothing', async () => {
    const before = await typical(published);
    ok(
      await json('PATCH', `/api/showcase/cases/${published}`, 'county', {
        version: before.version,
        body: `${before.body}\n回访电话 ${PHONE}，${REPORTER}表示满意。`,
      }),
    );
    const edited = await typical(published);
    expect(edited.findings.map((f: { kind: string }) => f.kind)).toEqual(['phone', 'name']);
    const refused = ok(
      await json('POST', `/api/showcase/cases/${published}/submit`, 'county', { version: edited.version }),
      422,
    ).body;
    expect(refused.code).toBe('SHOWCASE_PERSONAL_DATA');
    expect(refused.message).toBe('文中仍含有个人信息（电话号码、姓名），请删除或改写后再提交');
    const after = await typical(published);
    expect(after.state).toBe('draft');
    expect(after.version).toBe(edited.version);
    ok(
      await json('PATCH', `/api/showcase/cases/${published}`, 'county', { version: after.version, body: before.body }),
    );
  });

  it('draft → submitted → returned → submitted → approved → published → withdrawn → … → published', async () => {
    // only approved can be published
    expect((await act(published, 'publish', 'county', undefined, 409)).body.code).toBe('SHOWCASE_NOT_ALLOWED_IN_STATE');
    expect((await act(published, 'submit', 'county')).body.state).toBe('submitted');
    // the author cannot approve their own (the county operator also holds the review permission)
    const own = await act(published, 'approve', 'county', undefined, 403);
    expect(own.body.code).toBe('SHOWCASE_OWN_REVIEW');
    expect(own.body.message).toContain('不能审核自己');
    // no edit under review; a town writer cannot review at all
    const underReview = await typical(published);
    expect(
      ok(
        await json('PATCH', `/api/showcase/cases/${published}`, 'county', { version: underReview.version, title: 'x' }),
        409,
      ).body.code,
    ).toBe('SHOWCASE_NOT_ALLOWED_IN_STATE');
    expect(
      (await json('POST', `/api/showcase/cases/${published}/approve`, 'town', { version: underReview.version })).status,
    ).toBe(403);
    // returning needs a note
    expect((await act(published, 'return', 'leader', '  ', 400)).body.code).toBe('SHOWCASE_NOTE_REQUIRED');
    const returned = (await act(published, 'return', 'leader', '请补充办理部门')).body;
    expect(returned.state).toBe('returned');
    expect(returned.reviewNote).toBe('请补充办理部门');
    expect((await act(published, 'publish', 'county', undefined, 409)).body.code).toBe('SHOWCASE_NOT_ALLOWED_IN_STATE');
    ok(
      await json('PATCH', `/api/showcase/cases/${published}`, 'county', {
        version: returned.version,
        title: '楼道堆物消防隐患当日清理',
      }),
    );
    await act(published, 'submit', 'county');
    // a reviewer who did not write it approves; the leader is one
    const approved = (await act(published, 'approve', 'leader', '同意发布')).body;
    expect(approved.state).toBe('approved');
    expect(approved.approvedTitle).toBe('楼道堆物消防隐患当日清理');
    expect(approved.allowedActions).toEqual([]); // the leader reviews, does not publish
    // an edit after approval sends the text back to review
    ok(
      await json('PATCH', `/api/showcase/cases/${published}`, 'county', {
        version: approved.version,
        title: '楼道堆物当日清理',
      }),
    );
    expect((await typical(published)).state).toBe('submitted');
    // the reviewer cannot approve their own edit either: county2 edits nothing here and approves
    expect((await act(published, 'approve', 'county2')).body.approvedTitle).toBe('楼道堆物当日清理');
    const pub = (await act(published, 'publish', 'county')).body;
    expect(pub.state).toBe('published');
    expect(pub.publishedAt).toBeTruthy();
    // withdrawing needs a reason; a withdrawn case goes through review again
    expect((await act(published, 'withdraw', 'county', undefined, 400)).body.code).toBe('SHOWCASE_NOTE_REQUIRED');
    expect((await act(published, 'withdraw', 'county', '需更新数据')).body.state).toBe('withdrawn');
    expect((await act(published, 'publish', 'county', undefined, 409)).body.code).toBe('SHOWCASE_NOT_ALLOWED_IN_STATE');
    const gone = await anon(`/api/public/cases/${published}`, '198.51.100.9');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('SHOWCASE_CASE_NOT_FOUND');
    await act(published, 'submit', 'county');
    await act(published, 'approve', 'leader');
    await act(published, 'publish', 'county');
    const history = (await typical(published)).history.map((h: { type: string }) => h.type);
    expect(history).toEqual([
      'create',
      'edit',
      'edit',
      'submit',
      'return',
      'edit',
      'submit',
      'approve',
      'edit',
      'approve',
      'publish',
      'withdraw',
      'submit',
      'approve',
      'publish',
    ]);
    // audit and outbox carry every change
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .where('target_type', '=', 'showcase_case')
      .where('target_id', '=', String(published))
      .executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBe(history.length);
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'showcase.changed')
      .execute();
    expect(outbox.length).toBeGreaterThanOrEqual(history.length);
    expect(JSON.stringify(outbox)).not.toContain('欧某');
  });

  it('the public sees exactly the approved text', async () => {
    const page = await anon(`/api/public/cases/${published}`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.title).toBe('楼道堆物当日清理');
    expect(body.townName).toBeTruthy();
    expect(body).not.toHaveProperty('villageName');
    const list = (await anon('/api/public/cases')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([published]);
  });

  it('two reviewers at once: one approves, the other hears of the conflict', async () => {
    const other = await closedCase('village', await gridOfVillage(), '居民反映垃圾清运不及时。', '上官云');
    const t = ok(await json('POST', '/api/showcase/cases', 'county', { caseId: other }), 201).body;
    await act(t.id, 'submit', 'county');
    const { version } = await typical(t.id);
    const results = await Promise.all(
      ['leader', 'county2'].map((who) => json('POST', `/api/showcase/cases/${t.id}/approve`, who, { version })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('SHOWCASE_VERSION_CONFLICT');
    const after = await typical(t.id);
    expect(after.history.filter((h: { type: string }) => h.type === 'approve')).toHaveLength(1);
    expect(after.version).toBe(version + 1);
  });

  it('bad input is a 4xx in Chinese, never a 500', async () => {
    const { version } = await typical(published);
    for (const [method, url, body] of [
      ['POST', '/api/showcase/cases', { caseId: 'x' }],
      ['POST', '/api/showcase/cases', {}],
      ['POST', '/api/showcase/cases', { caseId: 99_999_999 }],
      ['PATCH', `/api/showcase/cases/${published}`, { version, title: '' }],
      ['PATCH', `/api/showcase/cases/${published}`, { version: 999, title: '新标题' }],
      ['POST', `/api/showcase/cases/${published}/approve`, {}],
      ['POST', '/api/showcase/news', { title: '标题' }],
      ['POST', '/api/showcase/news', { title: '标题', body: '正文', coverAttachmentId: 'not-an-id' }],
    ] as [string, string, unknown][]) {
      const r = await json(method, url, 'county', body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await typical(published)).version).toBe(version);
  });
});

/** A token of a sampled person of the surveys, or one that does not exist (the 404 is scanned too). */
async function surveyToken(): Promise<string> {
  try {
    const row = await sql<{ token: string }>`SELECT token FROM survey_samples ORDER BY id LIMIT 1`.execute(
      sys.services.db,
    );
    return row.rows[0]?.token ?? 'no-such-token-000';
  } catch {
    return 'no-such-token-000';
  }
}

/** An item of the convenience services' public list (any id when there is none: its 404 is scanned too). */
async function firstServiceItem(): Promise<number> {
  const list = (await anon('/api/service-items/public/items', '198.51.100.4')).json();
  return list.items?.[0]?.id ?? 1;
}

async function gridOfVillage(): Promise<number> {
  const g = await sys.services.db
    .selectFrom('orgs')
    .select('id')
    .where('kind', '=', 'grid')
    .where('parent_id', '=', org.village as number)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return g.id;
}

describe('news posts', () => {
  it('writes a draft with a cover, publishes and withdraws it; the public sees only published posts and the clean cover', async () => {
    const png = await sharp({ create: { width: 64, height: 40, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const boundary = '----gzshowcase';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cover.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await sys.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...(as.county as Headers), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(upload.statusCode, upload.body).toBeLessThan(300);
    const uploaded = upload.json();
    const cover = (Array.isArray(uploaded) ? uploaded[0] : (uploaded.items?.[0] ?? uploaded)).id as string;
    // someone else's upload is not a cover
    expect(
      ok(
        await json('POST', '/api/showcase/news', 'county2', { title: '标题', body: '正文', coverAttachmentId: cover }),
        400,
      ).body.message,
    ).toBe('封面图片须由您本人上传');
    const draft = ok(
      await json('POST', '/api/showcase/news', 'county', {
        title: '网格员入户走访',
        body: '正文第一段。\n\n第二段。',
        coverAttachmentId: cover,
      }),
      201,
    ).body;
    newsId = draft.id;
    expect(draft.state).toBe('draft');
    expect((await anon(`/api/public/news/${newsId}`)).statusCode).toBe(404);
    expect((await anon(`/api/public/news/${newsId}/cover`)).statusCode).toBe(404);
    const pub = ok(
      await json('POST', `/api/showcase/news/${newsId}/publish`, 'county', { version: draft.version }),
    ).body;
    expect(pub.state).toBe('published');
    expect(
      ok(await json('POST', `/api/showcase/news/${newsId}/publish`, 'county', { version: pub.version }), 409).body.code,
    ).toBe('SHOWCASE_NOT_ALLOWED_IN_STATE');
    const item = (await anon(`/api/public/news/${newsId}`)).json();
    expect(item).toMatchObject({ title: '网格员入户走访', coverUrl: `/api/public/news/${newsId}/cover` });
    const image = await anon(`/api/public/news/${newsId}/cover`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const thumb = await anon(`/api/public/news/${newsId}/cover?variant=thumbnail`);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    // the county's other operator corrects it, withdraws it; a conflict on a stale version
    const fixed = ok(
      await json('PATCH', `/api/showcase/news/${newsId}`, 'county2', {
        version: pub.version,
        title: '网格员入户走访纪实',
      }),
    ).body;
    expect(
      ok(await json('PATCH', `/api/showcase/news/${newsId}`, 'county', { version: pub.version, title: 'x' }), 409).body
        .code,
    ).toBe('SHOWCASE_VERSION_CONFLICT');
    const withdrawn = ok(
      await json('POST', `/api/showcase/news/${newsId}/withdraw`, 'county', { version: fixed.version }),
    ).body;
    expect(withdrawn.history.map((h: { type: string }) => h.type)).toEqual(['create', 'publish', 'edit', 'withdraw']);
    expect((await anon(`/api/public/news/${newsId}`)).statusCode).toBe(404);
    ok(await json('POST', `/api/showcase/news/${newsId}/publish`, 'county', { version: withdrawn.version }));
    // the demo's two posts and this one
    expect((await anon('/api/public/news')).json().items.map((n: { title: string }) => n.title)).toContain(
      '网格员入户走访纪实',
    );
  });
});

describe('the county’s figures', () => {
  it('counts from the rollups by month and town, cached with Cache-Control and an ETag (304 when unchanged)', async () => {
    await catchUpRollups(sys.services.db);
    const r = await anon('/api/public/statistics', '198.51.100.2');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=600');
    const etag = r.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const stats = r.json();
    expect(stats.county.name).toBe('青溪县');
    expect(stats.byMonth).toHaveLength(12);
    const month = stats.byMonth[11];
    expect(month.received).toBeGreaterThanOrEqual(4);
    expect(month.closed).toBeGreaterThanOrEqual(3);
    expect(stats.totals.received).toBe(stats.byMonth.reduce((s: number, m: { received: number }) => s + m.received, 0));
    const townA = stats.byTown.find((t: { townId: number }) => t.townId === org.town);
    const townB = stats.byTown.find((t: { townId: number }) => t.townId === org.town2);
    expect(townA.received).toBeGreaterThanOrEqual(3);
    expect(townB.received).toBe(1);
    expect(townB.closed).toBe(1);
    const again = await anon('/api/public/statistics', '198.51.100.2', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // computed once per county and day: a new case does not change today's answer
    await closedCase('village', await gridOfVillage(), '又一件诉求。', '东方晓');
    await catchUpRollups(sys.services.db);
    expect((await anon('/api/public/statistics', '198.51.100.2')).headers.etag).toBe(etag);
    // lists carry cache headers too
    for (const url of ['/api/public/cases', '/api/public/news', '/api/public/villages', '/api/public/counties']) {
      const res = await anon(url, '198.51.100.2');
      expect(res.headers['cache-control'], url).toMatch(/^public, max-age=\d+$/);
      expect(res.headers.etag, url).toBeTruthy();
    }
  });
});

describe('nothing personal leaves through /api/public', () => {
  it('scans every public response for phone numbers, ID numbers and the names of the seeded people', async () => {
    const db = sys.services.db;
    const village = org.village as number;
    const firstNews = (await anon('/api/public/news')).json().items[0].id;
    const period = new Date().toISOString().slice(0, 4);
    // every public route, filled in; a new public route fails this list until it is scanned
    const urls: Record<string, string[]> = {
      'GET /api/public/counties': ['/api/public/counties'],
      'GET /api/public/statistics': ['/api/public/statistics'],
      'GET /api/public/cases': ['/api/public/cases', '/api/public/cases?limit=50'],
      'GET /api/public/cases/:id': [`/api/public/cases/${published}`],
      'GET /api/public/news': ['/api/public/news'],
      'GET /api/public/news/:id': [`/api/public/news/${firstNews}`, `/api/public/news/${newsId}`],
      'GET /api/public/news/:id/cover': [],
      'GET /api/public/villages': ['/api/public/villages'],
      'GET /api/public/points/villages/:id/board': [
        `/api/public/points/villages/${village}/board?period=${period}`,
        `/api/public/points/villages/${village}/board?period=${period}-${new Date().toISOString().slice(5, 7)}`,
      ],
      'GET /api/public/deliberations/villages/:id': [`/api/public/deliberations/villages/${village}`],
      'GET /api/public/powers/villages/:id': [`/api/public/powers/villages/${village}`],
      // the surveys' link (智慧民调): a sampled person's token, when the seed sampled anyone
      'GET /api/public/surveys/:token': [`/api/public/surveys/${await surveyToken()}`],
      'POST /api/public/surveys/:token': [],
      // the public boards that live outside /api/public
      'GET /api/party/ratings/public/compounds': ['/api/party/ratings/public/compounds'],
      'GET /api/party/ratings/public/enforcement': ['/api/party/ratings/public/enforcement'],
      'GET /api/service-items/public/items': ['/api/service-items/public/items'],
      'GET /api/service-items/public/items/:id': [`/api/service-items/public/items/${await firstServiceItem()}`],
      'GET /api/party/grids/:gridId/card': [`/api/party/grids/${await gridOfVillage()}/card`],
      'GET /api/citizen/grids/:id': [`/api/citizen/grids/${await gridOfVillage()}`],
      // the base map's configuration (issue 20): no tiles are configured in the tests, so no tile is fetched
      'GET /api/basemap': ['/api/basemap'],
      'GET /api/basemap/tiles/:z/:x/:y': [],
    };
    // 网格亮责 shows the grid's worker and party secretary by name on purpose (their public duty card): scanned for
    // phones and ID numbers, not for names
    const NAMES_SHOWN_ON_PURPOSE = new Set(['GET /api/party/grids/:gridId/card']);
    const NOT_BOARDS = ['/api/auth/', '/api/clock'];
    const publicRoutes = sys.app.apiRoutes
      .filter((r) => r.url.startsWith('/api/public') || (r.public && !NOT_BOARDS.some((p) => r.url.startsWith(p))))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual(Object.keys(urls).sort());
    for (const r of sys.app.apiRoutes.filter((x) => x.url.startsWith('/api/public'))) expect(r.public).toBe(true);

    // the people the seed and this test wrote: accounts, households, dispute parties, reporters
    const personal = (n: string | null) => (n ?? '').trim().split(/\s+/).pop() ?? '';
    const names = new Set<string>([REPORTER, '司马青云', '上官云', '东方晓']);
    for (const u of await db.selectFrom('users').select('display_name').execute()) names.add(personal(u.display_name));
    for (const h of await db.selectFrom('points_households').select('head_name').execute())
      names.add(personal(h.head_name));
    for (const c of await db.selectFrom('cases').select('reporter_name').execute())
      names.add(personal(openReporterField(sys.services.fieldCrypto, c.reporter_name))); // stored encrypted
    const parties = await sql<{
      name: string | null;
    }>`SELECT p->>'name' AS name FROM disputes, jsonb_array_elements(parties) p`.execute(db);
    for (const p of parties.rows) names.add(personal(p.name));
    for (const generic of ['系统管理员']) names.delete(generic);
    const people = [...names].filter((n) => n.length >= 2);
    expect(people.length).toBeGreaterThan(50);

    const PHONE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
    const ID_RE = /(?<!\d)\d{17}[\dXx](?!\d)/;
    let scanned = 0;
    for (const [route, list] of Object.entries(urls)) {
      for (const url of list) {
        const res = await anon(url, '198.51.100.3');
        expect(res.statusCode, `${route} ${url}`).toBeLessThan(500);
        const text = res.body;
        expect(text, url).not.toMatch(PHONE_RE);
        expect(text, url).not.toMatch(ID_RE);
        const leaked = NAMES_SHOWN_ON_PURPOSE.has(route) ? [] : people.filter((n) => text.includes(n));
        expect(leaked, url).toEqual([]);
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThanOrEqual(12);
  });
});

describe('rate limiting', () => {
  it('answers 429 with a Chinese message past the limit, per client address', async () => {
    const ip = '203.0.113.77';
    let first429: Awaited<ReturnType<typeof anon>> | null = null;
    let allowed = 0;
    for (let i = 0; i < 400 && !first429; i++) {
      const r = await anon('/api/public/counties', ip);
      if (r.statusCode === 429) first429 = r;
      else allowed++;
    }
    expect(first429).not.toBeNull();
    expect(allowed).toBe(300);
    const body = first429?.json();
    expect(body.code).toBe('PUBLIC_RATE_LIMITED');
    expect(body.message).toMatch(/^访问过于频繁，请 \d+ 秒后再试$/);
    expect(first429?.headers['retry-after']).toBeTruthy();
    expect(first429?.headers['cache-control']).toBe('no-store');
    // the villages' boards are under the same limit
    expect((await anon(`/api/public/powers/villages/${org.village}`, ip)).statusCode).toBe(429);
    expect((await anon('/api/party/ratings/public/compounds', ip)).statusCode).toBe(429);
    // another address is not affected, nor are signed-in routes from the limited one
    expect((await anon('/api/public/counties', '203.0.113.78')).statusCode).toBe(200);
    const signedIn = await sys.request({
      method: 'GET',
      url: '/api/showcase/cases',
      headers: { ...(as.county as Headers), 'x-forwarded-for': ip },
    });
    expect(signedIn.statusCode).toBe(200);
  });
});
