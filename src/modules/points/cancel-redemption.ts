// Cancels a redemption the household has not collected yet (取消兑换): from its phone for its own, or by the
// village's staff (with a reason the household sees). The household's row is locked first and then the
// redemption's, the order redeem-item.ts keeps, so a cancel and a hand-over at the same moment take turns and
// exactly one of them wins. The points come back as a refund entry (the ledger is never edited), the stock as
// it was; entry, stock, redemption, notification and audit entry commit together.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { postRefund } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { decided } from './points-errors.js';
import { notifyPoints } from './points-notify.js';
import { householdOfCitizen, inVillageScope } from './points-scope.js';
import { appendEntry, lockHousehold } from './points-store.js';

export async function cancelRedemption(
  deps: PointsDeps,
  principal: Principal,
  redemptionId: number,
  input: { reason?: string },
): Promise<{ entryId: number; balance: number }> {
  const citizen = principal.role === 'citizen';
  const own = citizen ? await householdOfCitizen(deps.db, principal) : null;
  const reason = input.reason?.trim() ?? '';
  if (!citizen && !reason) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请写明取消兑换的原因（农户可见）',
      details: { field: 'reason' },
    });
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // the household first (the ledger's lock order), found through the redemption within scope
    let find = trx.selectFrom('points_redemptions').select(['id', 'household_id']).where('id', '=', redemptionId);
    find = own ? find.where('household_id', '=', own.id) : find.where(inVillageScope(principal, 'points_redemptions'));
    const found = await find.executeTakeFirst();
    if (!found) throw new AppError('POINTS_REDEMPTION_NOT_FOUND', { details: { redemptionId } });
    const household = await lockHousehold(trx, found.household_id, own ? 'own' : principal);
    const redemption = await trx
      .selectFrom('points_redemptions')
      .selectAll()
      .where('id', '=', redemptionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const item = await trx
      .selectFrom('points_items')
      .select(['id', 'stock'])
      .where('id', '=', redemption.item_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const posting = decided(
      postRefund(household.balance, item.stock, {
        points: redemption.points,
        quantity: redemption.quantity,
        handedOver: redemption.handed_over_at !== null,
        cancelled: redemption.cancelled_at !== null,
      }),
    );
    const entryId = await appendEntry(
      trx,
      household,
      posting,
      {
        kind: 'refund',
        occurredOn: chinaDayOf(now),
        quantity: redemption.quantity,
        note: `取消兑换 ${redemption.item_name} × ${redemption.quantity}${reason ? `：${reason}` : ''}`,
        redemptionId: redemption.id,
        givenByUserId: principal.userId,
        givenByOrgId: principal.orgId,
      },
      now,
    );
    await trx
      .updateTable('points_items')
      .set({ stock: posting.stockAfter, version: sql`version + 1`, updated_at: now })
      .where('id', '=', item.id)
      .execute();
    await trx
      .updateTable('points_redemptions')
      .set({ cancelled_at: now, cancelled_by_user_id: principal.userId, cancel_reason: reason || null })
      .where('id', '=', redemption.id)
      .execute();
    // the other side hears of it: the village when the household cancels, the household when staff do
    const what = `${household.headName}户 取消兑换 ${redemption.item_name} × ${redemption.quantity}，退还 ${redemption.points} 分`;
    await notifyPoints(trx, now, [
      citizen
        ? { orgId: household.villageId, kind: 'points.redemption_cancelled', title: what, link: '/points/shop' }
        : {
            userId: redemption.redeemed_by_user_id,
            kind: 'points.redemption_cancelled',
            title: `${what}（原因：${reason}）`,
            link: '/my/points',
          },
    ]);
    await deps.audit.record(
      principal,
      {
        action: 'points.cancel_redemption',
        targetType: 'points_redemption',
        targetId: redemption.id,
        details: { householdId: household.id, points: redemption.points, reason: reason || null },
      },
      trx,
    );
    return { entryId, balance: posting.balanceAfter };
  });
}
