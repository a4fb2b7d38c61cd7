// The party organisation along the grid through HTTP on a real database: the demo county's hierarchy and its
// coverage, the rules of the hierarchy (level under level, place under place, households of the same grid),
// coverage counts on hand-made grids, members with phones masked and revealed (audited), the badge lookup, the
// 大党委's terms, first secretaries with their tasks, days on site and the month's report (json and xlsx), the
// grid's public card, the scope of towns, bad input and two writers at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { chinaDayOf } from '../src/domain/calendar/index.js';
import { monthOf } from '../src/domain/legal/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
const userId: Record<string, number> = {};
let today = '';

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid', 'dept']) {
    as[name] = await sys.login(name);
    const me = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body;
    org[name] = me.org.id;
    userId[name] = me.id;
  }
  today = chinaDayOf(sys.services.clock.now());
}, 300_000);
afterAll(async () => sys?.stop());

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the route answers
async function ok(r: { status: number; body: any }, status = 200) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}
// biome-ignore lint/suspicious/noExplicitAny: as above
function refused(r: { status: number; body: any }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.code).toBe(code);
  expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
}

const orgsOf = async (who: string, query: string) =>
  (await ok(await json('GET', `/api/party/orgs?${query}`, who))).items as {
    id: number;
    level: string;
    name: string;
    version: number;
    grid: { id: number } | null;
    village: { id: number } | null;
    town: { id: number };
  }[];

describe('the demo county', () => {
  it('has a 党(工)委 per town, a 党总支 per village and branches on most grids, a few uncovered', async () => {
    const mine = await orgsOf('town', `townId=${org.town}`);
    expect(mine.filter((o) => o.level === 'town_committee')).toHaveLength(1);
    expect(mine.some((o) => o.level === 'building_group')).toBe(true);
    expect(mine.some((o) => o.level === 'member_household')).toBe(true);
    const cov = await ok(await json('GET', `/api/party/coverage?townId=${org.town}`, 'town'));
    expect(cov.towns).toHaveLength(1);
    const [town] = cov.towns;
    expect(town.town.id).toBe(org.town);
    expect(town.uncovered).toBeGreaterThanOrEqual(2);
    expect(town.covered + town.uncovered).toBe(town.grids);
    expect(cov.uncovered).toHaveLength(town.uncovered);
    expect(mine.filter((o) => o.level === 'grid_branch')).toHaveLength(town.covered);
    // the county sees every town
    const all = await ok(await json('GET', '/api/party/coverage', 'county'));
    expect(all.towns.length).toBeGreaterThan(3);
  });

  it('shows the grid’s public card without sign-in: names and an office phone, no mobile', async () => {
    const r = await sys.request({ method: 'GET', url: `/api/party/grids/${org.grid}/card` });
    expect(r.statusCode).toBe(200);
    const card = r.json();
    expect(card.grid.id).toBe(org.grid);
    expect(card.gridWorker).toBeTruthy();
    expect(card.branch.secretary).toBeTruthy();
    expect(card.duties.length).toBeGreaterThan(0);
    expect(card.officePhone).toMatch(/^0570-/);
    expect(r.body).not.toMatch(/1[3-9]\d{9}/);
    expect((await sys.request({ method: 'GET', url: '/api/party/grids/999999/card' })).statusCode).toBe(404);
  });

  it('lists members with phones masked and reveals one with an audit entry', async () => {
    const list = await ok(await json('GET', `/api/party/members?villageId=${org.village}`, 'village'));
    expect(list.total).toBeGreaterThanOrEqual(10);
    for (const m of list.items) expect(m.phone).toMatch(/\*{4}/);
    const m = list.items[0];
    const shown = await ok(await json('GET', `/api/party/members/${m.id}/reveal`, 'village'));
    expect(shown.phone).toMatch(/^1\d{10}$/);
    const audit = await ok(await json('GET', '/api/audit?action=pii.view&limit=5', 'admin'));
    expect(JSON.stringify(audit)).toContain('party_member');
  });

  it('answers the badge lookup: the grid worker and the village clerk are party members, the town clerk not', async () => {
    const r = await ok(
      await json('GET', `/api/party/members/badges?userIds=${userId.grid},${userId.village},${userId.town}`, 'county'),
    );
    expect(r.userIds.sort()).toEqual([userId.grid, userId.village].sort());
    refused(await json('GET', '/api/party/members/badges?userIds=abc', 'county'), 400, 'VALIDATION_FAILED');
  });

  it('has the first community’s 大党委 with four units, one expired', async () => {
    const r = await ok(await json('GET', `/api/party/committees?villageId=${org.village}`, 'village'));
    expect(r.items).toHaveLength(4);
    expect(r.items.filter((x: { status: string }) => x.status === 'expired')).toHaveLength(1);
  });
});

describe('the hierarchy’s rules through the API', () => {
  let zongzhiA = 0;
  let otherVillageGrid = 0;
  let uncoveredGrid = 0;

  beforeAll(async () => {
    const cov = await ok(await json('GET', `/api/party/coverage?townId=${org.town}`, 'town'));
    uncoveredGrid = cov.uncovered[0].id;
    const villageOfGrid = cov.uncovered[0].village.id;
    zongzhiA = (await orgsOf('town', `villageId=${villageOfGrid}&level=village_committee`))[0]?.id as number;
    const other = (await orgsOf('town', `townId=${org.town}&level=grid_branch`)).find(
      (b) => b.village?.id !== villageOfGrid,
    );
    otherVillageGrid = other?.grid?.id as number;
  });

  it('refuses a branch on a grid of another village, a 小组 without buildings, a 党总支 with no parent', async () => {
    refused(
      await json('POST', '/api/party/orgs', 'town', {
        level: 'grid_branch',
        parentId: zongzhiA,
        placeId: otherVillageGrid,
      }),
      400,
      'PARTY_PLACE_MISMATCH',
    );
    refused(
      await json('POST', '/api/party/orgs', 'town', { level: 'village_committee', placeId: org.village }),
      400,
      'PARTY_LEVEL_MISPLACED',
    );
    const branch = (await orgsOf('village', `gridId=${org.grid}&level=grid_branch`))[0] as { id: number };
    refused(
      await json('POST', '/api/party/orgs', 'village', { level: 'building_group', parentId: branch.id, buildings: [] }),
      400,
      'PARTY_BUILDINGS_REQUIRED',
    );
    refused(
      await json('POST', '/api/party/orgs', 'village', {
        level: 'grid_branch',
        parentId: branch.id,
        placeId: org.grid,
      }),
      400,
      'PARTY_LEVEL_MISPLACED',
    );
    refused(
      await json('POST', '/api/party/orgs', 'town', {
        level: 'grid_branch',
        parentId: zongzhiA,
        placeId: uncoveredGrid,
        officePhone: '13912345678',
      }),
      400,
      'VALIDATION_FAILED',
    );
    refused(await json('POST', '/api/party/orgs', 'village', { level: 'nonsense' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a 党员中心户 linking a household of another grid', async () => {
    const group = (await orgsOf('village', `gridId=${org.grid}&level=building_group`))[0] as { id: number };
    const people = await ok(await json('GET', `/api/grid-data/households?orgId=${org.grid}&limit=3`, 'village'));
    const own = people.items[0].id;
    const elsewhere = await ok(await json('GET', '/api/grid-data/households?limit=200', 'town'));
    const stray = elsewhere.items.find((h: { gridId: number }) => h.gridId !== org.grid);
    expect(stray, 'a household outside the first grid').toBeTruthy();
    refused(
      await json('POST', '/api/party/orgs', 'village', {
        level: 'member_household',
        parentId: group.id,
        name: '测试党员中心户',
        householdRecordId: own,
        linkedHouseholdIds: [stray.id],
      }),
      400,
      'PARTY_HOUSEHOLD_MISMATCH',
    );
    const made = await ok(
      await json('POST', '/api/party/orgs', 'village', {
        level: 'member_household',
        parentId: group.id,
        name: '测试党员中心户',
        householdRecordId: own,
        linkedHouseholdIds: [people.items[1].id],
      }),
      201,
    );
    expect(made.linkedHouseholds.map((h: { id: number }) => h.id)).toEqual([people.items[1].id]);
    expect(made.grid.id).toBe(org.grid);
  });

  it('creates a branch on an uncovered grid once, also when two try at once; coverage follows', async () => {
    const before = (await ok(await json('GET', `/api/party/coverage?townId=${org.town}`, 'town'))).towns[0];
    const body = { level: 'grid_branch', parentId: zongzhiA, placeId: uncoveredGrid, officePhone: '0570-7654321' };
    const [a, b] = await Promise.all([
      json('POST', '/api/party/orgs', 'town', body),
      json('POST', '/api/party/orgs', 'town', body),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    refused(a.status === 409 ? a : b, 409, 'PARTY_ORG_DUPLICATE');
    const after = (await ok(await json('GET', `/api/party/coverage?townId=${org.town}`, 'town'))).towns[0];
    expect(after.covered).toBe(before.covered + 1);
    expect(after.uncovered).toBe(before.uncovered - 1);
    const made = (a.status === 201 ? a : b).body;
    expect(made.history.map((h: { type: string }) => h.type)).toEqual(['create']);
    // two edits of one version: one wins
    const edits = await Promise.all(
      ['网格党支部甲', '网格党支部乙'].map((name) =>
        json('PATCH', `/api/party/orgs/${made.id}`, 'town', { name, version: made.version }),
      ),
    );
    expect(edits.map((e) => e.status).sort()).toEqual([200, 409]);
    refused(edits.find((e) => e.status === 409) as never, 409, 'PARTY_VERSION_CONFLICT');
    // a branch with a member cannot be dissolved; without, it can
    const member = await ok(
      await json('POST', `/api/party/orgs/${made.id}/members`, 'town', {
        name: '赵红梅',
        phone: '13700001111',
        duty: '书记',
      }),
      201,
    );
    const current = await ok(await json('GET', `/api/party/orgs/${made.id}`, 'town'));
    refused(
      await json('POST', `/api/party/orgs/${made.id}/dissolve`, 'town', { version: current.version }),
      409,
      'PARTY_ORG_HAS_CHILDREN',
    );
    const m = (await ok(await json('GET', `/api/party/members?partyOrgId=${made.id}`, 'town'))).items[0];
    expect(m.id).toBe(member.id);
    await ok(await json('PATCH', `/api/party/members/${m.id}`, 'town', { version: m.version, active: false }));
    await ok(await json('POST', `/api/party/orgs/${made.id}/dissolve`, 'town', { version: current.version }));
    const back = (await ok(await json('GET', `/api/party/coverage?townId=${org.town}`, 'town'))).towns[0];
    expect(back.covered).toBe(before.covered);
  });

  it('counts hand-made grids with and without branches for their town', async () => {
    const town2 = await ok(await json('GET', `/api/orgs/${org.town2}`, 'admin'));
    const before = (await ok(await json('GET', `/api/party/coverage?townId=${org.town2}`, 'town2'))).towns[0];
    const village = await ok(
      await json('POST', '/api/orgs', 'admin', {
        code: `${town2.code}987`,
        name: '党建测试村',
        kind: 'village',
        participant: 'residents',
        parentId: org.town2,
      }),
      201,
    );
    const grids = [];
    for (const n of ['001', '002', '003']) {
      grids.push(
        await ok(
          await json('POST', '/api/orgs', 'admin', {
            code: `${village.code}${n}`,
            name: `党建测试村第${n}网格`,
            kind: 'grid',
            participant: 'residents',
            parentId: village.id,
          }),
          201,
        ),
      );
    }
    const committee = (await orgsOf('town2', `townId=${org.town2}&level=town_committee`))[0] as { id: number };
    const zz = await ok(
      await json('POST', '/api/party/orgs', 'town2', {
        level: 'village_committee',
        parentId: committee.id,
        placeId: village.id,
      }),
      201,
    );
    expect(zz.name).toBe('党建测试村党总支');
    await ok(
      await json('POST', '/api/party/orgs', 'town2', { level: 'grid_branch', parentId: zz.id, placeId: grids[0].id }),
      201,
    );
    const after = await ok(await json('GET', `/api/party/coverage?townId=${org.town2}`, 'town2'));
    expect(after.towns[0]).toMatchObject({
      grids: before.grids + 3,
      covered: before.covered + 1,
      uncovered: before.uncovered + 2,
    });
    const mine = after.uncovered.filter((g: { village: { id: number } }) => g.village.id === village.id);
    expect(mine.map((g: { id: number }) => g.id).sort()).toEqual([grids[1].id, grids[2].id].sort());
    // town A does not see town B's hand-made village
    const townA = await ok(await json('GET', '/api/party/coverage', 'town'));
    expect(townA.towns.map((t: { town: { id: number } }) => t.town.id)).toEqual([org.town]);
  });
});

describe('scope: a town sees only its own party organisations', () => {
  it('answers 404 for another town’s organisation, member and 大党委 member, and leaves them out of lists', async () => {
    const branchA = (await orgsOf('town', `townId=${org.town}&level=grid_branch`))[0] as {
      id: number;
      version: number;
    };
    const zzA = (await orgsOf('town', `villageId=${org.village}&level=village_committee`))[0] as { id: number };
    refused(await json('GET', `/api/party/orgs/${branchA.id}`, 'town2'), 404, 'PARTY_ORG_NOT_FOUND');
    refused(
      await json('PATCH', `/api/party/orgs/${branchA.id}`, 'town2', { version: branchA.version, name: 'x' }),
      404,
      'PARTY_ORG_NOT_FOUND',
    );
    refused(
      await json('POST', '/api/party/orgs', 'town2', { level: 'grid_branch', parentId: zzA.id, placeId: org.grid }),
      404,
      'PARTY_ORG_NOT_FOUND',
    );
    refused(
      await json('POST', `/api/party/orgs/${branchA.id}/members`, 'town2', { name: '某某' }),
      404,
      'PARTY_ORG_NOT_FOUND',
    );
    const memberA = (await ok(await json('GET', `/api/party/members?villageId=${org.village}`, 'town'))).items[0];
    refused(await json('GET', `/api/party/members/${memberA.id}/reveal`, 'town2'), 404, 'PARTY_MEMBER_NOT_FOUND');
    const committeeA = (await ok(await json('GET', `/api/party/committees?villageId=${org.village}`, 'town'))).items[0];
    refused(
      await json('PATCH', `/api/party/committee-members/${committeeA.id}`, 'town2', {
        version: committeeA.version,
        post: 'x',
      }),
      404,
      'PARTY_COMMITTEE_MEMBER_NOT_FOUND',
    );
    const listB = JSON.stringify(await ok(await json('GET', '/api/party/orgs', 'town2')));
    expect(listB).not.toContain(`"id":${branchA.id},`);
    expect((await ok(await json('GET', `/api/party/members?villageId=${org.village}`, 'town2'))).total).toBe(0);
    expect((await ok(await json('GET', `/api/party/committees?villageId=${org.village}`, 'town2'))).items).toEqual([]);
    // a grid worker reads, but does not keep, the party organisation
    expect((await json('GET', `/api/party/orgs?gridId=${org.grid}`, 'grid')).status).toBe(200);
    expect((await json('POST', `/api/party/orgs/${branchA.id}/members`, 'grid', { name: '某某' })).status).toBe(403);
  });
});

describe('the 大党委', () => {
  it('keeps units with terms, refuses a term ending before it starts, shows current and expired', async () => {
    refused(
      await json('POST', `/api/party/committees/${org.village}/members`, 'village', {
        unitName: '县供销社',
        personName: '钱一',
        post: '兼职委员',
        termStart: '2026-06-01',
        termEnd: '2026-01-01',
      }),
      400,
      'PARTY_TERM_INVALID',
    );
    refused(
      await json('POST', `/api/party/committees/${org.village}/members`, 'village', {
        personName: '钱一',
        post: '兼职委员',
        termStart: '2026-01-01',
        termEnd: '2027-01-01',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const made = await ok(
      await json('POST', `/api/party/committees/${org.village}/members`, 'village', {
        unitOrgId: org.dept,
        personName: '钱一',
        post: '兼职委员',
        termStart: '2020-01-01',
        termEnd: '2021-12-31',
      }),
      201,
    );
    const list = (await ok(await json('GET', `/api/party/committees?villageId=${org.village}`, 'village'))).items;
    const row = list.find((x: { id: number }) => x.id === made.id);
    expect(row).toMatchObject({ unitName: '住房和城乡建设局', status: 'expired' });
  });
});

describe('first secretaries', () => {
  let secretary = 0;
  it('are sent by a department to a village; the department assigns tasks the village owns', async () => {
    refused(
      await json('POST', '/api/party/secretaries', 'dept', {
        name: '孙志远',
        villageId: org.village,
        termStart: '2026-01-01',
        termEnd: '2025-01-01',
      }),
      400,
      'PARTY_TERM_INVALID',
    );
    expect(
      (
        await json('POST', '/api/party/secretaries', 'town', {
          name: 'x',
          villageId: org.village,
          termStart: '2026-01-01',
          termEnd: '2027-01-01',
        })
      ).status,
    ).toBe(403);
    const made = await ok(
      await json('POST', '/api/party/secretaries', 'dept', {
        name: '孙志远',
        phone: '13600002222',
        villageId: org.village,
        termStart: `${today.slice(0, 7)}-01`,
        termEnd: `${Number(today.slice(0, 4)) + 2}-01-01`,
      }),
      201,
    );
    secretary = made.id;
    expect(made.sendingOrg.id).toBe(org.dept);
    const task = await ok(
      await json('POST', `/api/party/secretaries/${secretary}/tasks`, 'dept', { title: '走访低保户', limitDays: 5 }),
      201,
    );
    const detail = await ok(await json('GET', `/api/tasks/${task.id}`, 'village'));
    expect(detail).toMatchObject({
      sourceKind: 'first_secretary',
      ownerOrg: { id: org.village },
      assignedByOrg: { id: org.dept },
    });
    // the village signs and completes it
    const signed = await ok(
      await json('POST', `/api/tasks/${task.id}/actions`, 'village', {
        version: detail.version,
        action: { type: 'sign' },
      }),
    );
    await ok(
      await json('POST', `/api/tasks/${task.id}/actions`, 'village', {
        version: signed.version,
        action: { type: 'complete', result: '已走访全部低保户' },
      }),
    );
    // 党员亮相: the task's history names the acting user, whom the badge lookup knows as a party member
    const done = await ok(await json('GET', `/api/tasks/${task.id}`, 'dept'));
    const actors = done.history.map((h: { actor: { userId: number | null } }) => h.actor.userId);
    expect(actors).toContain(userId.village);
    const badges = await ok(
      await json('GET', `/api/party/members/badges?userIds=${actors.filter(Boolean).join(',')}`, 'dept'),
    );
    expect(badges.userIds).toContain(userId.village);
    // another town neither sees nor tasks it
    refused(await json('GET', `/api/party/secretaries/${secretary}`, 'town2'), 404, 'FIRST_SECRETARY_NOT_FOUND');
    expect(
      (await ok(await json('GET', '/api/party/secretaries', 'town2'))).items.some(
        (s: { id: number }) => s.id === secretary,
      ),
    ).toBe(false);
    refused(
      await json('POST', `/api/party/secretaries/${secretary}/tasks`, 'village', { title: 'x', limitDays: 1 }),
      403,
      'FORBIDDEN',
    );
  });

  it('records days on site: the village enters a day once, a day outside the term is refused', async () => {
    const first = await ok(
      await json('POST', `/api/party/secretaries/${secretary}/days`, 'village', { day: today }),
      201,
    );
    expect(first).toMatchObject({ source: 'village', recorded: true });
    const again = await ok(await json('POST', `/api/party/secretaries/${secretary}/days`, 'village', { day: today }));
    expect(again.recorded).toBe(false);
    refused(
      await json('POST', `/api/party/secretaries/${secretary}/days`, 'village', { day: '2020-01-06' }),
      400,
      'FIRST_SECRETARY_DAY_OUTSIDE_TERM',
    );
    // the grid worker does not see the village's secretary; the department that sent him does not enter days
    refused(
      await json('POST', `/api/party/secretaries/${secretary}/days`, 'grid', {}),
      404,
      'FIRST_SECRETARY_NOT_FOUND',
    );
    refused(await json('POST', `/api/party/secretaries/${secretary}/days`, 'dept', { day: today }), 403, 'FORBIDDEN');
  });

  it('lets the secretary check in from the phone (the demo 住建局 secretary is the dept account)', async () => {
    const mine = await ok(await json('GET', '/api/party/secretaries/me', 'dept'));
    expect(mine.items).toHaveLength(1);
    const r = await json('POST', `/api/party/secretaries/${mine.items[0].id}/days`, 'dept', {});
    expect([200, 201]).toContain(r.status);
    expect(r.body.source).toBe(r.body.recorded ? 'phone' : r.body.source);
    refused(
      await json('POST', `/api/party/secretaries/${mine.items[0].id}/days`, 'dept', { day: '2020-01-06' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('reports the month per secretary, as json and as a spreadsheet', async () => {
    const month = monthOf(today);
    const report = await ok(await json('GET', `/api/party/secretaries/monthly?month=${month}`, 'village'));
    const row = report.rows.find((r: { secretary: { id: number } }) => r.secretary.id === secretary);
    expect(row).toMatchObject({ daysOnSite: 1, tasksDone: 1, tasksOverdue: 0, tasksOpen: 0 });
    expect(row.workingDaysInTerm).toBeGreaterThan(0);
    refused(await json('GET', '/api/party/secretaries/monthly?month=2026-13', 'village'), 400, 'VALIDATION_FAILED');
    const x = await sys.request({
      method: 'GET',
      url: `/api/party/secretaries/monthly?month=${month}&format=xlsx`,
      headers: as.village as Headers,
    });
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as never);
    const sheet = book.worksheets[0];
    const names: string[] = [];
    sheet?.eachRow((r) => names.push(String(r.getCell(1).value)));
    expect(names).toContain('孙志远');
  });
});
