// The public face of 突破项目: register, edit, add milestones, report monthly progress, evaluate at year end, and
// read the year's projects with their status. Each use case lives in its own file; this class only wires them.
import { monthOf } from '../../domain/assessment/index.js';
import type { EvaluationInput, MilestoneInput } from '../../domain/project/index.js';
import type { Principal } from '../auth/principal.js';
import { addMilestone } from './add-milestone.js';
import { type CreateProjectInput, createProject } from './create-project.js';
import { type EditProjectInput, editProject } from './edit-project.js';
import { evaluateProject } from './evaluate-project.js';
import { type ProjectListFilter, ProjectQueries } from './project-queries.js';
import type { ProjectDeps } from './project-store.js';
import type { ProjectDetail } from './project-views.js';
import { type ReportProgressInput, reportProgress } from './report-progress.js';

export class ProjectService {
  private readonly queries: ProjectQueries;

  constructor(private readonly deps: ProjectDeps) {
    this.queries = new ProjectQueries(deps.db, deps.tasks);
  }

  /** The year's projects (this year's by default, China time). */
  list(principal: Principal, filter: Omit<ProjectListFilter, 'year'> & { year?: number }) {
    const now = this.deps.clock.now();
    return this.queries.list(principal, { ...filter, year: filter.year ?? Number(monthOf(now).slice(0, 4)) }, now);
  }

  get(principal: Principal, id: number): Promise<ProjectDetail> {
    return this.queries.get(principal, id, this.deps.clock.now());
  }

  /** Per owner unit: project count, evaluated count and mean year-end score (the interface assessment reads). */
  evaluations(principal: Principal, year: number) {
    return this.queries.evaluations(principal, year);
  }

  async create(principal: Principal, input: CreateProjectInput): Promise<ProjectDetail> {
    const { id } = await createProject(this.deps, input, principal);
    return this.get(principal, id);
  }

  edit(principal: Principal, id: number, input: EditProjectInput): Promise<ProjectDetail> {
    return this.changed(principal, id, editProject(this.deps, id, input, principal));
  }

  addMilestone(principal: Principal, id: number, input: MilestoneInput): Promise<ProjectDetail> {
    return this.changed(principal, id, addMilestone(this.deps, id, input, principal));
  }

  report(principal: Principal, id: number, input: ReportProgressInput): Promise<ProjectDetail> {
    return this.changed(principal, id, reportProgress(this.deps, id, input, principal));
  }

  evaluate(principal: Principal, id: number, input: EvaluationInput & { version: number }): Promise<ProjectDetail> {
    return this.changed(principal, id, evaluateProject(this.deps, id, input, principal));
  }

  /** Once the change is written: the project as the principal now sees it (what the routes answer). */
  private async changed(principal: Principal, id: number, change: Promise<unknown>): Promise<ProjectDetail> {
    await change;
    return this.get(principal, id);
  }
}
