// Demo data of 联席会议, written inside the demo seed's transaction: the county's 社会治理联席会议, each town's
// 联席会议 and a topic meeting on disputes; and last month's county meeting, held and its minutes published,
// with two decisions whose tasks (through the task service) are still open — so this month's agenda opens with
// them. The tasks are assigned at seeding time (the task service opens every task at "now").
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import { defaultMemberOrgIds, type MeetingLevel } from '../../domain/meeting/index.js';
import { AuditService } from '../audit/audit-service.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { TaskService } from '../tasks/index.js';
import { defaultMeetingTitle } from './create-meeting.js';

const DAY_MS = 86_400_000;
const DISPUTE_UNITS = ['公安局', '法院', '检察院', '司法局', '信访局', '民政局', '县人民调解委员会'];

interface Org {
  id: number;
  name: string;
  kind: string;
  parentId: number | null;
  active: boolean;
  sort: number;
}

export async function seedDemoMeetings(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<{ kinds: number; meetings: number }> {
  const orgs: Org[] = await trx
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'parent_id as parentId', 'active', 'sort'])
    .where('depth', '<=', 2)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const county = orgs.find((o) => o.kind === 'county');
  if (!county) return { kinds: 0, meetings: 0 };
  const countyCode = (
    await trx.selectFrom('orgs').select('county_code').where('id', '=', county.id).executeTakeFirstOrThrow()
  ).county_code;
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', 'in', ['leader', 'county'])
    .execute();
  const leader = users.find((u) => u.username === 'leader');
  const secretary = users.find((u) => u.username === 'county');
  const now = clock.now();
  const stamp = { county_code: countyCode, created_at: now, updated_at: now };
  const byName = new Map(orgs.map((o) => [o.name, o.id]));

  const kind = async (
    level: MeetingLevel,
    organiser: Org,
    name: string,
    chair: string,
    members: number[],
    description: string,
  ) =>
    await trx
      .insertInto('meeting_kinds')
      .values({ ...stamp, name, level, organiser_org_id: organiser.id, chair, member_org_ids: members, description })
      .returning(['id', 'member_org_ids'])
      .executeTakeFirstOrThrow();
  const countyKind = await kind(
    'county',
    county,
    '县社会治理联席会议',
    leader?.display_name ?? '县委副书记',
    defaultMemberOrgIds('county', county.id, orgs),
    '每月召开一次，研究挂牌督办、跨部门、多次重办的疑难案件和本月热点问题，督查前次会议决定事项落实情况。',
  );
  let kinds = 1;
  for (const town of orgs.filter((o) => o.kind === 'town')) {
    await kind(
      'town',
      town,
      `${town.name}社会治理联席会议`,
      `${town.name}党（工）委副书记`,
      defaultMemberOrgIds('town', town.id, orgs),
      '每半月召开一次，研究村（社区）上报、站所协同的事项。',
    );
    kinds += 1;
  }
  await kind(
    'topic',
    county,
    '矛盾纠纷多元化解专题会议',
    leader?.display_name ?? '县委副书记',
    DISPUTE_UNITS.flatMap((n) => (byName.has(n) ? [byName.get(n) as number] : [])),
    '研究重大矛盾纠纷的化解方案，诉调、警调、访调对接。',
  );
  kinds += 1;

  // Last month's county meeting: a working day about a month ago, 09:30.
  const contexts = new CaseContextProvider(trx, clock);
  const { calendar } = await contexts.context();
  let day = chinaDayOf(new Date(now.getTime() - 30 * DAY_MS));
  for (let back = 31; !calendar.isWorkingDay(day); back++) day = chinaDayOf(new Date(now.getTime() - back * DAY_MS));
  const startsAt = chinaTime(day, '09:30');
  const heldAt = chinaTime(day, '11:30');
  const publishedAt = new Date(startsAt.getTime() + DAY_MS);
  const title = defaultMeetingTitle('县社会治理联席会议', startsAt);
  const members = countyKind.member_org_ids;
  const meeting = await trx
    .insertInto('meetings')
    .values({
      ...stamp,
      kind_id: countyKind.id,
      organiser_org_id: county.id,
      member_org_ids: members,
      unit_ids: [county.id, ...members],
      title,
      starts_at: startsAt,
      place: '县行政服务中心四楼第一会议室',
      chair: leader?.display_name ?? '县委副书记',
      secretary: secretary?.display_name ?? '',
      state: 'published',
      held_at: heldAt,
      published_at: publishedAt,
      created_by: secretary?.id ?? null,
      version: 7,
      created_at: new Date(startsAt.getTime() - 5 * DAY_MS),
      updated_at: publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const items = [
    {
      title: '城区老旧小区雨污管网改造推进',
      reason: '群众反映集中：本月城区“污水外溢”类诉求明显增多',
      discussion:
        '住建局通报了城区12个老旧小区管网现状；青溪街道反映部分小区改造资金未落实；生态环境分局建议同步排查直排口。',
      decision: {
        text: '住建局牵头，会同青溪街道完成城区老旧小区雨污管网排查，制定分年度改造计划报县政府',
        tasks: [{ owner: '住房和城乡建设局', assisting: ['生态环境分局'], workingDays: 15 }],
      },
    },
    {
      title: '校园周边交通秩序和食品安全专项整治',
      reason: '分析研判：开学以来校园周边交通拥堵、流动摊贩诉求较多',
      discussion: '公安局、市场监督管理局、教育局分别汇报了前期整治情况，会议讨论了护学岗设置和流动摊贩疏导点。',
      decision: {
        text: '公安局、市场监督管理局分别牵头开展校园周边交通秩序和食品安全专项整治，教育局配合',
        tasks: [
          { owner: '公安局', assisting: ['教育局'], workingDays: 10 },
          { owner: '市场监督管理局', assisting: ['教育局'], workingDays: 10 },
        ],
      },
    },
  ];
  const tasks = new TaskService(trx, clock, new AuditService(trx, clock), contexts);
  const events: { type: string; at: Date; details: Record<string, unknown> }[] = [
    { type: 'create', at: new Date(startsAt.getTime() - 5 * DAY_MS), details: { title } },
    { type: 'agenda', at: new Date(startsAt.getTime() - 2 * DAY_MS), details: { items: items.length } },
    { type: 'hold', at: heldAt, details: { from: 'draft', to: 'held' } },
    { type: 'attendance', at: heldAt, details: { units: members.length } },
  ];
  for (const [index, item] of items.entries()) {
    const row = await trx
      .insertInto('meeting_items')
      .values({
        meeting_id: meeting.id,
        position: index + 1,
        kind: 'free',
        title: item.title,
        reason: item.reason,
        discussion: item.discussion,
        created_at: startsAt,
        updated_at: heldAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const decision = await trx
      .insertInto('meeting_decisions')
      .values({
        meeting_id: meeting.id,
        item_id: row.id,
        text: item.decision.text,
        created_by: secretary?.id ?? null,
        created_at: heldAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const taskIds: number[] = [];
    for (const t of item.decision.tasks) {
      const created = await tasks.create(
        {
          title: item.decision.text,
          sourceKind: 'meeting_decision',
          sourceId: String(decision.id),
          sourceLabel: `${title} · 议题${index + 1}`,
          ownerOrgId: byName.get(t.owner) as number,
          assistingOrgIds: t.assisting.flatMap((n) => (byName.has(n) ? [byName.get(n) as number] : [])),
          assignedByOrgId: county.id,
          limit: { amount: t.workingDays, unit: 'working_days' },
        },
        null,
        trx,
      );
      taskIds.push(created.id);
    }
    events.push({ type: 'decision', at: heldAt, details: { itemId: row.id, decisionId: decision.id, taskIds } });
  }
  // Everyone came but two: one sent a deputy, one was away.
  await trx
    .insertInto('meeting_attendance')
    .values(
      members.map((orgId, i) => ({
        meeting_id: meeting.id,
        org_id: orgId,
        status: i === 3 ? 'substitute' : i === 7 ? 'absent' : 'present',
        attendee: i === 3 ? '副局长 代为出席' : null,
        note: i === 7 ? '参加省厅培训，会后书面报告' : null,
      })),
    )
    .execute();
  events.push({ type: 'publish', at: publishedAt, details: { from: 'held', to: 'published' } });
  await trx
    .insertInto('meeting_events')
    .values(
      events.map((e, i) => ({
        meeting_id: meeting.id,
        version: i + 1,
        type: e.type,
        at: e.at,
        actor_user_id: secretary?.id ?? null,
        actor_org_id: county.id,
        details: JSON.stringify(e.details),
      })),
    )
    .execute();
  progress(`联席会议：${kinds} 个会议类型，上月县社会治理联席会议纪要 1 份（2 项决定事项，3 项任务）`);
  return { kinds, meetings: 1 };
}
