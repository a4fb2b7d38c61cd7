// What the deliberation use cases need from the rest of the system (and nothing more).
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { TaskService } from '../tasks/index.js';

export interface DeliberationDeps {
  db: Kysely<DB> | Transaction<DB>;
  clock: Clock;
  audit: AuditService;
  tasks: Pick<TaskService, 'create'>;
  attachments: Pick<AttachmentService, 'notOwnedBy'>;
}

/**
 * Runs `work` in one transaction: a new one, or the caller's when `db` already is one (the demo seed plays
 * the use cases inside its own transaction).
 */
export function inTransaction<T>(db: Kysely<DB> | Transaction<DB>, work: (trx: Transaction<DB>) => Promise<T>) {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return db.transaction().execute(work);
}
