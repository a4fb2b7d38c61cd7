// What every change of the legal-adviser records writes besides the row, in the change's transaction: its
// history entry (legal_events), the audit entry and one outbox message on the topic 'legal.changed'
// (delivered by the outbox dispatcher to webhook subscribers that tick 法律顾问 'legal').
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange } from '../record-history/index.js';

export type LegalRecordType = 'adviser' | 'assignment' | 'entry';

export interface LegalChange {
  recordType: LegalRecordType;
  id: number;
  /** 'create', 'update', 'end', 'void' …; the audit action is `legal.${recordType}.${type}` */
  type: string;
  version: number;
  at: Date;
  details?: Record<string, unknown>;
}

export async function writeLegalChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: LegalChange,
): Promise<void> {
  const details = change.details ?? {};
  await trx
    .insertInto('legal_events')
    .values({
      record_type: change.recordType,
      record_id: change.id,
      type: change.type,
      at: change.at,
      actor_user_id: principal?.userId ?? null,
      actor_org_id: principal?.orgId ?? null,
      details: JSON.stringify(details),
    })
    .execute();
  await audit.record(
    principal,
    {
      action: `legal.${change.recordType}.${change.type}`,
      targetType: `legal_${change.recordType}`,
      targetId: change.id,
      details,
    },
    trx,
  );
  await announceChange(trx, {
    topic: 'legal.changed',
    changeId: `legal:${change.recordType}:${change.id}:${change.version}`,
    at: change.at,
    payload: {
      recordType: change.recordType,
      id: change.id,
      type: change.type,
      version: change.version,
      ...details,
    },
  });
}

export const LEGAL_EVENT_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  end: '解聘',
  void: '作废',
  handover: '更换顾问',
};

/** Runs `fn` in the caller's transaction (the demo seed's), or in a new one. */
export function inTransaction<T>(
  db: Kysely<DB>,
  trx: Transaction<DB> | undefined,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return trx ? fn(trx) : db.transaction().execute(fn);
}
