// The leader's view of a team (专班总览): every task of the team, overdue first, then by due time; how each member
// unit reports (on time, late, missing); and the punctuality of the recent weeks for the chart.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import {
  leaderTaskOrder,
  reportPunctuality,
  reportWeeks,
  type WeeklyReportTask,
} from '../../domain/work-team/index.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { TaskService } from '../tasks/index.js';
import { weekLabel } from './open-weekly-reports.js';
import type { WorkTeamQueries } from './work-team-queries.js';
import { loadTeam } from './work-team-store.js';
import { CHART_WEEKS, type TeamOverview } from './work-team-views.js';

export async function teamOverview(
  deps: { db: Kysely<DB>; tasks: TaskService; contexts: CaseContextProvider; queries: WorkTeamQueries },
  id: number,
  principal: Principal,
): Promise<TeamOverview> {
  const row = await loadTeam(deps.db, id, principal);
  const { now, calendar } = await deps.contexts.context();
  const [team, tasks, links, units] = await Promise.all([
    deps.queries.summary(row),
    deps.tasks.ofSources('work_team', [String(id)]),
    deps.db.selectFrom('work_team_reports').select(['task_id', 'org_id', 'week']).where('team_id', '=', id).execute(),
    deps.db
      .selectFrom('work_team_units as u')
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['o.id', 'o.name', 'u.contact_name', 'u.since'])
      .where('u.team_id', '=', id)
      .orderBy('u.sort')
      .execute(),
  ]);
  const weekOf = new Map(links.map((l) => [Number(l.task_id), l.week]));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const reports: WeeklyReportTask[] = links.flatMap((l) => {
    const task = byId.get(Number(l.task_id));
    return task ? [{ orgId: l.org_id, week: l.week, state: task.state, completedLate: task.completedLate }] : [];
  });
  const weeks = reportWeeks({ start: row.start_date, end: row.end_date }, calendar, chinaDayOf(now));
  const tally = reportPunctuality(
    weeks,
    units.map((u) => ({ orgId: u.id, since: u.since })),
    reports,
    now,
  );
  return {
    team,
    now: now.toISOString(),
    tasks: tasks
      .map((t) => {
        const week = weekOf.get(t.id) ?? null;
        return {
          ...t,
          kind: week ? ('report' as const) : ('assigned' as const),
          week,
          weekLabel: week && weekLabel(week),
        };
      })
      .sort(leaderTaskOrder(now)),
    units: tally.units.map(({ orgId, ...counts }, i) => ({
      org: { id: orgId, name: units[i]?.name ?? '' },
      contactName: units[i]?.contact_name ?? '',
      ...counts,
    })),
    weeks: tally.weeks
      .slice(-CHART_WEEKS)
      .map((w) => ({ ...w, weekLabel: weekLabel(w.week), dueAt: w.dueAt.toISOString() })),
  };
}
