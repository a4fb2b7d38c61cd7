// A second person decides an award or deduction that waited for approval (from the village's threshold on):
// not the person who gave it. Approved, it reaches the ledger (a deduction takes at most the balance);
// rejected, it never does. The request is locked first, then the household, so a request is decided once.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { checkApprover, postAwardOrDeduction } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { decided } from './points-errors.js';
import { notifyPoints } from './points-notify.js';
import { inVillageScope } from './points-scope.js';
import { appendEntry, lockHousehold } from './points-store.js';

export interface DecideRequestInput {
  approve: boolean;
  note?: string;
}

export async function decideRequest(
  deps: PointsDeps,
  principal: Principal,
  requestId: number,
  input: DecideRequestInput,
): Promise<{ entryId: number | null }> {
  const note = (input.note ?? '').trim() || null;
  if (!input.approve && !note) {
    throw new AppError('VALIDATION_FAILED', { message: '不通过时请写明理由', details: { field: 'note' } });
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('points_requests')
      .selectAll()
      .where('id', '=', requestId)
      .where(inVillageScope(principal, 'points_requests'))
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw new AppError('POINTS_REQUEST_NOT_FOUND', { details: { requestId } });
    if (request.state !== 'pending')
      throw new AppError('POINTS_ALREADY_DECIDED', { details: { state: request.state } });
    decided(checkApprover(request.given_by_user_id, principal.userId));

    let entryId: number | null = null;
    if (input.approve) {
      const household = await lockHousehold(trx, request.household_id, principal);
      const rule = await trx
        .selectFrom('points_rules')
        .select('name')
        .where('id', '=', request.rule_id)
        .executeTakeFirstOrThrow();
      const posting = decided(postAwardOrDeduction(household.balance, request.points));
      entryId = await appendEntry(
        trx,
        household,
        posting,
        {
          kind: request.points > 0 ? 'award' : 'deduct',
          occurredOn: request.occurred_on,
          ruleId: request.rule_id,
          ruleName: rule.name,
          quantity: request.quantity,
          note: request.note,
          attachmentIds: request.attachment_ids,
          caseId: request.case_id,
          activity: request.activity,
          requestId: request.id,
          givenByUserId: request.given_by_user_id,
          givenByOrgId: request.given_by_org_id,
          approvedByUserId: principal.userId,
        },
        now,
      );
    }
    await trx
      .updateTable('points_requests')
      .set({
        state: input.approve ? 'approved' : 'rejected',
        decided_by_user_id: principal.userId,
        decided_at: now,
        decision_note: note,
        version: sql`version + 1`,
      })
      .where('id', '=', request.id)
      .execute();
    // the staff member who asked hears the answer
    await notifyPoints(trx, now, [
      {
        userId: request.given_by_user_id,
        kind: input.approve ? 'points.request_approved' : 'points.request_rejected',
        title: input.approve
          ? `积分审批通过：${request.points > 0 ? '+' : ''}${request.points} 分已记入`
          : `积分审批未通过：${note}`,
        link: `/points/households/${request.household_id}`,
      },
    ]);
    await deps.audit.record(
      principal,
      {
        action: input.approve ? 'points.request.approve' : 'points.request.reject',
        targetType: 'points_request',
        targetId: request.id,
        details: { householdId: request.household_id, points: request.points, entryId },
      },
      trx,
    );
    return { entryId };
  });
}
