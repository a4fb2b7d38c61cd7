// Assigns a task of the team (专班交办) to one of its member units, in the name of the organising unit: the task
// capability keeps its clock, escalation and inbox; the team's history records the assignment.
import { AppError } from '../../core/errors.js';
import type { DurationUnit } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import { recordChange } from '../record-history/index.js';
import { teamForChange, type WorkTeamDeps } from './work-team-store.js';

export interface AssignTeamTaskInput {
  readonly title: string;
  readonly description?: string;
  readonly ownerOrgId: number;
  readonly assistingOrgIds?: number[];
  readonly dueAt?: string;
  readonly limit?: { amount: number; unit: DurationUnit };
  readonly attachmentIds?: string[];
}

export async function assignTeamTask(
  deps: WorkTeamDeps,
  id: number,
  input: AssignTeamTaskInput,
  principal: Principal,
): Promise<{ id: number; number: string }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const team = await teamForChange(trx, id, principal);
    const members = await trx.selectFrom('work_team_units').select('org_id').where('team_id', '=', id).execute();
    const isMember = (orgId: number) => members.some((m) => m.org_id === orgId);
    if (!isMember(input.ownerOrgId)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '任务的责任单位须为专班成员单位',
        details: { field: 'ownerOrgId' },
      });
    }
    if (!(input.assistingOrgIds ?? []).every(isMember)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '协办单位须为专班成员单位',
        details: { field: 'assistingOrgIds' },
      });
    }
    const task = await deps.tasks.create(
      {
        title: input.title,
        description: input.description,
        sourceKind: 'work_team',
        sourceId: String(id),
        sourceLabel: team.name,
        ownerOrgId: input.ownerOrgId,
        assistingOrgIds: input.assistingOrgIds,
        assignedByOrgId: team.organiser_org_id,
        dueAt: input.dueAt,
        limit: input.limit,
        attachmentIds: input.attachmentIds,
      },
      principal,
      trx,
    );
    const details = { taskId: task.id, number: task.number, title: input.title, ownerOrgId: input.ownerOrgId };
    await recordChange(trx, deps.audit, principal, { kind: 'work_team', id, type: 'assign_task', at: now, details });
    return { id: task.id, number: task.number };
  });
}
