// Demo data of volunteering, inside the demo seed's transaction: the demo village's volunteer team, the town's
// patrol team and the association's emergency team; the demo citizen 张三 (13800000001) and five neighbours
// registered as volunteers; an activity finished last week with credited hours, one taking sign-ups with places
// left, and a town patrol next week.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import { AuditService } from '../audit/audit-service.js';
import { principalOfUser } from '../deliberations/demo-deliberations.js';
import { createActivity } from './create-activity.js';
import type { VolunteerDeps } from './volunteer-deps.js';
import { writeActivityChange } from './volunteer-store.js';

const DAY = 86_400_000;
const DEMO_CITIZEN_PHONE = '13800000001';

export async function seedDemoVolunteers(
  trx: Transaction<DB>,
  clock: Clock,
  associationOrgId: number | null,
): Promise<{ volunteers: number; activities: number }> {
  const village = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.org_id', 'o.name', 'o.parent_id', 'o.county_code', 'o.center_lat', 'o.center_lng'])
    .where('u.username', '=', 'village')
    .executeTakeFirst();
  const town = await trx.selectFrom('users').select(['id', 'org_id']).where('username', '=', 'town').executeTakeFirst();
  if (!village?.org_id || !town?.org_id) return { volunteers: 0, activities: 0 };
  const now = clock.now();
  const deps: VolunteerDeps = { db: trx, clock, audit: new AuditService(trx, clock) };
  const villageP = await principalOfUser(trx, village.id);
  const townP = await principalOfUser(trx, town.id);

  const citizens = await trx
    .selectFrom('users')
    .select(['id', 'display_name', 'phone'])
    .where('role', '=', 'citizen')
    .orderBy(({ eb }) => eb.case().when('phone', '=', DEMO_CITIZEN_PHONE).then(0).else(1).end())
    .orderBy('id')
    .limit(6)
    .execute();
  const skills = [['水电维修'], ['急救', '驾驶'], ['文艺'], ['电脑'], ['心理疏导'], []];
  const volunteerIds: number[] = [];
  for (const [i, c] of citizens.entries()) {
    const { id } = await trx
      .insertInto('volunteers')
      .values({
        user_id: c.id,
        county_code: village.county_code,
        village_id: village.org_id,
        name: c.display_name,
        phone: c.phone ?? '',
        skills: skills[i] ?? [],
        created_at: new Date(now.getTime() - (60 - i) * DAY),
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    volunteerIds.push(id);
  }

  const teamOf = async (orgId: number, name: string, leader: string, socialOrgId: number | null = null) =>
    (
      await trx
        .insertInto('volunteer_teams')
        .values({
          county_code: village.county_code,
          org_id: orgId,
          social_org_id: socialOrgId,
          name,
          leader_name: leader,
          intro: '',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const villageTeam = await teamOf(village.org_id, `${village.name}志愿服务队`, citizens[0]?.display_name ?? '');
  const townTeam = await teamOf(town.org_id, '平安巡防志愿队', '陈建国');
  if (associationOrgId) {
    const so = await trx
      .selectFrom('social_orgs')
      .select('id')
      .where('org_id', '=', associationOrgId)
      .executeTakeFirst();
    await teamOf(associationOrgId, '应急救援志愿服务队', '郑志远', so?.id ?? null);
  }
  await trx
    .insertInto('volunteer_team_members')
    .values([
      ...volunteerIds.map((v) => ({ team_id: villageTeam, volunteer_id: v, joined_at: now })),
      ...volunteerIds.slice(0, 2).map((v) => ({ team_id: townTeam, volunteer_id: v, joined_at: now })),
    ])
    .execute();

  const at = (days: number, time: string) => chinaTime(chinaDayOf(new Date(now.getTime() + days * DAY)), time);
  const point =
    village.center_lat !== null && village.center_lng !== null
      ? { lat: village.center_lat, lng: village.center_lng }
      : {};

  // finished last week: written as it ended (the sign-up clock would refuse a past start)
  const past = { startsAt: at(-7, '09:00'), endsAt: at(-7, '11:00') };
  const { id: finishedId } = await trx
    .insertInto('volunteer_activities')
    .values({
      county_code: village.county_code,
      org_id: village.org_id,
      village_id: village.org_id,
      team_id: villageTeam,
      title: '敬老院陪伴与义务理发',
      description: '到镇敬老院陪老人聊天、义务理发、打扫房间。',
      place: '镇敬老院',
      starts_at: past.startsAt,
      ends_at: past.endsAt,
      capacity: 10,
      signed_up: 4,
      skills: ['理发'],
      state: 'finished',
      created_by: village.id,
      version: 3,
      created_at: new Date(past.startsAt.getTime() - 5 * DAY),
      updated_at: past.endsAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const served = [120, 120, 90, 60];
  for (const [i, v] of volunteerIds.slice(0, 4).entries()) {
    const minutes = served[i] ?? 60;
    await trx
      .insertInto('volunteer_signups')
      .values({
        activity_id: finishedId,
        volunteer_id: v,
        state: 'signed',
        signed_at: new Date(past.startsAt.getTime() - 3 * DAY),
        checked_in_at: new Date(past.startsAt.getTime() - 10 * 60_000),
        checked_out_at: new Date(past.startsAt.getTime() + minutes * 60_000 + 5 * 60_000),
        minutes,
      })
      .execute();
    await trx.updateTable('volunteers').set({ service_minutes: minutes }).where('id', '=', v).execute();
  }
  for (const [type, when] of [
    ['create', new Date(past.startsAt.getTime() - 5 * DAY)],
    ['publish', new Date(past.startsAt.getTime() - 5 * DAY)],
    ['finish', past.endsAt],
  ] as const) {
    await writeActivityChange(trx, deps.audit, villageP, {
      activityId: finishedId,
      villageId: village.org_id,
      version: type === 'create' ? 1 : type === 'publish' ? 2 : 3,
      type,
      state: type === 'create' ? 'draft' : type === 'publish' ? 'open' : 'finished',
      at: when,
    });
  }

  await createActivity(deps, villageP, {
    title: '清洁家园志愿服务',
    description: '清理村道两侧垃圾、整治房前屋后乱堆乱放，工具由村里提供。',
    place: `${village.name}文化礼堂门口集合`,
    ...point,
    startsAt: at(3, '08:30').toISOString(),
    endsAt: at(3, '11:00').toISOString(),
    capacity: 20,
    skills: [],
    teamId: villageTeam,
    publish: true,
  });
  await createActivity(deps, townP, {
    title: '夜间平安巡防',
    description: '沿主干道和沿街商铺巡防，发现隐患随手拍上报。',
    place: '镇综治中心',
    startsAt: at(7, '19:00').toISOString(),
    endsAt: at(7, '21:00').toISOString(),
    capacity: 8,
    skills: ['驾驶'],
    teamId: townTeam,
    villageId: village.org_id,
    publish: true,
  });
  return { volunteers: volunteerIds.length, activities: 3 };
}
