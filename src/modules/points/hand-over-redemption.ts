// The village's staff hand over what a household redeemed from its phone (待领取 → 已领取), once.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { inVillageScope } from './points-scope.js';

export async function handOverRedemption(deps: PointsDeps, principal: Principal, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('points_redemptions')
      .select(['id', 'handed_over_at'])
      .where('id', '=', id)
      .where(inVillageScope(principal, 'points_redemptions'))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('POINTS_REDEMPTION_NOT_FOUND', { details: { redemptionId: id } });
    if (row.handed_over_at) throw new AppError('POINTS_ALREADY_DECIDED', { message: '该兑换已领取' });
    const now = deps.clock.now();
    await trx
      .updateTable('points_redemptions')
      .set({ handed_over_at: now, handed_over_by_user_id: principal.userId })
      .where('id', '=', id)
      .execute();
    await deps.audit.record(
      principal,
      { action: 'points.hand_over', targetType: 'points_redemption', targetId: id },
      trx,
    );
  });
}
