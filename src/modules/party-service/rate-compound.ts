// A resident rates the property service of a compound from the phone, 1–5 stars with an optional comment: one
// rating per resident, compound and month (the unique key decides between two taps at once).
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import type { PartyServiceDeps } from './party-service-deps.js';

export async function rateCompound(
  deps: PartyServiceDeps,
  principal: Principal,
  compoundId: number,
  input: { stars: number; comment?: string },
): Promise<{ month: string }> {
  if (principal.role !== 'citizen' || principal.userId === null) {
    throw new AppError('FORBIDDEN', { message: '物业服务评价请居民用手机登录后提交' });
  }
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) {
    throw new AppError('VALIDATION_FAILED', { message: '评价须为 1 至 5 星', details: { field: 'stars' } });
  }
  const compound = await deps.db
    .selectFrom('property_compounds')
    .select('id')
    .where('id', '=', compoundId)
    .executeTakeFirst();
  if (!compound) throw new AppError('PROPERTY_COMPOUND_NOT_FOUND', { details: { compoundId } });
  const now = deps.clock.now();
  const month = chinaDayOf(now).slice(0, 7);
  const row = await deps.db
    .insertInto('property_resident_ratings')
    .values({
      compound_id: compoundId,
      user_id: principal.userId,
      month,
      stars: input.stars,
      comment: input.comment?.trim().slice(0, 500) ?? '',
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['compound_id', 'user_id', 'month']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('PROPERTY_RATING_DUPLICATE', { details: { compoundId, month } });
  return { month };
}
