// Staff move an activity along its life (发布报名, 开始, 结束, 取消): the activity within scope, at the version the
// caller saw (else 409), the machine's answer, then one transaction with the row, history, audit and outbox.
import { AppError } from '../../core/errors.js';
import { type ActivityAction, type ActivityState, nextActivityState } from '../../domain/volunteer/index.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type VolunteerDeps } from './volunteer-deps.js';
import { decided } from './volunteer-errors.js';
import { loadActivity, writeActivityChange } from './volunteer-store.js';

export interface ActivityActionInput {
  version: number;
  action: ActivityAction;
  reason?: string;
}

export async function actOnActivity(
  deps: VolunteerDeps,
  principal: Principal,
  id: number,
  input: ActivityActionInput,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await loadActivity(trx, id, principal, true);
    if (row.version !== input.version) {
      throw new AppError('VOLUNTEER_VERSION_CONFLICT', {
        details: { activityId: id, current: { version: row.version }, yourVersion: input.version },
      });
    }
    const to = decided(
      nextActivityState(row.state as ActivityState, input.action, {
        now,
        startsAt: new Date(row.starts_at),
        reason: input.reason,
      }),
    );
    if (input.action === 'publish' && new Date(row.starts_at).getTime() <= now.getTime()) {
      throw new AppError('VALIDATION_FAILED', {
        message: '活动开始时间已过，请修改时间后再发布',
        details: { field: 'startsAt' },
      });
    }
    const version = row.version + 1;
    await trx
      .updateTable('volunteer_activities')
      .set({
        state: to,
        version,
        updated_at: now,
        ...(input.action === 'cancel' ? { cancel_reason: input.reason?.trim() ?? null } : {}),
      })
      .where('id', '=', id)
      .execute();
    await writeActivityChange(trx, deps.audit, principal, {
      activityId: id,
      villageId: row.village_id,
      version,
      type: input.action,
      state: to,
      at: now,
      details: input.reason ? { reason: input.reason.trim() } : {},
    });
  });
}
