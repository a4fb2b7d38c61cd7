// Reading projects: the year's list with each project's status (computed from its facts, src/domain/project),
// one project with its indicators, milestones (their tasks), reports, evaluation and history, and the year-end
// evaluations per unit that assessment reads. Every query goes through projectsVisibleTo.
import type { Kysely, Selectable } from 'kysely';
import type { DB, ProjectIndicatorsTable } from '../../db/schema.js';
import {
  evaluationOpensAt,
  indicatorProgress,
  PROJECT_STATUS_LABELS,
  type ProjectStanding,
  type ProjectStatus,
  projectStanding,
} from '../../domain/project/index.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { historyOf } from '../record-history/index.js';
import type { TaskListItem, TaskService } from '../tasks/index.js';
import { keepsProject, projectsVisibleTo } from './project-scope.js';
import { loadProject, type ProjectRow } from './project-store.js';
import type { ProjectDetail, ProjectEvaluations, ProjectList, ProjectListItem } from './project-views.js';

export interface ProjectListFilter {
  year: number;
  /** The project of this milestone, whatever its year (a task's page links to its project this way). */
  milestoneId?: number;
  ownerOrgId?: number;
  status?: ProjectStatus;
  q?: string;
}

export const PROJECT_EVENT_LABELS: Record<string, string> = {
  create: '申报项目',
  edit: '修改项目',
  add_milestone: '增加里程碑',
  report: '报送月度进展',
  evaluate: '年终评价',
};

const OPEN = new Set(['pending_sign', 'in_progress', 'overdue']);

interface Parts {
  indicators: Selectable<ProjectIndicatorsTable>[];
  milestones: { id: number; project_id: number; title: string; due_date: string; owner_org_id: number }[];
  months: { project_id: number; month: string }[];
  tasks: Map<string, TaskListItem>;
  orgs: Map<number, { name: string; kind: string }>;
}

export class ProjectQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly tasks: TaskService,
  ) {}

  /** Indicators, milestones (with their tasks), reported months and unit names of these projects. */
  private async parts(rows: ProjectRow[]): Promise<Parts> {
    const ids = rows.length ? rows.map((r) => r.id) : [-1];
    const [indicators, milestones, months] = await Promise.all([
      this.db.selectFrom('project_indicators').selectAll().where('project_id', 'in', ids).orderBy('sort').execute(),
      this.db
        .selectFrom('project_milestones')
        .select(['id', 'project_id', 'title', 'due_date', 'owner_org_id'])
        .where('project_id', 'in', ids)
        .orderBy('sort')
        .execute(),
      this.db.selectFrom('project_reports').select(['project_id', 'month']).where('project_id', 'in', ids).execute(),
    ]);
    const taskItems = await this.tasks.ofSources(
      'project_milestone',
      milestones.map((m) => String(m.id)),
    );
    const orgIds = [...new Set([...rows.map((r) => r.owner_org_id), ...milestones.map((m) => m.owner_org_id)])];
    const orgs = await this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind'])
      .where('id', 'in', orgIds.length ? orgIds : [-1])
      .execute();
    return {
      indicators,
      milestones,
      months,
      tasks: new Map(taskItems.map((t) => [t.sourceId ?? '', t])),
      orgs: new Map(orgs.map((o) => [o.id, { name: o.name, kind: o.kind }])),
    };
  }

  private item(row: ProjectRow, parts: Parts, now: Date): ProjectListItem & { standing: ProjectStanding } {
    const milestoneTasks = parts.milestones
      .filter((m) => m.project_id === row.id)
      .map((m) => parts.tasks.get(String(m.id)))
      .filter((t): t is TaskListItem => !!t);
    const months = parts.months.filter((m) => m.project_id === row.id).map((m) => m.month);
    const standing = projectStanding(
      {
        year: row.year,
        registeredAt: new Date(row.created_at),
        milestones: milestoneTasks.map((t) => ({
          state: t.state,
          dueAt: new Date(t.dueAt),
          warnAt: t.clock?.kind === 'due' ? new Date(t.clock.warnAt) : null,
          completedLate: t.completedLate,
        })),
        indicators: parts.indicators
          .filter((i) => i.project_id === row.id)
          .map((i) => ({ baseline: i.baseline, target: i.target, current: i.current_value })),
        reportedMonths: months,
      },
      now,
    );
    const owner = parts.orgs.get(row.owner_org_id);
    const counted = milestoneTasks.filter((t) => t.state !== 'cancelled');
    return {
      id: row.id,
      year: row.year,
      name: row.name,
      ownerOrg: { id: row.owner_org_id, name: owner?.name ?? '', kind: owner?.kind ?? '' },
      status: standing.status,
      statusLabel: PROJECT_STATUS_LABELS[standing.status],
      reasons: standing.reasons,
      progressPercent: standing.progressPercent,
      milestoneCounts: {
        total: counted.length,
        done: counted.filter((t) => t.state === 'done').length,
        overdue: counted.filter((t) => OPEN.has(t.state) && (t.state === 'overdue' || new Date(t.dueAt) <= now)).length,
      },
      lastReportMonth: months.sort().at(-1) ?? null,
      evaluation: row.eval_score === null ? null : { score: row.eval_score, grade: row.eval_grade ?? '' },
      updatedAt: new Date(row.updated_at).toISOString(),
      standing,
    };
  }

  /** The year's projects the principal sees, with their status; the counts by status are before the status filter. */
  async list(principal: Principal, filter: ProjectListFilter, now: Date): Promise<ProjectList> {
    let query = this.db.selectFrom('projects').selectAll().where(projectsVisibleTo(principal));
    query = filter.milestoneId
      ? query.where('id', 'in', (eb) =>
          eb
            .selectFrom('project_milestones')
            .select('project_id')
            .where('id', '=', filter.milestoneId as number),
        )
      : query.where('year', '=', filter.year);
    if (filter.ownerOrgId) query = query.where('owner_org_id', '=', filter.ownerOrgId);
    if (filter.q?.trim()) query = query.where('name', 'like', `%${filter.q.trim().replace(/[%_\\]/g, '\\$&')}%`);
    const rows = await query.orderBy('owner_org_id').orderBy('id').limit(1000).execute();
    const parts = await this.parts(rows);
    const all = rows.map((r) => {
      const { standing: _, ...item } = this.item(r, parts, now);
      return item;
    });
    const statusCounts = { on_track: 0, at_risk: 0, late: 0 };
    for (const item of all) statusCounts[item.status]++;
    const rank: Record<ProjectStatus, number> = { late: 0, at_risk: 1, on_track: 2 };
    const items = all
      .filter((i) => !filter.status || i.status === filter.status)
      .sort((a, b) => rank[a.status] - rank[b.status]);
    return { year: filter.year, items, statusCounts };
  }

  async get(principal: Principal, id: number, now: Date): Promise<ProjectDetail> {
    const row = await loadProject(this.db, id, principal);
    const [parts, reports, history] = await Promise.all([
      this.parts([row]),
      this.db
        .selectFrom('project_reports as r')
        .leftJoin('users as u', 'u.id', 'r.reported_by')
        .leftJoin('orgs as o', 'o.id', 'r.reported_by_org')
        .select([
          'r.month',
          'r.body',
          'r.indicator_values',
          'r.attachment_ids',
          'r.reported_at',
          'u.display_name',
          'o.name as org_name',
        ])
        .where('r.project_id', '=', id)
        .orderBy('r.month', 'desc')
        .execute(),
      historyOf(this.db, 'project', id, PROJECT_EVENT_LABELS),
    ]);
    const evaluator = row.evaluated_by
      ? await this.db.selectFrom('users').select('display_name').where('id', '=', row.evaluated_by).executeTakeFirst()
      : undefined;
    const { standing, ...item } = this.item(row, parts, now);
    const indicators = parts.indicators;
    const opensAt = evaluationOpensAt(row.year);
    const keeper = keepsProject(principal, row);
    return {
      ...item,
      goal: row.goal,
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      elapsedPercent: Math.round(standing.elapsedShare * 100),
      indicators: indicators.map((i) => ({
        id: i.id,
        name: i.name,
        unit: i.unit,
        baseline: i.baseline,
        target: i.target,
        current: i.current_value,
        progressPercent: Math.round(
          indicatorProgress({ baseline: i.baseline, target: i.target, current: i.current_value }) * 100,
        ),
      })),
      milestones: parts.milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueDate: m.due_date,
        ownerOrg: { id: m.owner_org_id, name: parts.orgs.get(m.owner_org_id)?.name ?? '' },
        task: parts.tasks.get(String(m.id)) ?? null,
      })),
      reports: reports.map((r) => ({
        month: r.month,
        text: r.body,
        values: r.indicator_values.map((v) => {
          const indicator = indicators.find((i) => i.id === v.indicatorId);
          return { ...v, name: indicator?.name ?? '', unit: indicator?.unit ?? '' };
        }),
        attachmentIds: r.attachment_ids,
        reportedBy: { userName: r.display_name, orgName: r.org_name },
        reportedAt: new Date(r.reported_at).toISOString(),
      })),
      evaluationDetail:
        row.eval_score === null || !row.evaluated_at
          ? null
          : {
              score: row.eval_score,
              grade: row.eval_grade ?? '',
              comment: row.eval_comment,
              evaluatedAt: new Date(row.evaluated_at).toISOString(),
              evaluatedBy: evaluator?.display_name ?? null,
            },
      evaluationOpensOn: `${row.year}-12-01`,
      history,
      can: {
        edit: keeper && can(principal, 'project.manage'),
        report: keeper && can(principal, 'project.manage'),
        evaluate: can(principal, 'project.evaluate') && isCountyRoot(principal) && now >= opensAt,
      },
    };
  }

  /** Per owner unit: its projects of the year, how many were evaluated and their mean score (for assessment). */
  async evaluations(principal: Principal, year: number): Promise<ProjectEvaluations> {
    const rows = await this.db
      .selectFrom('projects')
      .innerJoin('orgs', 'orgs.id', 'projects.owner_org_id')
      .select((eb) => [
        'projects.owner_org_id',
        'orgs.name',
        'orgs.kind',
        eb.fn.countAll<number>().as('projects'),
        eb.fn.count<number>('projects.eval_score').as('evaluated'),
        eb.fn.avg<number | null>('projects.eval_score').as('mean_score'),
      ])
      .where(projectsVisibleTo(principal))
      .where('projects.year', '=', year)
      .groupBy(['projects.owner_org_id', 'orgs.name', 'orgs.kind'])
      .orderBy('orgs.name')
      .execute();
    return {
      year,
      units: rows.map((r) => ({
        org: { id: r.owner_org_id, name: r.name, kind: r.kind },
        projects: Number(r.projects),
        evaluated: Number(r.evaluated),
        meanScore: r.mean_score === null ? null : Math.round(Number(r.mean_score) * 10) / 10,
      })),
    };
  }
}
