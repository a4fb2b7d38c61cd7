// The head's phone and the address in full: needs pii.view (the route checks it), the household in scope,
// and leaves an audit entry, like a case's reporter.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { inVillageScope } from './points-scope.js';

export async function revealHousehold(
  deps: PointsDeps,
  principal: Principal,
  id: number,
  ip?: string,
): Promise<{ phone: string | null; address: string | null }> {
  const row = await deps.db
    .selectFrom('points_households')
    .select(['head_phone', 'address'])
    .where('id', '=', id)
    .where(inVillageScope(principal, 'points_households'))
    .executeTakeFirst();
  if (!row) throw new AppError('POINTS_HOUSEHOLD_NOT_FOUND', { details: { householdId: id } });
  await deps.audit.record(principal, {
    action: 'pii.view',
    targetType: 'points_household',
    targetId: id,
    details: { fields: ['phone', 'address'] },
    ip,
  });
  return { phone: row.head_phone, address: row.address };
}
