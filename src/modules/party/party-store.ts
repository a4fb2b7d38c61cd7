// What every change of a party record writes besides its row, in the change's transaction: its history entry
// and audit entry (record-history) and one outbox message on the topic 'party.changed' (delivered to webhook
// subscriptions that list 'party').
import type { Transaction, UpdateResult } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, type RecordKind, recordChange } from '../record-history/index.js';

export type PartyRecordKind = Extract<
  RecordKind,
  'party_org' | 'party_member' | 'party_committee_member' | 'first_secretary'
>;

export interface PartyChange {
  kind: PartyRecordKind;
  id: number;
  /** 'create', 'edit', 'dissolve', 'day', 'task' …; the audit action is `${kind}.${type}` */
  type: string;
  version: number;
  at: Date;
  details?: Record<string, unknown>;
}

export async function writePartyChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: PartyChange,
): Promise<void> {
  const details = change.details ?? {};
  await recordChange(trx, audit, principal, {
    kind: change.kind,
    id: change.id,
    type: change.type,
    at: change.at,
    details,
  });
  await announceChange(trx, {
    topic: 'party.changed',
    changeId: `${change.kind}:${change.id}:${change.version}:${change.type}:${change.at.getTime()}`,
    at: change.at,
    payload: {
      kind: change.kind,
      id: change.id,
      type: change.type,
      version: change.version,
    },
  });
}

export const PARTY_EVENT_LABELS: Record<string, string> = {
  create: '新建',
  edit: '修改',
  dissolve: '撤销',
  day: '驻村记录',
  task: '交办任务',
};

/** The versioned update touched its row, or someone changed it first: PARTY_VERSION_CONFLICT (409). */
export function requireUpdated(result: UpdateResult, details: Record<string, unknown>): void {
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('PARTY_VERSION_CONFLICT', { details });
}

/** The fields an edit names (for its history entry; never their values, a phone among them). */
export function changedFields(input: object): string[] {
  return Object.keys(input).filter((k) => k !== 'version');
}
