// The demo county's party organisation along the grid: a 党(工)委 per town, a 党总支 per village, a branch on
// most grids (a few left uncovered so the coverage page has something to show; the old '网格党支部' orgs are
// linked), groups and 党员中心户 on the first grid, about thirty members (the grid worker and the village
// clerk among them: their work shows the 党员 badge), the first community's 大党委 with four units, and two
// first secretaries with days on site and tasks.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { mulberry32, randInt } from '../../db/seed/random.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { addMonths, monthBounds, monthOf } from '../../domain/legal/index.js';
import { AuditService } from '../audit/audit-service.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { TaskService } from '../tasks/index.js';

const BRANCH_DUTIES = '组织党员联系服务网格群众；参与网格矛盾纠纷排查化解；带头参与议事协商和志愿服务';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙朱马胡郭林何高罗';
const GIVEN = [
  '建国',
  '秀英',
  '伟',
  '芳',
  '志强',
  '丽华',
  '海燕',
  '国平',
  '玉兰',
  '立新',
  '红梅',
  '卫东',
  '春花',
  '德明',
];

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function seedDemoParty(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<void> {
  const now = clock.now();
  const today = chinaDayOf(now);
  const rng = mulberry32(20260221);
  const personName = () =>
    `${SURNAMES[randInt(rng, 0, SURNAMES.length - 1)]}${GIVEN[randInt(rng, 0, GIVEN.length - 1)]}`;
  const phone = () => `139${String(randInt(rng, 0, 99_999_999)).padStart(8, '0')}`;
  const stamp = { created_at: now, updated_at: now };
  const user = (username: string) =>
    trx
      .selectFrom('users')
      .select(['id', 'display_name', 'org_id'])
      .where('username', '=', username)
      .executeTakeFirst();
  const villageUser = await user('village');
  const gridUser = await user('grid');
  const deptUser = await user('dept');
  if (!villageUser?.org_id || !gridUser?.org_id || !deptUser?.org_id) return;

  const orgs = await trx
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'parent_id', 'county_code', 'phone', 'subkind'])
    .where('kind', 'in', ['town', 'village', 'grid', 'party', 'department'])
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const countyCode = orgs[0]?.county_code ?? '';
  const towns = orgs.filter((o) => o.kind === 'town');
  const villages = orgs.filter((o) => o.kind === 'village');
  const grids = orgs.filter((o) => o.kind === 'grid');
  const oldBranchOf = new Map(orgs.filter((o) => o.kind === 'party').map((o) => [o.parent_id, o.id]));
  const villageById = new Map(villages.map((v) => [v.id, v]));

  // ── the hierarchy ──
  const committees = await trx
    .insertInto('party_orgs')
    .values(
      towns.map((t) => ({
        county_code: countyCode,
        level: 'town_committee' as const,
        name: `${t.name}党${t.subkind === '街道' ? '工' : ''}委`,
        town_id: t.id,
        office_phone: t.phone,
        duties: '领导辖区基层党组织建设，统筹网格党建和社会治理',
        ...stamp,
      })),
    )
    .returning(['id', 'town_id'])
    .execute();
  const committeeOf = new Map(committees.map((c) => [c.town_id, c.id]));
  const zongzhi = await trx
    .insertInto('party_orgs')
    .values(
      villages.map((v) => ({
        county_code: countyCode,
        level: 'village_committee' as const,
        name: `${v.name}党总支`,
        parent_id: committeeOf.get(v.parent_id as number) as number,
        town_id: v.parent_id as number,
        village_id: v.id,
        office_phone: v.phone,
        duties: '领导本村社区网格党支部，组织党员亮身份、作表率',
        ...stamp,
      })),
    )
    .returning(['id', 'village_id'])
    .execute();
  const zongzhiOf = new Map(zongzhi.map((z) => [z.village_id, z.id]));

  // a few grids stay without a branch: two in the first town's second village, then every eleventh grid
  const firstTown = towns[0];
  const secondVillage = villages.filter((v) => v.parent_id === firstTown?.id)[1];
  const secondVillageGrids = grids.filter((g) => g.parent_id === secondVillage?.id).map((g) => g.id);
  const uncovered = new Set([secondVillageGrids[1], secondVillageGrids[3]]);
  grids.forEach((g, i) => {
    if (i % 11 === 10 && g.id !== gridUser.org_id) uncovered.add(g.id);
  });
  const branchRows = grids
    .filter((g) => !uncovered.has(g.id))
    .map((g) => {
      const village = villageById.get(g.parent_id as number);
      return {
        county_code: countyCode,
        level: 'grid_branch' as const,
        name: `${g.name}党支部`,
        parent_id: zongzhiOf.get(g.parent_id as number) as number,
        town_id: village?.parent_id as number,
        village_id: g.parent_id as number,
        grid_id: g.id,
        org_id: oldBranchOf.get(g.id) ?? null,
        office_phone: village?.phone ?? null,
        duties: BRANCH_DUTIES,
        ...stamp,
      };
    });
  const branchOf = new Map<number, number>();
  for (let i = 0; i < branchRows.length; i += 200) {
    const rows = await trx
      .insertInto('party_orgs')
      .values(branchRows.slice(i, i + 200))
      .returning(['id', 'grid_id'])
      .execute();
    for (const r of rows) branchOf.set(r.grid_id as number, r.id);
  }

  // groups and 党员中心户 on the first grid
  const firstGrid = grids.find((g) => g.id === gridUser.org_id);
  const firstVillage = villageById.get(villageUser.org_id);
  const firstBranch = branchOf.get(gridUser.org_id) as number;
  const town1 = firstVillage?.parent_id as number;
  const gridPlace = {
    county_code: countyCode,
    town_id: town1,
    village_id: firstVillage?.id as number,
    grid_id: gridUser.org_id,
  };
  const groups = await trx
    .insertInto('party_orgs')
    .values(
      [
        ['1幢', '2幢'],
        ['3幢', '4幢', '5幢'],
      ].map((buildings) => ({
        ...gridPlace,
        level: 'building_group' as const,
        name: `${firstGrid?.name ?? ''}${buildings[0]}党小组`,
        parent_id: firstBranch,
        buildings,
        ...stamp,
      })),
    )
    .returning('id')
    .execute();
  const households = await trx
    .selectFrom('grid_records')
    .select(['id', 'name'])
    .where('grid_id', '=', gridUser.org_id)
    .where('kind', '=', 'household')
    .where('archived', '=', false)
    .orderBy('id')
    .limit(6)
    .execute();
  const centres = [0, 3]
    .filter((i) => households[i])
    .map((i, n) => ({
      ...gridPlace,
      level: 'member_household' as const,
      name: `${households[i]?.name ?? ''}党员中心户`,
      parent_id: groups[n]?.id as number,
      household_record_id: households[i]?.id as number,
      linked_household_ids: households.slice(i + 1, i + 3).map((h) => h.id),
      ...stamp,
    }));
  const centreRows = centres.length
    ? await trx.insertInto('party_orgs').values(centres).returning(['id', 'name']).execute()
    : [];

  // ── members ──
  type Member = { org: number; name: string; duty: string; userId?: number; inService?: boolean; workUnit?: string };
  const members: Member[] = [];
  const villageGrids = grids.filter((g) => g.parent_id === firstVillage?.id && branchOf.has(g.id));
  for (const g of villageGrids) {
    const org = branchOf.get(g.id) as number;
    members.push({ org, name: personName(), duty: '书记' }, { org, name: personName(), duty: '委员' });
    members.push({ org, name: personName(), duty: '党员' });
  }
  members.push({ org: firstBranch, name: gridUser.display_name, duty: '委员', userId: gridUser.id });
  members.push(
    { org: firstBranch, name: personName(), duty: '党员', inService: true, workUnit: '县住房和城乡建设局' },
    { org: firstBranch, name: personName(), duty: '党员', inService: true, workUnit: '县人民医院' },
  );
  for (const c of centreRows) members.push({ org: c.id, name: c.name.replace(/党员中心户$/, ''), duty: '党员' });
  for (const gr of groups) members.push({ org: gr.id, name: personName(), duty: '组长' });
  const zz = zongzhiOf.get(firstVillage?.id as number) as number;
  members.push({ org: zz, name: villageUser.display_name, duty: '书记', userId: villageUser.id });
  members.push({ org: zz, name: personName(), duty: '副书记' }, { org: zz, name: personName(), duty: '委员' });
  const tc = committeeOf.get(town1) as number;
  members.push({ org: tc, name: personName(), duty: '书记' }, { org: tc, name: personName(), duty: '委员' });
  const orgPlace = new Map(
    (
      await trx
        .selectFrom('party_orgs')
        .select(['id', 'town_id', 'village_id'])
        .where('id', 'in', [...new Set(members.map((m) => m.org))])
        .execute()
    ).map((o) => [o.id, o]),
  );
  const year = Number(today.slice(0, 4));
  const memberRows = await trx
    .insertInto('party_members')
    .values(
      members.map((m) => ({
        county_code: countyCode,
        town_id: orgPlace.get(m.org)?.town_id as number,
        village_id: orgPlace.get(m.org)?.village_id ?? null,
        party_org_id: m.org,
        name: m.name,
        phone: phone(),
        joined_on: `${year - randInt(rng, 2, 30)}-0${randInt(rng, 1, 9)}-${String(randInt(rng, 10, 28))}`,
        duty: m.duty,
        user_id: m.userId ?? null,
        in_service: m.inService ?? false,
        work_unit: m.workUnit ?? null,
        ...stamp,
      })),
    )
    .returning(['id', 'party_org_id', 'duty'])
    .execute();
  for (const m of memberRows.filter((r) => r.duty === '书记' || r.duty === '组长')) {
    await trx.updateTable('party_orgs').set({ secretary_member_id: m.id }).where('id', '=', m.party_org_id).execute();
  }

  // ── the first community's 大党委 ──
  const department = (name: string) => orgs.find((o) => o.kind === 'department' && o.name === name);
  const units: [string, number | null, string, string][] = [
    ['住房和城乡建设局', department('住房和城乡建设局')?.id ?? null, '兼职委员', `${year + 1}-12-31`],
    ['公安局', department('公安局')?.id ?? null, '兼职委员', `${year + 1}-12-31`],
    ['青溪县实验小学', null, '兼职委员', `${year + 1}-12-31`],
    ['国网青溪县供电公司', null, '兼职副书记', `${year - 1}-12-31`],
  ];
  await trx
    .insertInto('party_committee_members')
    .values(
      units.map(([unitName, unitOrgId, post, termEnd]) => ({
        county_code: countyCode,
        town_id: town1,
        village_id: firstVillage?.id as number,
        unit_org_id: unitOrgId,
        unit_name: unitOrgId ? `县${unitName}` : unitName,
        person_name: personName(),
        post,
        term_start: `${year - 2}-01-01`,
        term_end: termEnd,
        ...stamp,
      })),
    )
    .execute();

  // ── first secretaries: the 住建局's at the first community, the 民政局's at the first 镇's first village ──
  const firstZhen = towns.find((t) => t.subkind === '镇');
  const zhenVillage = villages.find((v) => v.parent_id === firstZhen?.id);
  const termStart = monthBounds(addMonths(monthOf(today), -6)).first;
  const termEnd = addDays(monthBounds(addMonths(monthOf(today), 18)).first, -1);
  const civil = department('民政局');
  const placements = [
    { village: firstVillage, sender: deptUser.org_id, name: deptUser.display_name, userId: deptUser.id },
    { village: zhenVillage, sender: civil?.id, name: personName(), userId: null },
  ].filter((p) => p.village && p.sender);
  const secretaries = await trx
    .insertInto('first_secretaries')
    .values(
      placements.map((p) => ({
        county_code: countyCode,
        town_id: p.village?.parent_id as number,
        village_id: p.village?.id as number,
        sending_org_id: p.sender as number,
        name: p.name,
        phone: phone(),
        user_id: p.userId,
        term_start: termStart,
        term_end: termEnd,
        ...stamp,
      })),
    )
    .returning(['id', 'village_id', 'sending_org_id', 'name'])
    .execute();
  const days: { secretary_id: number; day: string; source: 'phone' | 'village'; created_at: Date }[] = [];
  const from = monthBounds(addMonths(monthOf(today), -1)).first;
  for (const s of secretaries) {
    for (let d = from; d < today; d = addDays(d, 1)) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6 && rng() < 0.7) {
        days.push({ secretary_id: s.id, day: d, source: rng() < 0.6 ? 'phone' : 'village', created_at: now });
      }
    }
  }
  if (days.length) await trx.insertInto('first_secretary_days').values(days).execute();
  const tasks = new TaskService(trx, clock, new AuditService(trx, clock), new CaseContextProvider(trx, clock));
  const titles = ['走访村内困难群众并建立帮扶台账', '牵头谋划村集体经济增收项目', '组织开展一次党员主题党日活动'];
  for (const [i, s] of secretaries.entries()) {
    for (const title of i === 0 ? titles : titles.slice(0, 1)) {
      await tasks.create(
        {
          title,
          sourceKind: 'first_secretary',
          sourceId: String(s.id),
          sourceLabel: `第一书记 ${s.name}`,
          ownerOrgId: s.village_id,
          assignedByOrgId: s.sending_org_id,
          limit: { amount: 10 + 5 * titles.indexOf(title), unit: 'working_days' },
        },
        null,
        trx,
      );
    }
  }
  progress(
    `党组织 ${committees.length + zongzhi.length + branchRows.length + groups.length + centreRows.length} 个（${uncovered.size} 个网格未建党支部）/ 党员 ${memberRows.length} 名 / 第一书记 ${secretaries.length} 名`,
  );
}
