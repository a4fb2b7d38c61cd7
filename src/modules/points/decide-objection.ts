// Decides a household's objection: a second person (not the one who gave the deduction) upholds it — a
// correction entry gives back what still stands of the deduction — or dismisses it with a reason. The
// objection is locked first, then the household; one transaction with the audit entry.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { checkApprover } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import { appendCorrection, entryToCorrect } from './correct-entry.js';
import type { PointsDeps } from './points-deps.js';
import { decided } from './points-errors.js';
import { notifyPoints } from './points-notify.js';
import { inVillageScope } from './points-scope.js';
import { lockHousehold } from './points-store.js';

export interface DecideObjectionInput {
  uphold: boolean;
  note: string;
}

export async function decideObjection(
  deps: PointsDeps,
  principal: Principal,
  objectionId: number,
  input: DecideObjectionInput,
): Promise<{ correctionEntryId: number | null }> {
  const note = input.note.trim();
  if (!note) throw new AppError('VALIDATION_FAILED', { message: '请写明复核意见', details: { field: 'note' } });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const objection = await trx
      .selectFrom('points_objections')
      .selectAll()
      .where('id', '=', objectionId)
      .where(inVillageScope(principal, 'points_objections'))
      .forUpdate()
      .executeTakeFirst();
    if (!objection) throw new AppError('POINTS_OBJECTION_NOT_FOUND', { details: { objectionId } });
    if (objection.state !== 'open')
      throw new AppError('POINTS_ALREADY_DECIDED', { details: { state: objection.state } });
    const household = await lockHousehold(trx, objection.household_id, principal);
    const target = await entryToCorrect(trx, objection.entry_id);
    decided(checkApprover(target.entry.given_by_user_id, principal.userId));
    let correctionEntryId: number | null = null;
    // a deduction already corrected by hand has nothing left to give back
    if (input.uphold && target.entry.points + target.correctedSoFar !== 0) {
      const reason = `申诉成立：${note}`;
      correctionEntryId = (await appendCorrection(trx, household, target, undefined, { reason, principal, now }))
        .entryId;
    }
    await trx
      .updateTable('points_objections')
      .set({
        state: input.uphold ? 'upheld' : 'dismissed',
        decided_by_user_id: principal.userId,
        decided_at: now,
        decision_note: note,
        correction_entry_id: correctionEntryId,
        version: sql`version + 1`,
      })
      .where('id', '=', objection.id)
      .execute();
    // the household that objected and the village that gave the deduction hear the decision
    const outcome = input.uphold ? '申诉成立，扣分已退还' : '维持原扣分';
    await notifyPoints(trx, now, [
      {
        userId: objection.raised_by_user_id,
        kind: 'points.objection_decided',
        title: `积分申诉复核结果：${outcome}（${note}）`,
        link: '/my/points',
      },
      {
        orgId: objection.village_id,
        kind: 'points.objection_decided',
        title: `${household.headName}户 申诉复核：${outcome}`,
        link: `/points/households/${objection.household_id}`,
      },
    ]);
    await deps.audit.record(
      principal,
      {
        action: input.uphold ? 'points.objection.uphold' : 'points.objection.dismiss',
        targetType: 'points_objection',
        targetId: objection.id,
        details: { entryId: objection.entry_id, correctionEntryId },
      },
      trx,
    );
    return { correctionEntryId };
  });
}
