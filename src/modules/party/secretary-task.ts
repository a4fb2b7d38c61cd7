// A task for a first secretary (第一书记任务): assigned by the sending department, owned by the village where
// the secretary serves, on the task capability (source 'first_secretary', source id the assignment), so the
// deadline runs on the work calendar and overdue tasks are supervised like any other.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { loadSecretary, requireSender } from './assign-secretary.js';
import type { PartyDeps } from './party-deps.js';
import { writePartyChange } from './party-store.js';

export interface SecretaryTaskInput {
  title: string;
  description?: string;
  /** a due instant, or a limit in working days from now (one of the two) */
  dueAt?: string;
  limitDays?: number;
}

export async function assignSecretaryTask(
  deps: PartyDeps,
  principal: Principal,
  secretaryId: number,
  input: SecretaryTaskInput,
): Promise<{ id: number; number: string }> {
  const row = await loadSecretary(deps.db, principal, secretaryId);
  requireSender(principal, row.sending_org_id);
  if (!row.active) {
    throw new AppError('VALIDATION_FAILED', {
      message: '该第一书记已离任，不能再交办任务',
      details: { field: 'secretaryId' },
    });
  }
  if (!input.title.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写任务名称', details: { field: 'title' } });
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const task = await deps.tasks.create(
      {
        title: input.title,
        description: input.description,
        sourceKind: 'first_secretary',
        sourceId: String(row.id),
        sourceLabel: `第一书记 ${row.name}`,
        ownerOrgId: row.village_id,
        assignedByOrgId: row.sending_org_id,
        ...(input.limitDays ? { limit: { amount: input.limitDays, unit: 'working_days' as const } } : {}),
        ...(input.dueAt ? { dueAt: input.dueAt } : {}),
      },
      principal,
      trx,
    );
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'first_secretary',
      id: row.id,
      type: 'task',
      version: row.version,
      at: now,
      details: { taskId: task.id, taskNumber: task.number, title: input.title.trim() },
    });
    return { id: task.id, number: task.number };
  });
}
