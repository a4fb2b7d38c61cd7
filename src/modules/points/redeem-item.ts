// Redeems an item of the village's 积分超市 for a household: at the counter by the village's staff (handed
// over at once) or from the household's phone (collected later). The household's row is locked first, then
// the item's, so two redemptions at once take turns: the second sees the balance and stock the first left,
// and is refused rather than drive either below zero. Redemption, ledger entry, stock and audit entry
// commit together.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { postRedemption } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { decided } from './points-errors.js';
import { householdOfCitizen } from './points-scope.js';
import { appendEntry, lockHousehold } from './points-store.js';

export interface RedeemInput {
  itemId: number;
  quantity?: number;
  /** staff at the counter name the household; a citizen redeems for their own */
  householdId?: number;
}

export async function redeemItem(
  deps: PointsDeps,
  principal: Principal,
  input: RedeemInput,
): Promise<{ redemptionId: number; entryId: number; balance: number }> {
  const citizen = principal.role === 'citizen';
  const own = citizen ? await householdOfCitizen(deps.db, principal) : null;
  const householdId = own?.id ?? input.householdId;
  if (householdId === undefined) {
    throw new AppError('VALIDATION_FAILED', { message: '请选择兑换的农户', details: { field: 'householdId' } });
  }
  const quantity = input.quantity ?? 1;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const household = await lockHousehold(trx, householdId, own ? 'own' : principal);
    if (!household.active) throw new AppError('VALIDATION_FAILED', { message: '该户已停用，不能兑换' });
    const item = await trx
      .selectFrom('points_items')
      .selectAll()
      .where('id', '=', input.itemId)
      .where('village_id', '=', household.villageId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw new AppError('POINTS_ITEM_NOT_FOUND', { details: { itemId: input.itemId } });
    const posting = decided(
      postRedemption(household.balance, { price: item.price, quantity, stock: item.stock, active: item.active }),
    );
    const { id: redemptionId } = await trx
      .insertInto('points_redemptions')
      .values({
        county_code: household.countyCode,
        village_id: household.villageId,
        household_id: household.id,
        item_id: item.id,
        item_name: item.name,
        quantity,
        points: -posting.points,
        channel: citizen ? 'phone' : 'counter',
        redeemed_by_user_id: principal.userId,
        handed_over_at: citizen ? null : now,
        handed_over_by_user_id: citizen ? null : principal.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entryId = await appendEntry(
      trx,
      household,
      posting,
      {
        kind: 'redemption',
        occurredOn: chinaDayOf(now),
        quantity,
        note: `兑换 ${item.name} × ${quantity}`,
        redemptionId,
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
    await deps.audit.record(
      principal,
      {
        action: 'points.redeem',
        targetType: 'points_redemption',
        targetId: redemptionId,
        details: {
          householdId: household.id,
          itemId: item.id,
          quantity,
          points: -posting.points,
          channel: citizen ? 'phone' : 'counter',
        },
      },
      trx,
    );
    return { redemptionId, entryId, balance: posting.balanceAfter };
  });
}
