// Opens the weekly progress reports of running work teams: one task per member unit per ISO week, due at the
// close of the week's last working day (src/domain/work-team/report-weeks.ts). Run by a job in every server
// process and once when a team is formed. Idempotent: the task's source key is the (team, unit, week), so two
// processes generating at once make one task, and the link row has the same key.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CHINA_OFFSET_MS, chinaDayOf, type WorkCalendar } from '../../domain/calendar/index.js';
import { type ReportWeek, weeksToOpen } from '../../domain/work-team/index.js';
import type { TeamRow, WorkTeamDeps } from './work-team-store.js';

export function reportSourceKey(teamId: number, orgId: number, week: string): string {
  return `team:${teamId}:unit:${orgId}:week:${week}`;
}

/** '2026-W40' → '2026年第40周'. */
export function weekLabel(week: string): string {
  return `${week.slice(0, 4)}年第${Number(week.slice(6))}周`;
}

function reportTask(team: TeamRow, orgId: number, week: ReportWeek) {
  const close = new Date(week.dueAt.getTime() + CHINA_OFFSET_MS).toISOString().slice(11, 16);
  return {
    title: `${team.name}周报（${weekLabel(week.week)}）`,
    description: `请于 ${week.dueDay} ${close} 前报送本单位本周工作进展：完成情况、存在问题、下周计划。办结时填写的办理结果即为本周周报。`,
    sourceKind: 'work_team' as const,
    sourceId: String(team.id),
    sourceLabel: team.name,
    sourceKey: reportSourceKey(team.id, orgId, week.week),
    ownerOrgId: orgId,
    assignedByOrgId: team.organiser_org_id,
    dueAt: week.dueAt,
  };
}

/** The report task of one unit for one week, and its link; answers whether it was new. */
async function openReport(
  deps: WorkTeamDeps,
  trx: Transaction<DB>,
  team: TeamRow,
  orgId: number,
  week: ReportWeek,
): Promise<boolean> {
  const task = await deps.tasks.create(reportTask(team, orgId, week), null, trx);
  await trx
    .insertInto('work_team_reports')
    .values({ team_id: team.id, org_id: orgId, week: week.week, due_at: week.dueAt, task_id: task.id })
    .onConflict((oc) => oc.columns(['team_id', 'org_id', 'week']).doNothing())
    .execute();
  return task.created;
}

/** Opens this week's reports of one team inside the caller's transaction (a team being formed). */
export async function openTeamReports(
  deps: WorkTeamDeps,
  trx: Transaction<DB>,
  team: TeamRow,
  now: Date,
  calendar: WorkCalendar,
): Promise<number> {
  let opened = 0;
  for (const week of weeksToOpen({ start: team.start_date, end: team.end_date }, now, calendar)) {
    const units = await trx
      .selectFrom('work_team_units')
      .select('org_id')
      .where('team_id', '=', team.id)
      .where('since', '<=', week.dueDay)
      .orderBy('sort')
      .execute();
    for (const unit of units) if (await openReport(deps, trx, team, unit.org_id, week)) opened++;
  }
  return opened;
}

/** One pass of the job: every running team's reports of the current week that are not open yet. */
export async function openWeeklyReports(deps: WorkTeamDeps): Promise<{ opened: number }> {
  const { now, calendar } = await deps.contexts.context();
  const today = chinaDayOf(now);
  const teams = await deps.db
    .selectFrom('work_teams')
    .selectAll()
    .where('state', '=', 'active')
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .execute();
  if (teams.length === 0) return { opened: 0 };
  const teamIds = teams.map((t) => t.id);
  // What is open already (the usual case once a week has begun) and who owes: two queries, no transaction.
  const [linked, units] = await Promise.all([
    deps.db
      .selectFrom('work_team_reports')
      .select(['team_id', 'org_id', 'week'])
      .where('team_id', 'in', teamIds)
      .where('due_at', '>', now)
      .execute(),
    deps.db
      .selectFrom('work_team_units')
      .select(['team_id', 'org_id', 'since'])
      .where('team_id', 'in', teamIds)
      .orderBy('sort')
      .execute(),
  ]);
  const have = new Set(linked.map((l) => `${l.team_id}|${l.org_id}|${l.week}`));
  let opened = 0;
  for (const team of teams) {
    for (const week of weeksToOpen({ start: team.start_date, end: team.end_date }, now, calendar)) {
      const missing = units.filter(
        (u) => u.team_id === team.id && u.since <= week.dueDay && !have.has(`${team.id}|${u.org_id}|${week.week}`),
      );
      for (const unit of missing) {
        const created = await deps.db.transaction().execute((trx) => openReport(deps, trx, team, unit.org_id, week));
        if (created) opened++;
      }
    }
  }
  return { opened };
}
