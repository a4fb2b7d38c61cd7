// Writes one outcome of the referral machine in the caller's transaction: the row (guarded by its version), its
// history entry, the notifications of the units concerned and one outbox message. Notification titles and the
// outbox payload carry the number, the state and the risk — never the person or the concern.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { PSYCH_RISK_LABELS, PSYCH_STATE_LABELS, type PsychOutcomeOf } from '../../domain/psych/index.js';
import { announceRecordChange, notifyOfRecord } from '../../jobs/record-effects.js';

export interface PsychRowMeta {
  id: number;
  number: string;
  actorUserId: number | null;
  actorOrgId: number | null;
  /** the version the writer loaded; null when the referral is being made */
  expectedVersion: number | null;
}

export async function persistPsychOutcome(
  trx: Transaction<DB>,
  outcome: PsychOutcomeOf,
  meta: PsychRowMeta,
): Promise<void> {
  const { referral: r, event } = outcome;
  if (meta.expectedVersion !== null) {
    const updated = await trx
      .updateTable('psych_referrals')
      .set({
        state: r.state,
        acknowledged_at: r.acknowledgedAt,
        sessions: r.sessions,
        follow_ups: r.followUps,
        outcome: r.outcome,
        closed_at: r.closedAt,
        version: r.version,
        updated_at: r.updatedAt,
      })
      .where('id', '=', meta.id)
      .where('version', '=', meta.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('PSYCH_VERSION_CONFLICT', {
        details: { referralId: meta.id, yourVersion: meta.expectedVersion },
      });
    }
  }
  await trx
    .insertInto('psych_events')
    .values({
      referral_id: meta.id,
      version: r.version,
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
  const ref = {
    idColumn: 'psych_referral_id',
    id: meta.id,
    number: meta.number,
    title: `心理服务转介 · ${PSYCH_RISK_LABELS[r.risk]}`,
    link: `/psych/${meta.id}`,
  } as const;
  await notifyOfRecord(trx, ref, `psych_${event.type}`, event.at, outcome.notify);
  await announceRecordChange(trx, ref, 'psych.changed', r.version, event.at, {
    type: event.type,
    state: r.state,
    stateLabel: PSYCH_STATE_LABELS[r.state],
    riskLevel: r.risk,
    referringOrgId: r.referringOrgId,
    counsellingOrgId: r.counsellingOrgId,
  });
}
