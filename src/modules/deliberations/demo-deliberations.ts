// Demo deliberation of the demo county, played through the capability's own use cases inside the seed's
// transaction at their historical times: the `village` account's community (文昌社区) keeps its three stations
// (五老议事站, 说事评理站, 群众评议站) with members, and topics in different states — one the demo citizen
// 13800000001 (张三户) has just raised, one scheduled for a hearing, one being voted on (the demo citizen has
// not voted yet), one decided and being carried out as a task, one closed with its outcome told to everyone
// who took part. Voters are residents of the household list who sign in the first time here. A handful of rows.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { AuditService } from '../audit/audit-service.js';
import { ROLE_PERMISSIONS, type Role } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { createTask } from '../tasks/create-task.js';
import { actOnTopic, type TopicActionInput } from './act-on-topic.js';
import { writeBallot } from './cast-vote.js';
import { addComment, moderateComment } from './comments.js';
import type { DeliberationDeps } from './deliberation-deps.js';
import { raiseTopic } from './raise-topic.js';
import { addMember, createStation } from './stations.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DEMO_CITIZEN_PHONE = '13800000001';

export async function principalOfUser(trx: Transaction<DB>, userId: number): Promise<Principal> {
  const u = await trx
    .selectFrom('users as u')
    .leftJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.role', 'u.display_name', 'u.org_id', 'o.path', 'o.kind', 'o.county_code'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  const scope = u.path ? await trx.selectFrom('orgs').select('id').where('path', 'like', `${u.path}%`).execute() : [];
  return {
    kind: 'user',
    userId: u.id,
    apiKeyId: null,
    role: u.role as Role,
    displayName: u.display_name,
    orgId: u.org_id,
    orgKind: u.kind ?? null,
    scopePath: u.path ?? null,
    scopeOrgIds: scope.map((o) => o.id),
    countyCode: u.county_code ?? null,
    permissions: new Set(ROLE_PERMISSIONS[u.role as Role]),
  };
}

export async function seedDemoDeliberations(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<number> {
  const staff = await trx
    .selectFrom('users')
    .select(['id', 'org_id'])
    .where('username', '=', 'village')
    .executeTakeFirst();
  if (!staff?.org_id) return 0;
  const villageId = staff.org_id;
  const households = await trx
    .selectFrom('points_households')
    .select(['head_phone', 'head_name'])
    .where('village_id', '=', villageId)
    .where('head_phone', 'is not', null)
    .orderBy('id')
    .execute();
  if (households.length < 12) return 0;
  const realNow = clock.now();
  let at = realNow;
  const demoClock: Clock = { ...clock, now: () => at, adjustable: false, offsetMs: () => 0, advance: async () => at };
  const contexts = new CaseContextProvider(trx, clock);
  const audit = new AuditService(trx, clock);
  const deps: DeliberationDeps = {
    db: trx,
    clock: demoClock,
    audit,
    tasks: { create: (input, p, t) => createTask({ db: trx, contexts, audit }, input, p, t) },
    attachments: { notOwnedBy: async () => [] },
  };
  const village = await principalOfUser(trx, staff.id);

  // residents who take part: the demo citizen and the heads of the next households (citizen accounts as on
  // their first sign-in with their phone)
  const residents: Principal[] = [];
  for (const h of households.slice(0, 16)) {
    const existing = await trx.selectFrom('users').select('id').where('phone', '=', h.head_phone).executeTakeFirst();
    const id =
      existing?.id ??
      (
        await trx
          .insertInto('users')
          .values({
            username: null,
            display_name: h.head_name,
            phone: h.head_phone,
            role: 'citizen',
            org_id: null,
            password_hash: null,
            created_at: realNow,
            updated_at: realNow,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    residents.push(await principalOfUser(trx, id));
  }
  const demoCitizen = residents.find((_, i) => households[i]?.head_phone === DEMO_CITIZEN_PHONE) ?? residents[0];
  const others = residents.filter((r) => r !== demoCitizen);

  at = new Date(realNow.getTime() - 60 * DAY);
  const wulao = await createStation(deps, village, villageId, {
    kind: 'wulao',
    name: '五老议事站',
    description: '由老干部、老党员、老教师、老模范、老军人组成，议村里的大事难事。',
    quorumPercent: 30,
    passPercent: 50,
  });
  for (const [name, title] of [
    ['王德厚', '站长 · 老党员'],
    ['李桂芳', '老教师'],
    ['陈建国', '老军人'],
    ['刘秀兰', '老模范'],
    ['赵志明', '老干部'],
  ] as const) {
    await addMember(deps, village, wulao, { name, title });
  }
  const shuoshi = await createStation(deps, village, villageId, {
    kind: 'shuoshi',
    name: '说事评理站',
    description: '群众说事、乡贤评理，邻里小事在站里说开。',
    quorumPercent: 30,
    passPercent: 50,
  });
  for (const [name, title] of [
    ['孙明华', '站长 · 乡贤'],
    ['周丽娟', '人民调解员'],
  ] as const) {
    await addMember(deps, village, shuoshi, { name, title });
  }
  const pingyi = await createStation(deps, village, villageId, {
    kind: 'pingyi',
    name: '群众评议站',
    description: '对村务公开、惠民项目进行群众评议，三分之二以上同意为通过。',
    quorumPercent: 50,
    passPercent: 66,
  });
  await addMember(deps, village, pingyi, { name: '吴文斌', title: '站长 · 村民代表' });

  const act = async (who: Principal, id: number, action: TopicActionInput) => {
    const { version } = await trx
      .selectFrom('deliberation_topics')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await actOnTopic(deps, who, id, { version, action });
  };
  const iso = (d: Date) => d.toISOString();
  const vote = async (id: number, choices: string[]) => {
    for (const [i, choice] of choices.entries())
      await writeBallot(trx, id, (others[i] as Principal).userId as number, choice);
  };

  // closed: 村集体鱼塘承包方案 — decided, carried out, its outcome told to everyone who took part
  at = new Date(realNow.getTime() - 40 * DAY);
  const pond = await raiseTopic(deps, village, {
    stationId: wulao,
    title: '村集体鱼塘承包方案',
    proposal: '村集体鱼塘承包到期，建议公开竞价发包，承包期 5 年，收益用于村道路灯维护。',
    background: '原承包合同于本月底到期，多名村民询问续包办法。',
  });
  await act(village, pond.id, { type: 'accept' });
  await act(village, pond.id, {
    type: 'schedule',
    hearingAt: iso(new Date(at.getTime() + 3 * DAY)),
    place: '村委会议室',
  });
  at = new Date(realNow.getTime() - 37 * DAY);
  await act(village, pond.id, {
    type: 'recordHearing',
    hearing: {
      at: iso(at),
      place: '村委会议室',
      participants: '五老议事站成员 5 人、村民代表 12 人',
      notes: '讨论竞价规则与收益用途，一致同意公开竞价。',
    },
  });
  await act(village, pond.id, {
    type: 'openVoting',
    opensAt: iso(at),
    closesAt: iso(new Date(at.getTime() + 5 * DAY)),
  });
  await vote(pond.id, [...Array(11).fill('同意'), '反对', '弃权']);
  at = new Date(realNow.getTime() - 31 * DAY);
  await act(village, pond.id, { type: 'closeVoting' });
  await act(village, pond.id, {
    type: 'decide',
    decision: '鱼塘公开竞价发包，承包期 5 年，收益专项用于村道路灯维护。',
  });
  at = new Date(realNow.getTime() - 5 * DAY);
  await act(village, pond.id, {
    type: 'complete',
    outcome: '已于村务公开栏公示竞价结果并签订承包合同，首年承包款 3.2 万元已入村集体账户。',
  });

  // implementing: 广场舞噪音管理公约 — decided, a task of the village to put up the notice
  at = new Date(realNow.getTime() - 20 * DAY);
  const dance = await raiseTopic(deps, demoCitizen as Principal, {
    stationId: shuoshi,
    title: '广场舞噪音管理公约',
    proposal: '建议约定广场舞时间为 19:00—21:00，音量不超过 60 分贝，由各队轮流负责。',
    background: '文昌广场周边住户反映晚间音乐声音过大，影响老人和学生休息。',
  });
  await addComment(deps, others[0] as Principal, dance.id, '赞成，晚上九点以后确实太吵了。');
  await addComment(deps, others[1] as Principal, dance.id, '建议周末可以延长半小时。');
  const comments = await trx
    .selectFrom('deliberation_comments')
    .select('id')
    .where('topic_id', '=', dance.id)
    .execute();
  for (const c of comments) await moderateComment(deps, village, c.id, { approve: true });
  await act(village, dance.id, { type: 'accept' });
  await act(village, dance.id, {
    type: 'schedule',
    hearingAt: iso(new Date(at.getTime() + 2 * DAY)),
    place: '文昌广场',
  });
  at = new Date(realNow.getTime() - 18 * DAY);
  await act(village, dance.id, {
    type: 'recordHearing',
    hearing: {
      at: iso(at),
      place: '文昌广场',
      participants: '说事评理站成员、广场舞队代表 4 人、周边住户 9 人',
      notes: '各方同意限定时间与音量，由队长轮值监督。',
    },
  });
  await act(village, dance.id, {
    type: 'openVoting',
    opensAt: iso(at),
    closesAt: iso(new Date(at.getTime() + 3 * DAY)),
  });
  await vote(dance.id, [...Array(9).fill('同意'), '反对', '反对', '弃权']);
  at = new Date(realNow.getTime() - 15 * DAY);
  await act(village, dance.id, { type: 'closeVoting' });
  await act(village, dance.id, {
    type: 'decide',
    decision: '通过《文昌广场广场舞管理公约》：19:00—21:00，音量不超过 60 分贝，各队轮值。',
  });
  at = new Date(realNow.getTime() - 14 * DAY);
  await act(village, dance.id, {
    type: 'implement',
    followUps: [
      {
        title: '制作并张贴广场舞管理公约公示牌',
        ownerOrgId: villageId,
        dueAt: iso(new Date(realNow.getTime() + 10 * DAY)),
      },
    ],
  });

  // voting: 村口增设路灯 — the demo citizen may still vote
  at = new Date(realNow.getTime() - 6 * DAY);
  const lights = await raiseTopic(deps, village, {
    stationId: pingyi,
    title: '村口至学校路段增设路灯',
    proposal: '在村口至文昌小学约 300 米路段增设太阳能路灯 12 盏，费用由村集体鱼塘承包收益列支。',
  });
  await act(village, lights.id, { type: 'accept' });
  await act(village, lights.id, {
    type: 'schedule',
    hearingAt: iso(new Date(at.getTime() + DAY)),
    place: '村委会议室',
  });
  at = new Date(realNow.getTime() - 4 * DAY);
  await act(village, lights.id, {
    type: 'openVoting',
    opensAt: iso(at),
    closesAt: iso(new Date(realNow.getTime() + 3 * DAY)),
  });
  at = new Date(realNow.getTime() - 2 * DAY);
  await vote(lights.id, ['同意', '同意', '同意', '反对', '同意', '同意']);

  // scheduled: 老旧小区加装电梯 — a hearing in three days
  at = new Date(realNow.getTime() - 2 * DAY);
  const lift = await raiseTopic(deps, others[2] as Principal, {
    stationId: wulao,
    title: '老旧小区加装电梯费用分摊',
    proposal: '建议按楼层系数分摊加装电梯费用，一楼住户不分摊并给予适当补偿。',
    options: ['按楼层系数分摊', '各户平均分摊', '暂缓加装'],
  });
  await act(village, lift.id, { type: 'accept' });
  at = new Date(realNow.getTime() - 1 * DAY);
  await act(village, lift.id, {
    type: 'schedule',
    hearingAt: iso(new Date(realNow.getTime() + 3 * DAY)),
    place: '文昌社区党群服务中心',
  });

  // proposed: raised by the demo citizen this morning, waiting for the station
  at = new Date(realNow.getTime() - 2 * HOUR);
  await raiseTopic(deps, demoCitizen as Principal, {
    stationId: shuoshi,
    title: '学校门口增设减速带',
    proposal: '文昌小学门口车辆车速快，建议增设减速带和“前方学校”提示牌。',
    background: '上下学时段家长接送车辆多，已发生两次剐蹭。',
  });
  progress('议事议题 5 个（议事站 3 个）');
  return 5;
}
