// The public face of 工作专班: form, edit and end teams, assign their tasks, open the weekly reports, and read
// teams and the leader's overview. Each use case lives in its own file; this class only wires them.

import type { TeamState } from '../../domain/work-team/index.js';
import type { Principal } from '../auth/principal.js';
import { type AssignTeamTaskInput, assignTeamTask } from './assign-team-task.js';
import { type CreateWorkTeamInput, createWorkTeam } from './create-work-team.js';
import { type EditWorkTeamInput, editWorkTeam } from './edit-work-team.js';
import { endWorkTeam } from './end-work-team.js';
import { openWeeklyReports } from './open-weekly-reports.js';
import { teamOverview } from './team-overview.js';
import { WorkTeamQueries } from './work-team-queries.js';
import type { WorkTeamDeps } from './work-team-store.js';
import type { TeamOverview, WorkTeamDetail, WorkTeamListItem } from './work-team-views.js';

export class WorkTeamService {
  private readonly queries: WorkTeamQueries;

  constructor(private readonly deps: WorkTeamDeps) {
    this.queries = new WorkTeamQueries(deps.db, deps.tasks);
  }

  list(principal: Principal, filter: { state?: TeamState; q?: string }): Promise<{ items: WorkTeamListItem[] }> {
    return this.queries.list(principal, filter);
  }

  get(principal: Principal, id: number): Promise<WorkTeamDetail> {
    return this.queries.get(principal, id);
  }

  async create(principal: Principal, input: CreateWorkTeamInput): Promise<WorkTeamDetail> {
    const { id } = await createWorkTeam(this.deps, input, principal);
    return this.get(principal, id);
  }

  async edit(principal: Principal, id: number, input: EditWorkTeamInput): Promise<WorkTeamDetail> {
    await editWorkTeam(this.deps, id, input, principal);
    return this.get(principal, id);
  }

  async end(
    principal: Principal,
    id: number,
    input: { version: number; note?: string | null },
  ): Promise<WorkTeamDetail> {
    await endWorkTeam(this.deps, id, input, principal);
    return this.get(principal, id);
  }

  assignTask(principal: Principal, id: number, input: AssignTeamTaskInput): Promise<{ id: number; number: string }> {
    return assignTeamTask(this.deps, id, input, principal);
  }

  overview(principal: Principal, id: number): Promise<TeamOverview> {
    return teamOverview({ ...this.deps, queries: this.queries }, id, principal);
  }

  /** One pass of the weekly-report generator (the job runs it in every server process). */
  openWeeklyReports(): Promise<{ opened: number }> {
    return openWeeklyReports(this.deps);
  }
}
