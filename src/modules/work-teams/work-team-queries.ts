// Reading work teams: the list a unit sees (with each team's task counts) and one team with its units, people
// and history. Every query goes through workTeamsVisibleTo.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { TEAM_STATE_LABELS, type TeamState } from '../../domain/work-team/index.js';
import type { Principal } from '../auth/principal.js';
import { historyOf } from '../record-history/index.js';
import type { TaskCounts, TaskService } from '../tasks/index.js';
import { runsTeam, workTeamsVisibleTo } from './work-team-scope.js';
import { loadTeam, type TeamRow } from './work-team-store.js';
import type { WorkTeamDetail, WorkTeamListItem } from './work-team-views.js';

export const TEAM_EVENT_LABELS: Record<string, string> = {
  create: '成立专班',
  edit: '修改专班',
  assign_task: '交办任务',
  open_reports: '生成周报任务',
  end: '结束专班',
};

const NO_TASKS: TaskCounts = { total: 0, open: 0, overdue: 0, done: 0, doneOnTime: 0, cancelled: 0 };

export class WorkTeamQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly tasks: TaskService,
  ) {}

  private async summaries(rows: TeamRow[]): Promise<WorkTeamListItem[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [leads, orgs, unitCounts, counts] = await Promise.all([
      this.db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where(
          'id',
          'in',
          rows.map((r) => r.lead_user_id),
        )
        .execute(),
      this.db
        .selectFrom('orgs')
        .select(['id', 'name'])
        .where(
          'id',
          'in',
          rows.map((r) => r.organiser_org_id),
        )
        .execute(),
      this.db
        .selectFrom('work_team_units')
        .select((eb) => ['team_id', eb.fn.countAll<number>().as('n')])
        .where('team_id', 'in', ids)
        .groupBy('team_id')
        .execute(),
      this.tasks.countsBySource('work_team', ids.map(String)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      topic: r.topic,
      state: r.state,
      stateLabel: TEAM_STATE_LABELS[r.state],
      lead: { id: r.lead_user_id, name: leads.find((u) => u.id === r.lead_user_id)?.display_name ?? '' },
      organiser: { id: r.organiser_org_id, name: orgs.find((o) => o.id === r.organiser_org_id)?.name ?? '' },
      startDate: r.start_date,
      endDate: r.end_date,
      unitCount: Number(unitCounts.find((u) => u.team_id === r.id)?.n ?? 0),
      tasks: counts.get(String(r.id)) ?? NO_TASKS,
    }));
  }

  /** The teams the principal sees: running ones first, newest first. */
  async list(principal: Principal, filter: { state?: TeamState; q?: string }): Promise<{ items: WorkTeamListItem[] }> {
    let query = this.db.selectFrom('work_teams').selectAll().where(workTeamsVisibleTo(principal));
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.q?.trim()) query = query.where('name', 'like', `%${filter.q.trim().replace(/[%_\\]/g, '\\$&')}%`);
    const rows = await query.orderBy('state').orderBy('start_date', 'desc').orderBy('id', 'desc').limit(500).execute();
    return { items: await this.summaries(rows) };
  }

  summary(row: TeamRow): Promise<WorkTeamListItem> {
    return this.summaries([row]).then((items) => items[0] as WorkTeamListItem);
  }

  async get(principal: Principal, id: number): Promise<WorkTeamDetail> {
    const row = await loadTeam(this.db, id, principal);
    const [summary, units, members, history] = await Promise.all([
      this.summary(row),
      this.db
        .selectFrom('work_team_units as u')
        .innerJoin('orgs as o', 'o.id', 'u.org_id')
        .select(['o.id', 'o.name', 'o.kind', 'u.contact_name', 'u.contact_phone', 'u.since'])
        .where('u.team_id', '=', id)
        .orderBy('u.sort')
        .execute(),
      this.db
        .selectFrom('work_team_members as m')
        .innerJoin('orgs as o', 'o.id', 'm.org_id')
        .select(['m.name', 'm.role', 'm.phone', 'o.id as org_id', 'o.name as org_name'])
        .where('m.team_id', '=', id)
        .orderBy('m.sort')
        .execute(),
      historyOf(this.db, 'work_team', id, TEAM_EVENT_LABELS),
    ]);
    return {
      ...summary,
      version: row.version,
      endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
      endNote: row.end_note,
      createdAt: new Date(row.created_at).toISOString(),
      units: units.map((u) => ({
        org: { id: u.id, name: u.name, kind: u.kind },
        contactName: u.contact_name,
        contactPhone: u.contact_phone,
        since: u.since,
      })),
      members: members.map((m) => ({
        name: m.name,
        role: m.role,
        phone: m.phone,
        org: { id: m.org_id, name: m.org_name },
      })),
      history,
      canManage: row.state === 'active' && runsTeam(principal, row),
    };
  }
}
