// What every change of a typical case or news post writes besides its row, in the change's transaction: its
// history and audit entries (record-history) and one outbox message on 'showcase.changed' (delivered to webhook
// subscriptions listing 'showcase'), which never carries the text of a draft or a person.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, recordChange } from '../record-history/index.js';

export interface ShowcaseChange {
  kind: 'showcase_case' | 'showcase_news';
  id: number;
  version: number;
  type: string;
  state: string;
  at: Date;
  details?: Record<string, unknown>;
}

export async function writeShowcaseChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: ShowcaseChange,
): Promise<void> {
  await recordChange(trx, audit, principal, {
    kind: change.kind,
    id: change.id,
    type: change.type,
    at: change.at,
    details: { version: change.version, state: change.state, ...change.details },
  });
  await announceChange(trx, {
    topic: 'showcase.changed',
    changeId: `${change.kind}:${change.id}:${change.version}`,
    at: change.at,
    payload: {
      kind: change.kind === 'showcase_case' ? 'typical_case' : 'news',
      id: change.id,
      version: change.version,
      type: change.type,
      state: change.state,
    },
  });
}
