// Statistics of volunteering in the principal's scope for one year: activities held (not drafts or cancelled),
// volunteers who served (credited time) and hours, by village and by month (China time); the registered
// volunteers of the scope; and the same tables as a spreadsheet.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { chinaTime } from '../../domain/calendar/index.js';
import { hoursOf } from '../../domain/volunteer/index.js';
import type { Principal } from '../auth/principal.js';
import type { Sheet } from '../dashboards/xlsx.js';
import { volunteersVisibleTo } from './volunteer-queries.js';
import { inVolunteerScope } from './volunteer-scope.js';
import type { VolunteerStats } from './volunteer-views.js';

type Db = Kysely<DB> | Transaction<DB>;

const MONTH = sql<string>`to_char((a.starts_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;

function held(db: Db, principal: Principal, year: number) {
  return db
    .selectFrom('volunteer_activities as a')
    .leftJoin('volunteer_signups as s', (j) => j.onRef('s.activity_id', '=', 'a.id').on('s.minutes', '>', 0))
    .where(inVolunteerScope(principal, 'a', true))
    .where('a.state', 'in', ['open', 'running', 'finished'])
    .where('a.starts_at', '>=', chinaTime(`${year}-01-01`))
    .where('a.starts_at', '<', chinaTime(`${year + 1}-01-01`));
}

const figures = [
  sql<number>`count(DISTINCT a.id)`.as('activities'),
  sql<number>`count(DISTINCT s.volunteer_id)`.as('volunteers'),
  sql<number>`coalesce(sum(s.minutes), 0)`.as('minutes'),
] as const;

export async function volunteerStats(db: Db, principal: Principal, year: number): Promise<VolunteerStats> {
  const byVillage = await held(db, principal, year)
    .leftJoin('orgs as v', 'v.id', 'a.village_id')
    .select(['a.village_id', sql<string>`coalesce(min(v.name), '镇街/县级活动')`.as('village'), ...figures])
    .groupBy('a.village_id')
    .orderBy(sql`coalesce(sum(s.minutes), 0)`, 'desc')
    .execute();
  const byMonth = await held(db, principal, year)
    .select([MONTH.as('month'), ...figures])
    .groupBy(MONTH)
    .orderBy(MONTH)
    .execute();
  const totals = await held(db, principal, year).select(figures).executeTakeFirstOrThrow();
  const { registered } = await db
    .selectFrom('volunteers')
    .select((eb) => eb.fn.countAll<number>().as('registered'))
    .where('volunteers.active', '=', true)
    .where(volunteersVisibleTo(principal))
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    year,
    byVillage: byVillage.map((r) => ({
      villageId: r.village_id,
      village: r.village,
      activities: n(r.activities),
      volunteers: n(r.volunteers),
      hours: hoursOf(n(r.minutes)),
    })),
    byMonth: byMonth.map((r) => ({
      month: r.month,
      activities: n(r.activities),
      volunteers: n(r.volunteers),
      hours: hoursOf(n(r.minutes)),
    })),
    totals: {
      activities: n(totals.activities),
      volunteers: n(totals.volunteers),
      hours: hoursOf(n(totals.minutes)),
      registered: n(registered),
    },
  };
}

/** The statistics as the sheets of a workbook (src/modules/dashboards/xlsx.ts writes them). */
export function statsSheets(stats: VolunteerStats): Sheet[] {
  const columns = ['活动场次', '参与志愿者（人）', '服务时长（小时）'];
  return [
    {
      name: '按村社区',
      title: `${stats.year} 年志愿服务统计（按村社区）`,
      columns: ['村（社区）', ...columns],
      rows: [
        ...stats.byVillage.map((r) => [r.village, r.activities, r.volunteers, r.hours]),
        ['合计', stats.totals.activities, stats.totals.volunteers, stats.totals.hours],
      ],
    },
    {
      name: '按月份',
      title: `${stats.year} 年志愿服务统计（按月份）`,
      columns: ['月份', ...columns],
      rows: stats.byMonth.map((r) => [r.month, r.activities, r.volunteers, r.hours]),
    },
  ];
}
