// GET /api/privacy/erasures: the administrators' view of citizens' erasure requests — when asked, whether done,
// how many cases were anonymised and how many still wait for their closing. No personal data: the account is
// named by its id (and, once done, is 已注销用户 anyway).
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { carriesReporterData, citizenPhoneHashes, isFinished, reportedBy } from './case-personal-data.js';
import type { PrivacyDeps } from './privacy-deps.js';

export type ErasureState = 'pending' | 'completed';

export interface ErasureListItem {
  id: number;
  userId: number;
  state: ErasureState;
  requestedAt: string;
  completedAt: string | null;
  casesAnonymised: number;
  /** Cases not finished yet that still carry the citizen's data (0 once completed). */
  casesWaiting: number;
}

export interface ListErasuresOptions {
  state?: ErasureState;
  limit?: number;
  offset?: number;
}

/** For administrators of the county (user.manage, checked by the route): a citizen belongs to no town. */
export async function listErasures(
  deps: Pick<PrivacyDeps, 'db' | 'crypto'>,
  principal: Principal,
  options: ListErasuresOptions,
): Promise<{ items: ErasureListItem[]; total: number }> {
  if (!isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '个人信息删除申请由县级管理员查看' });
  }
  let base = deps.db.selectFrom('privacy_erasures as p');
  if (options.state === 'pending') base = base.where('p.completed_at', 'is', null);
  if (options.state === 'completed') base = base.where('p.completed_at', 'is not', null);
  const user = sql.ref<number>('p.user_id');
  // only pending erasures count waiting cases; completed ones have no phone left to match
  const phones = await citizenPhoneHashes(deps.db, deps.crypto, 'pending erasures');
  const [rows, total] = await Promise.all([
    base
      .select(['p.id', 'p.user_id', 'p.requested_at', 'p.completed_at', 'p.cases_anonymised'])
      .select((eb) =>
        eb
          .selectFrom('cases')
          .select(sql<number>`count(*)`.as('n'))
          .where(reportedBy(user, phones))
          .where(sql<boolean>`NOT ${isFinished}`)
          .where(carriesReporterData)
          .as('waiting'),
      )
      .orderBy('p.requested_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(options.limit ?? 50)
      .offset(options.offset ?? 0)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      state: r.completed_at ? 'completed' : 'pending',
      requestedAt: new Date(r.requested_at).toISOString(),
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      casesAnonymised: r.cases_anonymised,
      casesWaiting: r.completed_at ? 0 : Number(r.waiting ?? 0),
    })),
    total: Number(total.n),
  };
}
