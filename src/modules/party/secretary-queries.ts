// Reads of the first secretaries: the list in scope with this month's days on site and their tasks, one
// secretary's detail (days, tasks, history), the signed-in secretary's own assignments (the phone's check-in),
// and the month's report per secretary (json, or a spreadsheet through the dashboards' xlsx writer).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { chinaDayOf, type WorkCalendar } from '../../domain/calendar/index.js';
import { monthBounds } from '../../domain/legal/index.js';
import { secretaryMonth, termStatus } from '../../domain/party/index.js';
import type { Principal } from '../auth/principal.js';
import type { Sheet } from '../dashboards/xlsx.js';
import { historyOf } from '../record-history/index.js';
import type { TaskService } from '../tasks/index.js';
import { loadSecretary } from './assign-secretary.js';
import { secretariesInScope } from './party-scope.js';
import { PARTY_EVENT_LABELS } from './party-store.js';
import type { SecretaryDetail, SecretaryMonthlyReport, SecretaryView } from './party-views.js';

type Db = Kysely<DB>;
type Tasks = Pick<TaskService, 'ofSources'>;

function secretariesQuery(db: Db) {
  return db
    .selectFrom('first_secretaries as s')
    .innerJoin('orgs as v', 'v.id', 's.village_id')
    .innerJoin('orgs as t', 't.id', 's.town_id')
    .innerJoin('orgs as d', 'd.id', 's.sending_org_id')
    .selectAll('s')
    .select(['v.name as village_name', 't.name as town_name', 'd.name as sending_name']);
}

/** The secretaries' days on site within [first, last] and all their tasks. */
async function daysAndTasks(
  db: Db,
  tasks: Tasks,
  rows: readonly { id: number }[],
  range: { first: string; last: string },
) {
  const ids = rows.map((r) => r.id);
  const days = ids.length
    ? await db
        .selectFrom('first_secretary_days')
        .select(['secretary_id', 'day'])
        .where('secretary_id', 'in', ids)
        .where('day', '>=', range.first)
        .where('day', '<=', range.last)
        .execute()
    : [];
  return { days, taskItems: await tasks.ofSources('first_secretary', ids.map(String)) };
}

async function views(
  db: Db,
  tasks: Tasks,
  rows: Awaited<ReturnType<ReturnType<typeof secretariesQuery>['execute']>>,
  now: Date,
) {
  const today = chinaDayOf(now);
  const { days, taskItems } = await daysAndTasks(db, tasks, rows, monthBounds(today.slice(0, 7)));
  return rows.map((r): SecretaryView => {
    const mine = taskItems.filter((t) => t.sourceId === String(r.id));
    const myDays = days.filter((d) => d.secretary_id === r.id);
    return {
      id: r.id,
      name: r.name,
      phone: r.phone,
      userId: r.user_id,
      village: { id: r.village_id, name: r.village_name },
      town: { id: r.town_id, name: r.town_name },
      sendingOrg: { id: r.sending_org_id, name: r.sending_name },
      termStart: r.term_start,
      termEnd: r.term_end,
      status: termStatus(r.term_start, r.term_end, today),
      active: r.active,
      version: r.version,
      daysThisMonth: myDays.length,
      checkedInToday: myDays.some((d) => d.day === today),
      tasks: {
        total: mine.length,
        open: mine.filter((t) => t.state === 'pending_sign' || t.state === 'in_progress').length,
        overdue: mine.filter((t) => t.state === 'overdue').length,
        done: mine.filter((t) => t.state === 'done').length,
      },
    };
  });
}

export async function listSecretaries(db: Db, tasks: Tasks, principal: Principal, now: Date) {
  const rows = await secretariesQuery(db)
    .where(secretariesInScope(principal, 's'))
    .orderBy('s.active', 'desc')
    .orderBy('s.town_id')
    .orderBy('s.village_id')
    .execute();
  return views(db, tasks, rows, now);
}

/** The signed-in user's own assignments (a first secretary checking in from the phone). */
export async function mySecretaryAssignments(db: Db, tasks: Tasks, principal: Principal, now: Date) {
  if (principal.userId === null) return [];
  const rows = await secretariesQuery(db)
    .where('s.user_id', '=', principal.userId)
    .where('s.active', '=', true)
    .execute();
  return views(db, tasks, rows, now);
}

export async function secretaryDetail(
  db: Db,
  tasks: Tasks,
  principal: Principal,
  id: number,
  now: Date,
): Promise<SecretaryDetail> {
  await loadSecretary(db, principal, id);
  const row = await secretariesQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow();
  const [view] = await views(db, tasks, [row], now);
  const days = await db
    .selectFrom('first_secretary_days')
    .select(['day', 'source', 'note'])
    .where('secretary_id', '=', id)
    .orderBy('day', 'desc')
    .limit(120)
    .execute();
  return {
    ...(view as SecretaryView),
    days,
    taskList: await tasks.ofSources('first_secretary', [String(id)]),
    history: await historyOf(db, 'first_secretary', id, PARTY_EVENT_LABELS),
  };
}

/** Every secretary in scope whose term touches the month: days on site against working days, tasks. */
export async function secretaryMonthly(
  db: Db,
  tasks: Tasks,
  principal: Principal,
  month: string,
  calendar: WorkCalendar,
  today: string,
): Promise<SecretaryMonthlyReport> {
  const { first, last } = monthBounds(month);
  const rows = await secretariesQuery(db)
    .where(secretariesInScope(principal, 's'))
    .where('s.term_start', '<=', last)
    .where('s.term_end', '>=', first)
    .orderBy('s.town_id')
    .orderBy('s.village_id')
    .execute();
  const { days, taskItems } = await daysAndTasks(db, tasks, rows, { first, last });
  return {
    month,
    rows: rows.map((r) => ({
      secretary: { id: r.id, name: r.name },
      village: { id: r.village_id, name: r.village_name },
      town: { id: r.town_id, name: r.town_name },
      sendingOrg: { id: r.sending_org_id, name: r.sending_name },
      ...secretaryMonth({
        month,
        termStart: r.term_start,
        termEnd: r.term_end,
        days: days.filter((d) => d.secretary_id === r.id).map((d) => d.day),
        isWorkingDay: (d) => calendar.isWorkingDay(d),
        asOf: today,
        tasks: taskItems
          .filter((t) => t.sourceId === String(r.id))
          .map((t) => ({
            state: t.state,
            completedAt: t.completedAt ? chinaDayOf(new Date(t.completedAt)) : null,
            completedLate: t.completedLate,
          })),
      }),
    })),
  };
}

export function secretaryMonthlySheet(report: SecretaryMonthlyReport): Sheet {
  return {
    name: '第一书记月报',
    title: `第一书记驻村情况月报（${report.month}）`,
    columns: [
      '第一书记',
      '派出单位',
      '镇街',
      '驻村',
      '驻村天数',
      '应在岗工作日',
      '在岗率',
      '本月完成任务',
      '其中超时完成',
      '逾期未办',
      '在办',
    ],
    rows: report.rows.map((r) => [
      r.secretary.name,
      r.sendingOrg.name,
      r.town.name,
      r.village.name,
      r.daysOnSite,
      r.workingDaysInTerm,
      r.onSiteRate === null ? null : `${Math.round(r.onSiteRate * 100)}%`,
      r.tasksDone,
      r.tasksDoneLate,
      r.tasksOverdue,
      r.tasksOpen,
    ]),
  };
}
