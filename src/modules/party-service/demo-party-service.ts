// Demo data of 双报到 and 物业亮星, played through the capability's own use cases inside the demo seed's
// transaction: the first community (the `village` account's) has three units registered (the `dept` account's
// 住房和城乡建设局 and a second department, which registered themselves and were confirmed, and an outside hospital
// the community entered) and five in-service members (the demo citizen 13800000001 among them; one still
// waiting for confirmation); six needs — two waiting to be claimed, one claimed, one done and waiting for the
// community's rating, one rated, one cancelled. Two property companies keep four compounds in the first two
// communities; residents rated them last month and this month, and the stars of both months are computed.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { addDays } from '../../domain/power/index.js';
import { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { principalOfUser } from '../deliberations/demo-deliberations.js';
import { actOnTask } from '../tasks/act-on-task.js';
import { createTask } from '../tasks/create-task.js';
import { actOnNeed } from './act-on-need.js';
import { decideRegistration } from './decide-registration.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import { writeNeed } from './publish-need.js';
import { previousMonth, recomputeCompounds } from './recompute-stars.js';
import { registerMember } from './register-member.js';
import { registerUnit } from './register-unit.js';

const DEMO_CITIZEN_PHONE = '13800000001';

const MEMBERS = [
  { name: '张三', unit: '住房和城乡建设局', branch: '县住建局机关党支部' },
  { name: '王建华', unit: '住房和城乡建设局', branch: '县住建局机关党支部' },
  { name: '刘晓燕', unit: '青溪县人民医院', branch: '县人民医院第二党支部' },
  { name: '陈立新', unit: '青溪县人民医院', branch: '县人民医院第一党支部' },
  { name: '赵敏', unit: '', branch: '' }, // the second department's; pending
];

export async function seedDemoPartyService(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<void> {
  const staff = await trx
    .selectFrom('users')
    .select(['id', 'org_id'])
    .where('username', '=', 'village')
    .executeTakeFirst();
  const dept = await trx.selectFrom('users').select(['id', 'org_id']).where('username', '=', 'dept').executeTakeFirst();
  if (!staff?.org_id || !dept?.org_id) return;
  const villageId = staff.org_id;
  const now = clock.now();
  const today = chinaDayOf(now);
  const audit = new AuditService(trx, clock);
  const contexts = new CaseContextProvider(trx, clock);
  const taskDeps = { db: trx, contexts, audit };
  const deps: PartyServiceDeps = {
    db: trx,
    clock,
    audit,
    tasks: {
      create: (input, p, t) => createTask(taskDeps, input, p, t),
      actWithin: (t, id, input, p) => actOnTask(taskDeps, id, input, p, t),
    },
  };
  const village = await principalOfUser(trx, staff.id);
  const housing = await principalOfUser(trx, dept.id);

  // ── units ──
  const second = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'o.name'])
    .where('o.kind', '=', 'department')
    .where('u.org_id', '!=', dept.org_id)
    .where('u.role', '=', 'department_handler')
    .orderBy('o.sort')
    .executeTakeFirst();
  const housingUnit = await registerUnit(deps, housing, {
    villageId,
    contactName: '住建局办公室',
    contactPhone: '0570-5012345',
  });
  await decideRegistration(deps, village, 'unit', housingUnit.id, { version: 1, decision: 'confirm' });
  let secondName = '';
  if (second) {
    const secondUnit = await registerUnit(deps, await principalOfUser(trx, second.id), {
      villageId,
      contactName: '办公室',
    });
    await decideRegistration(deps, village, 'unit', secondUnit.id, { version: 1, decision: 'confirm' });
    secondName = second.name;
  }
  await registerUnit(deps, village, {
    villageId,
    name: '青溪县人民医院',
    contactName: '党办',
    contactPhone: '0570-5098765',
  });

  // ── members: the demo citizen and the next citizens, from the phone ──
  const citizens = await trx
    .selectFrom('users')
    .select(['id', 'phone'])
    .where('role', '=', 'citizen')
    .orderBy((eb) => eb.case().when('phone', '=', DEMO_CITIZEN_PHONE).then(0).else(1).end())
    .orderBy('id')
    .limit(MEMBERS.length)
    .execute();
  const members: Principal[] = [];
  for (const [i, c] of citizens.entries()) {
    const m = MEMBERS[i] as (typeof MEMBERS)[number];
    const principal = await principalOfUser(trx, c.id);
    const { id } = await registerMember(deps, principal, {
      villageId,
      name: m.name,
      unitName: m.unit || secondName || '住房和城乡建设局',
      branch: m.branch || `${secondName}机关党支部`,
    });
    if (i < MEMBERS.length - 1)
      await decideRegistration(deps, village, 'member', id, { version: 1, decision: 'confirm' });
    members.push(principal);
  }
  const [zhang, wang, liu] = members;

  // ── needs ──
  const ref = { id: villageId, countyCode: village.countyCode as string };
  const publish = (
    kind: 'wish' | 'project' | 'activity',
    title: string,
    description: string,
    beneficiary: string,
    due: number,
  ) =>
    writeNeed(
      trx,
      deps,
      village,
      ref,
      { villageId, kind, title, description, beneficiary, dueOn: addDays(today, due) },
      now,
    );
  await publish('wish', '独居老人想要一台收音机', '王奶奶 82 岁独居，眼睛不好，想听戏曲广播。', '独居老人王某', 14);
  await publish(
    'activity',
    '周末社区环境清洁志愿活动',
    '周六上午 8:30 在社区广场集合，清理楼道小广告和绿化带垃圾。',
    '',
    10,
  );
  const claimed = await publish(
    'wish',
    '困难家庭孩子需要一个书包和文具',
    '小学三年级学生，新学期需要书包、文具。',
    '困难家庭李某之子',
    20,
  );
  const done = await publish('project', '老旧小区楼道照明检修', '3 栋楼道感应灯损坏，需要专业人员检修。', '', 12);
  const rated = await publish('wish', '行动不便老人希望有人代购常用药', '每两周代购一次降压药。', '独居老人陈某', 7);
  const cancelled = await publish('activity', '中秋节邻里联欢会志愿者招募', '需要 5 名志愿者布置场地。', '', 5);
  if (zhang && liu && wang) {
    await actOnNeed(deps, liu, claimed, { version: 1, action: { type: 'claim' } });
    await actOnNeed(deps, housing, done, { version: 1, action: { type: 'claim' } });
    await actOnNeed(deps, housing, done, {
      version: 2,
      action: { type: 'complete', hours: 6, result: '更换感应灯 12 盏，检修线路两处。' },
    });
    await actOnNeed(deps, wang, rated, { version: 1, action: { type: 'claim' } });
    await actOnNeed(deps, wang, rated, {
      version: 2,
      action: { type: 'complete', hours: 2.5, result: '已代购降压药两盒并送到家中。' },
    });
    await actOnNeed(deps, village, rated, {
      version: 3,
      action: { type: 'rate', rating: 5, comment: '服务及时，老人很满意。' },
    });
  }
  await actOnNeed(deps, village, cancelled, { version: 1, action: { type: 'cancel', reason: '活动因天气原因取消' } });

  // ── property companies and compounds ──
  const communities = await trx
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where(
      'parent_id',
      '=',
      (await trx.selectFrom('orgs').select('parent_id').where('id', '=', villageId).executeTakeFirstOrThrow())
        .parent_id,
    )
    .where('kind', '=', 'village')
    .orderBy('sort')
    .limit(2)
    .execute();
  const companyIds: number[] = [];
  for (const [name, contact] of [
    ['青溪安居物业服务有限公司', '周经理'],
    ['青溪万家物业管理有限公司', '吴经理'],
  ] as const) {
    const row = await trx
      .insertInto('property_companies')
      .values({ county_code: ref.countyCode, name, contact_name: contact, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    companyIds.push(row.id);
  }
  const compoundNames = [
    ['文昌花园', '学府苑'],
    ['锦绣家园', '滨江名苑'],
  ];
  const compounds: { id: number; company_id: number; grid_ids: number[] }[] = [];
  for (const [ci, community] of communities.entries()) {
    const grids = await trx
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', '=', community.id)
      .where('kind', '=', 'grid')
      .orderBy('sort')
      .execute();
    for (let k = 0; k < 2; k++) {
      const gridIds = grids.filter((_, gi) => gi % 2 === k).map((g) => g.id);
      if (gridIds.length === 0) continue;
      const companyId = companyIds[(ci + k) % 2] as number;
      const row = await trx
        .insertInto('property_compounds')
        .values({
          county_code: ref.countyCode,
          village_id: community.id,
          company_id: companyId,
          name: compoundNames[ci]?.[k] ?? `${community.name}小区${k + 1}`,
          grid_ids: gridIds,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      compounds.push({ id: row.id, company_id: companyId, grid_ids: gridIds });
    }
  }
  // residents' ratings: last month from every demo member, this month from the others (the demo citizen may rate)
  const lastMonth = previousMonth(today);
  const thisMonth = today.slice(0, 7);
  const STARS = [
    [5, 4, 5, 4, 5],
    [3, 2, 3, 4, 3],
    [4, 4, 5, 3, 4],
    [2, 3, 2, 1, 3],
  ];
  for (const [i, compound] of compounds.entries()) {
    for (const [j, c] of citizens.entries()) {
      const stars = STARS[i % 4]?.[j] ?? 4;
      await trx
        .insertInto('property_resident_ratings')
        .values({ compound_id: compound.id, user_id: c.id, month: lastMonth, stars, comment: '', created_at: now })
        .execute();
      if (j > 0) {
        await trx
          .insertInto('property_resident_ratings')
          .values({
            compound_id: compound.id,
            user_id: c.id,
            month: thisMonth,
            stars: Math.min(5, stars + (i % 2)),
            comment: '',
            created_at: now,
          })
          .execute();
      }
    }
  }
  await recomputeCompounds(trx, compounds, lastMonth, now);
  await recomputeCompounds(trx, compounds, thisMonth, now);
  progress(
    `双报到 3 个单位 / ${citizens.length} 名在职党员 / 6 项服务需求；物业亮星 2 家物业企业 / ${compounds.length} 个小区`,
  );
}
