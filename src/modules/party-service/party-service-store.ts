// What every change of a 双报到 record writes besides its row, in the change's transaction: its history and audit
// entries (record_events through recordChange) and one outbox message on 'party_service.changed' (delivered to
// webhook subscriptions that list 'party-service'; never a name or a phone).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, type RecordKind, recordChange } from '../record-history/index.js';

export interface PartyServiceChange {
  kind: Extract<RecordKind, 'party_need' | 'party_service_unit' | 'party_service_member' | 'property_compound'>;
  id: number;
  type: string;
  villageId: number;
  version: number;
  state: string;
  at: Date;
  details?: Record<string, unknown>;
}

export async function writePartyServiceChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: PartyServiceChange,
): Promise<void> {
  await recordChange(trx, audit, principal, {
    kind: change.kind,
    id: change.id,
    type: change.type,
    at: change.at,
    details: { version: change.version, state: change.state, ...change.details },
  });
  await announceChange(trx, {
    topic: 'party_service.changed',
    changeId: `${change.kind}:${change.id}:${change.version}`,
    at: change.at,
    payload: {
      kind: change.kind,
      id: change.id,
      villageId: change.villageId,
      version: change.version,
      type: change.type,
      state: change.state,
    },
  });
}
