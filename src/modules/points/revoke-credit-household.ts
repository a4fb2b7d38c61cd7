// Revokes a credit household's title for its year (a later deduction or debt came to light), with the
// reason; the row stays, marked revoked, so the bank's earlier list can be explained.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { inVillageScope } from './points-scope.js';

export async function revokeCreditHousehold(
  deps: PointsDeps,
  principal: Principal,
  id: number,
  reason: string,
): Promise<void> {
  const why = reason.trim();
  if (!why) throw new AppError('VALIDATION_FAILED', { message: '请写明撤销原因', details: { field: 'reason' } });
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('points_credit_households')
      .select(['id', 'revoked_at', 'household_id', 'year'])
      .where('id', '=', id)
      .where(inVillageScope(principal, 'points_credit_households'))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('POINTS_CREDIT_NOT_FOUND', { details: { id } });
    if (row.revoked_at) throw new AppError('POINTS_ALREADY_DECIDED', { message: '该诚信户称号已撤销' });
    await trx
      .updateTable('points_credit_households')
      .set({ revoked_at: deps.clock.now(), revoked_by_user_id: principal.userId, revoke_reason: why })
      .where('id', '=', id)
      .execute();
    await deps.audit.record(
      principal,
      {
        action: 'points.credit.revoke',
        targetType: 'points_credit_household',
        targetId: id,
        details: { householdId: row.household_id, year: row.year, reason: why },
      },
      trx,
    );
  });
}
