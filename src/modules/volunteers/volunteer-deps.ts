// What the volunteer use cases need from the rest of the system (and nothing more).
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';

export interface VolunteerDeps {
  db: Kysely<DB> | Transaction<DB>;
  clock: Clock;
  audit: AuditService;
}

/**
 * Runs `work` in one transaction: a new one, or the caller's when `db` already is one (the demo seed plays
 * the use cases inside its own transaction).
 */
export function inTransaction<T>(db: Kysely<DB> | Transaction<DB>, work: (trx: Transaction<DB>) => Promise<T>) {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return db.transaction().execute(work);
}
