// Puts a mistaken award or deduction right (更正): the ledger is append-only, so a counter-entry takes back
// what still stands of it (or part of it), with the reason, on the corrected entry's day and rule (so
// rankings and caps see the corrected figure). Never below a zero balance: points already spent at the shop
// cannot be taken back.
import { AppError } from '../../core/errors.js';
import { type EntryKind, postCorrection } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { decided } from './points-errors.js';
import { type Db, inVillageScope } from './points-scope.js';
import { appendEntry, type LockedHousehold, lockHousehold } from './points-store.js';

export interface CorrectEntryInput {
  /** the counter-amount (opposite sign); by default all that still stands of the entry */
  points?: number;
  reason: string;
}

/** The entry and the sum of its corrections so far. */
export async function entryToCorrect(db: Db, entryId: number) {
  const entry = await db.selectFrom('points_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw new AppError('POINTS_ENTRY_NOT_FOUND', { details: { entryId } });
  const { sum } = await db
    .selectFrom('points_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.lit(0)).as('sum'))
    .where('corrects_entry_id', '=', entryId)
    .executeTakeFirstOrThrow();
  return { entry, correctedSoFar: Number(sum) };
}

/** Appends the counter-entry to a locked household (also used when an objection is upheld). */
export async function appendCorrection(
  trx: Parameters<typeof appendEntry>[0],
  household: LockedHousehold,
  target: Awaited<ReturnType<typeof entryToCorrect>>,
  amount: number | undefined,
  meta: { reason: string; principal: Principal; now: Date },
): Promise<{ entryId: number; points: number }> {
  const { entry } = target;
  const posting = decided(
    postCorrection(
      household.balance,
      { kind: entry.kind as EntryKind, points: entry.points, correctedSoFar: target.correctedSoFar },
      amount,
    ),
  );
  const entryId = await appendEntry(
    trx,
    household,
    posting,
    {
      kind: 'correction',
      occurredOn: entry.occurred_on,
      ruleId: entry.rule_id,
      ruleName: entry.rule_name,
      note: meta.reason,
      correctsEntryId: entry.id,
      givenByUserId: meta.principal.userId,
      givenByOrgId: meta.principal.orgId,
    },
    meta.now,
  );
  return { entryId, points: posting.points };
}

export async function correctEntry(
  deps: PointsDeps,
  principal: Principal,
  entryId: number,
  input: CorrectEntryInput,
): Promise<{ entryId: number; points: number }> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { message: '请写明更正原因', details: { field: 'reason' } });
  const visible = await deps.db
    .selectFrom('points_entries')
    .select(['id', 'household_id'])
    .where('id', '=', entryId)
    .where(inVillageScope(principal, 'points_entries'))
    .executeTakeFirst();
  if (!visible) throw new AppError('POINTS_ENTRY_NOT_FOUND', { details: { entryId } });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const household = await lockHousehold(trx, visible.household_id, principal);
    const target = await entryToCorrect(trx, entryId);
    const result = await appendCorrection(trx, household, target, input.points, { reason, principal, now });
    await deps.audit.record(
      principal,
      {
        action: 'points.correct',
        targetType: 'points_entry',
        targetId: result.entryId,
        details: { correctsEntryId: entryId, points: result.points, reason },
      },
      trx,
    );
    return result;
  });
}
