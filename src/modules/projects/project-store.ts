// Reading and writing a project's rows: the project within the principal's scope, its history entries, and its
// milestones — each one a task of the task capability, created in the caller's transaction.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB, ProjectsTable } from '../../db/schema.js';
import type { MilestoneInput } from '../../domain/project/index.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { recordChange } from '../record-history/index.js';
import type { TaskService } from '../tasks/index.js';
import { keepsProject, projectsVisibleTo } from './project-scope.js';

export type ProjectRow = Selectable<ProjectsTable>;
type Db = Kysely<DB> | Transaction<DB>;

/** What every use case of the module needs. */
export interface ProjectDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  tasks: TaskService;
  contexts: CaseContextProvider;
  attachments: Pick<AttachmentService, 'notOwnedBy'>;
}

/** The project, if the principal sees it (principal null: the system); otherwise PROJECT_NOT_FOUND. */
export async function loadProject(db: Db, id: number, principal: Principal | null, lock = false): Promise<ProjectRow> {
  let query = db.selectFrom('projects').selectAll().where('id', '=', id);
  if (principal) query = query.where(projectsVisibleTo(principal));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('PROJECT_NOT_FOUND', { details: { projectId: id } });
  return row;
}

/**
 * The project for a change, locked in the transaction: seen (else 404), kept by the principal's unit unless the
 * change is the county's (else 403), at the version the caller saw (else 409 CONFLICT).
 */
export async function projectForChange(
  trx: Transaction<DB>,
  id: number,
  principal: Principal,
  options: { version?: number; byKeeper: boolean },
): Promise<ProjectRow> {
  const project = await loadProject(trx, id, principal, true);
  if (options.byKeeper && !keepsProject(principal, project)) {
    throw new AppError('FORBIDDEN', { message: '只有项目责任单位可以修改项目、报送进展' });
  }
  if (options.version !== undefined && project.version !== options.version) {
    throw new AppError('CONFLICT', {
      details: { projectId: id, current: { version: project.version }, yourVersion: options.version },
    });
  }
  return project;
}

/**
 * Commits a change of the project in the caller's transaction: the row's version bumped (with any units newly
 * standing to it), the history entry and the audit entry.
 */
export async function commitProjectChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal,
  project: ProjectRow,
  change: { type: string; at: Date; details: Record<string, unknown>; addUnits?: number[] },
): Promise<void> {
  await trx
    .updateTable('projects')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: change.at,
      unit_ids: [...new Set([...project.unit_ids, ...(change.addUnits ?? [])])],
    }))
    .where('id', '=', project.id)
    .execute();
  await recordChange(trx, audit, principal, { kind: 'project', id: project.id, ...change });
}

export function milestoneSourceKey(projectId: number, milestoneId: number): string {
  return `project:${projectId}:milestone:${milestoneId}`;
}

/** A milestone row and its task (source 'project_milestone', source id the milestone's id), in the caller's transaction. */
export async function addMilestoneTask(
  deps: ProjectDeps,
  trx: Transaction<DB>,
  project: Pick<ProjectRow, 'id' | 'year' | 'name' | 'goal' | 'owner_org_id'>,
  milestone: MilestoneInput & { dueAt: Date },
  principal: Principal | null,
  sort: number,
): Promise<{ milestoneId: number; taskId: number; ownerOrgId: number }> {
  const ownerOrgId = milestone.ownerOrgId ?? project.owner_org_id;
  const { id } = await trx
    .insertInto('project_milestones')
    .values({
      project_id: project.id,
      title: milestone.title,
      due_date: milestone.dueDate,
      owner_org_id: ownerOrgId,
      sort,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await deps.tasks.create(
    {
      title: `${milestone.title}（${project.name}）`,
      description: `${project.year} 年突破项目“${project.name}”的里程碑。项目目标：${project.goal}`,
      sourceKind: 'project_milestone',
      sourceId: String(id),
      sourceLabel: `${project.year}年突破项目：${project.name}`,
      sourceKey: milestoneSourceKey(project.id, id),
      ownerOrgId,
      assignedByOrgId: project.owner_org_id,
      dueAt: milestone.dueAt,
    },
    principal,
    trx,
  );
  await trx.updateTable('project_milestones').set({ task_id: task.id }).where('id', '=', id).execute();
  return { milestoneId: id, taskId: task.id, ownerOrgId };
}
