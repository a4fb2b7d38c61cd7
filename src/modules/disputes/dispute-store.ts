// Writes one dispute outcome of the state machine in the caller's transaction: the row (guarded by its
// version), its history entry, its running clock, the notifications of the units concerned (and of the
// citizen who applied), the change to its assessment facts and one outbox message.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { DISPUTE_STATE_LABELS, type DisputeOutcome } from '../../domain/dispute/index.js';
import { announceRecordChange, notifyOfRecord, writeRecordClock } from '../../jobs/record-effects.js';
import { applyDisputeFactChange, DISPUTE_FACT_COLUMNS } from '../assessment/assessment-facts.js';
import { serializeDispute } from './dispute-snapshot.js';

export interface DisputeRowMeta {
  id: number;
  number: string;
  title: string;
  /** unit_ids before this change (every unit that ever stood to the dispute stays in it) */
  unitIds: readonly number[];
  applicantUserId: number | null;
  actorUserId: number | null;
  actorOrgId: number | null;
  /** the version the writer loaded; null when the dispute is being registered */
  expectedVersion: number | null;
}

/** What a citizen who applied is told about (not their own confirmations). */
const TELL_APPLICANT: Record<string, string> = {
  accept: '您申请的调解已受理',
  reject: '您申请的调解不予受理',
  assign: '您申请的调解已指派调解组织',
  reachAgreement: '调解协议已拟定，请按约签署',
  sign: '调解协议已签署，请按协议履行',
  fail: '调解未能达成协议',
  transfer: '您申请的调解已移交上级调解组织',
  recordFollowUp: '调解协议回访已完成',
};

export async function persistDisputeOutcome(
  trx: Transaction<DB>,
  outcome: DisputeOutcome,
  meta: DisputeRowMeta,
): Promise<void> {
  const { dispute: d, event } = outcome;
  const unitIds = [
    ...new Set([
      ...meta.unitIds,
      d.handlingOrgId,
      ...(d.mediatorOrgId ? [d.mediatorOrgId] : []),
      ...(d.supervisorOrgId ? [d.supervisorOrgId] : []),
    ]),
  ];
  const row = {
    state: d.state,
    level: d.level,
    risk_level: d.riskLevel,
    handling_org_id: d.handlingOrgId,
    mediator_org_id: d.mediatorOrgId,
    mediator_name: d.mediatorName,
    supervisor_org_id: d.supervisorOrgId,
    escalation_level: d.escalationLevel,
    overdue: d.overdue,
    listed: d.listed,
    unit_ids: unitIds,
    accepted_at: d.acceptedAt,
    mediation_due_at: d.mediationDueAt,
    concluded_at: d.concludedAt,
    signed_at: d.signedAt,
    performance: d.performance,
    agreement_number: d.agreement?.number ?? null,
    machine: serializeDispute(d),
    version: d.version,
    updated_at: d.updatedAt,
  };
  // the dispute's assessment facts before this change (调解成功率, 矛盾纠纷化解率), to move them by the difference
  const before = await trx
    .selectFrom('disputes')
    .select(DISPUTE_FACT_COLUMNS)
    .where('id', '=', meta.id)
    .executeTakeFirstOrThrow();
  if (meta.expectedVersion === null) {
    await trx.updateTable('disputes').set(row).where('id', '=', meta.id).execute();
  } else {
    const updated = await trx
      .updateTable('disputes')
      .set(row)
      .where('id', '=', meta.id)
      .where('version', '=', meta.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('DISPUTE_VERSION_CONFLICT', {
        details: { disputeId: meta.id, yourVersion: meta.expectedVersion },
      });
    }
  }
  await applyDisputeFactChange(trx, before, {
    ...before,
    state: row.state,
    accepted_at: row.accepted_at,
    concluded_at: row.concluded_at,
    signed_at: row.signed_at,
    performance: row.performance,
  });
  await trx
    .insertInto('dispute_events')
    .values({
      dispute_id: meta.id,
      version: d.version,
      type: event.type,
      at: event.at,
      from_state: event.fromState,
      to_state: event.toState,
      actor_user_id: meta.actorUserId,
      actor_org_id: meta.actorOrgId,
      note: event.note,
      details: JSON.stringify(event.details),
    })
    .execute();

  const ref = { idColumn: 'dispute_id', id: meta.id, number: meta.number, title: meta.title } as const;
  await writeRecordClock(trx, ref, d.clock);

  const applicantNote = TELL_APPLICANT[event.type];
  await notifyOfRecord(trx, ref, `dispute_${event.type}`, event.at, [
    ...outcome.notify,
    ...(meta.applicantUserId !== null && applicantNote && meta.actorUserId !== meta.applicantUserId
      ? [{ orgId: null, userId: meta.applicantUserId, title: applicantNote }]
      : []),
  ]);
  await announceRecordChange(trx, ref, 'dispute.changed', d.version, event.at, {
    type: event.type,
    state: d.state,
    stateLabel: DISPUTE_STATE_LABELS[d.state],
    riskLevel: d.riskLevel,
    handlingOrgId: d.handlingOrgId,
    mediatorOrgId: d.mediatorOrgId,
  });
}
