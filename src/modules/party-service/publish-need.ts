// The community publishes a need (微心愿 of a resident, a service project, a volunteer activity) with its due day;
// registered members and units of the community see it and may claim it. The community itself or a level above
// publishes; the row and its history, audit and outbox entries are one transaction.

import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { NeedKind } from '../../domain/party-service/index.js';
import type { Principal } from '../auth/principal.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import { inTransaction } from './party-service-deps.js';
import { requireKeeper, requireVillage } from './party-service-scope.js';
import { writePartyServiceChange } from './party-service-store.js';

export interface PublishNeedInput {
  villageId: number;
  kind: NeedKind;
  title: string;
  description?: string;
  beneficiary?: string;
  dueOn: string;
}

/** Writes a published need in the caller's transaction (the demo seed calls this with principal null). */
export async function writeNeed(
  trx: Transaction<DB>,
  deps: Pick<PartyServiceDeps, 'audit'>,
  principal: Principal | null,
  village: { id: number; countyCode: string },
  input: PublishNeedInput,
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('party_needs')
    .values({
      county_code: village.countyCode,
      village_id: village.id,
      kind: input.kind,
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      beneficiary: input.beneficiary?.trim() ?? '',
      due_on: input.dueOn,
      state: 'published',
      created_by_user_id: principal?.userId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writePartyServiceChange(trx, deps.audit, principal, {
    kind: 'party_need',
    id,
    type: 'publish',
    villageId: village.id,
    version: 1,
    state: 'published',
    at: now,
    details: { kind: input.kind, title: input.title.trim(), dueOn: input.dueOn },
  });
  return id;
}

export async function publishNeed(
  deps: PartyServiceDeps,
  principal: Principal,
  input: PublishNeedInput,
): Promise<{ id: number }> {
  const village = await requireVillage(deps.db, principal, input.villageId);
  requireKeeper(principal, village.id);
  if (!input.title.trim())
    throw new AppError('VALIDATION_FAILED', { message: '请填写需求名称', details: { field: 'title' } });
  const now = deps.clock.now();
  if (input.dueOn < chinaDayOf(now)) {
    throw new AppError('VALIDATION_FAILED', { message: '完成期限不能早于今天', details: { field: 'dueOn' } });
  }
  const id = await inTransaction(deps.db, (trx) => writeNeed(trx, deps, principal, village, input, now));
  return { id };
}
