// POST /api/citizen/me/erasure: a citizen asks that their personal data be deleted (PIPL 删除权). Their finished
// cases lose it at once; cases still being handled keep the phone their handlers call back on and lose it when
// they are finished (sweep-erasures.ts), and then the account is anonymised. Asking again changes nothing that
// was done: it answers where the erasure stands.
import { AppError } from '../../core/errors.js';
import { erasureMessage } from '../../domain/privacy/index.js';
import type { Principal } from '../auth/principal.js';
import type { PrivacyDeps } from './privacy-deps.js';
import { progressErasure } from './progress-erasure.js';

export interface ErasureAnswer {
  requestedAt: string;
  completedAt: string | null;
  /** Cases anonymised by this request. */
  anonymised: number;
  /** Cases still being handled: anonymised when they are finished. */
  waiting: number;
  message: string;
}

export async function requestErasure(deps: PrivacyDeps, principal: Principal): Promise<ErasureAnswer> {
  if (principal.kind !== 'user' || principal.role !== 'citizen' || principal.userId === null) {
    throw new AppError('FORBIDDEN', { message: '只有群众本人可以申请删除个人信息（请使用群众账号登录）' });
  }
  const userId = principal.userId;
  await deps.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('privacy_erasures')
      .values({ user_id: userId, requested_at: deps.clock.now() })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (created)
      await deps.audit.record(
        principal,
        { action: 'privacy.erasure.requested', targetType: 'user', targetId: userId },
        trx,
      );
  });
  const progress = await progressErasure(deps, userId, principal);
  return {
    requestedAt: progress.requestedAt.toISOString(),
    completedAt: progress.completedAt?.toISOString() ?? null,
    anonymised: progress.anonymised,
    waiting: progress.waiting,
    message: erasureMessage({ ...progress, completed: progress.completedAt !== null }),
  };
}
